package simulator

import (
	"fmt"

	"github.com/studioflow/studioflow/model/environments"
)

// UseEnvironmentsFrom offers the environments found for a flow in dir
// (environments/*.yaml beside it or above) in the start form's picker; the
// picked one's values are substituted into the flow each run starts with.
func (p *Panel) UseEnvironmentsFrom(dir string) {
	p.start.setEnvironments(environments.Available(dir))
}

// Environment returns the environment picked in the start form, nil for
// none (or when its values file cannot be read).
func (p *Panel) Environment() *environments.Values {
	v, err := p.start.environment()
	if err != nil {
		return nil
	}
	return v
}

// PickEnvironment picks the environment name in the start form ("" for
// none), as choosing it in the picker does.
func (p *Panel) PickEnvironment(name string) error {
	if name == "" {
		p.start.envPick.SetSelected(noEnvironment)
		return nil
	}
	for _, c := range p.start.envs {
		if c.Name == name {
			p.start.envPick.SetSelected(name)
			return nil
		}
	}
	return fmt.Errorf("no environment %q beside the flow", name)
}

// OnEnvironment sets fn to hear each environment pick (the inspector shows
// placeholders with the picked environment's values).
func (p *Panel) OnEnvironment(fn func(*environments.Values)) {
	p.start.onEnv = func() { fn(p.Environment()) }
}
