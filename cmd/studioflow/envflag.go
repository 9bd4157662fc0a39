package main

import (
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
)

// loadFlowEnv is loadFlow, then, when env is not empty, the substitution of
// environment env's values (environments/ENV.yaml beside the flow or above
// it, or a values file named directly) into the flow's ${NAME}
// placeholders. The bytes returned are the substituted flow. Placeholders
// without a value are left in place and reported in an
// *environments.MissingError, returned with the flow.
func loadFlowEnv(path, env string) ([]byte, *model.Flow, error) {
	data, f, err := loadFlow(path)
	if err != nil || env == "" {
		return data, f, err
	}
	values, err := environments.Resolve(path, env)
	if err != nil {
		return data, nil, err
	}
	out, err := environments.Substitute(f, values)
	if out == nil {
		return data, nil, err
	}
	return out.Marshal(), out, err
}
