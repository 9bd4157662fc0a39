package ui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// subflowChoice is a flow Run Subflow can call: its SID and how the picker
// names it. read loads its definition (to learn the parameters it reads).
type subflowChoice struct {
	SID   string
	Label string
	read  func() (*model.Flow, error)
}

var flowSIDPattern = regexp.MustCompile(`FW[0-9a-fA-F]{32}`)

// folderSubflows lists the flows of dir a Run Subflow in a flow of that
// folder can call: `studioflow run`, `test` and the simulator find a
// subflow as the file of the folder whose name is or contains its SID
// (engine.FolderResolver), so those are the files offered. skip is the
// open flow's own file.
func folderSubflows(dir, skip string) []subflowChoice {
	if dir == "" {
		return nil
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	sort.Strings(paths)
	var out []subflowChoice
	for _, p := range paths {
		if p == skip {
			continue
		}
		sid := flowSIDPattern.FindString(filepath.Base(p))
		if sid == "" {
			continue
		}
		path := p
		label := filepath.Base(p)
		f, err := readFlowFile(path)
		if err != nil {
			continue
		}
		if d := f.Description(); d != "" {
			label += " · " + d
		}
		out = append(out, subflowChoice{SID: sid, Label: label, read: func() (*model.Flow, error) { return readFlowFile(path) }})
	}
	return out
}

// subflowChoices lists what the editor's Run Subflow picker offers: the
// workspace's flows when the workspace is open, and the flow files beside
// the open flow that the engine can find by SID.
func (e *Editor) subflowChoices() []subflowChoice {
	var out []subflowChoice
	if e.ws != nil && e.ws.store != nil {
		if flows, err := e.ws.store.Flows(); err == nil {
			for _, wf := range flows {
				sid := wf.SID
				if sid == e.ws.flowSID {
					continue
				}
				store := e.ws.store
				out = append(out, subflowChoice{SID: sid, Label: wf.FriendlyName + " · workspace", read: func() (*model.Flow, error) {
					full, err := store.Flow(sid)
					if err != nil {
						return nil, err
					}
					return model.Parse(full.Definition)
				}})
			}
		}
	}
	out = append(out, folderSubflows(e.subflowFolder(), e.path)...)
	return out
}

// subflowFolder is where the open flow's subflows are looked for: its own
// folder, or for a flow not saved yet the folder of the flow file used
// last (save the flow there too, for the engine to find them).
func (e *Editor) subflowFolder() string {
	if e.path != "" {
		return filepath.Dir(e.path)
	}
	if recent := e.RecentFiles(); len(recent) > 0 {
		return filepath.Dir(recent[0])
	}
	return ""
}

// parentParameterPattern finds the subflow parameters a flow reads: the
// engine gives a subflow its caller's parameters as
// trigger.parent.parameters.<key>.
var parentParameterPattern = regexp.MustCompile(`trigger\.parent\.parameters\.([A-Za-z_][A-Za-z0-9_]*)`)

// parametersRead lists, sorted, the subflow parameters f reads.
func parametersRead(f *model.Flow) []string {
	seen := map[string]bool{}
	for _, m := range parentParameterPattern.FindAllStringSubmatch(string(f.Marshal()), -1) {
		seen[m[1]] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// subflowField edits Run Subflow's flow_sid: a picker of the flows it can
// call (workspace flows, flow files beside this one named by their SID),
// the SID itself for any other, and a button that adds the parameters the
// chosen flow reads to the Parameters table.
func (in *Inspector) subflowField(s *model.State, spec schemas.PropertySpec) fyne.CanvasObject {
	name := s.Name()
	current := s.StringProperty("flow_sid")
	var choices []subflowChoice
	if in.SubflowChoices != nil {
		choices = in.SubflowChoices()
	}
	sidEntry := newTextField(false, in.keys)
	sidEntry.SetText(current)
	sidEntry.SetPlaceHolder("FW… (the subflow's SID)")
	sidEntry.OnChanged = func(v string) { in.setProperty(name, "flow_sid", v) }

	labels := make([]string, 0, len(choices))
	selected := ""
	for _, c := range choices {
		labels = append(labels, c.Label)
		if c.SID == current {
			selected = c.Label
		}
	}
	picker := kbd.NewSelect(labels, nil)
	picker.PlaceHolder = "Choose a flow"
	if len(choices) == 0 {
		picker.PlaceHolder = "No flow to choose: save subflows beside this one as FW….json"
		picker.Disable()
	}
	if selected != "" {
		picker.SetSelected(selected)
	}
	picker.OnChanged = func(label string) {
		i := slices.IndexFunc(choices, func(c subflowChoice) bool { return c.Label == label })
		if i < 0 {
			return
		}
		in.applyStructural(model.SetProperty(name, "flow_sid", choices[i].SID))
	}
	add := in.control("subflow/add-parameters", kbd.NewButtonWithIcon("Add the parameters it reads", theme.ContentAddIcon(), func() {
		in.addParametersRead(name, choices)
	}))
	add.Importance = widget.LowImportance
	if selected == "" {
		add.Disable()
	}
	hint := "A subflow is found by its SID: a workspace flow, or a file in this flow's folder whose name holds the SID."
	// The picker holds the focus when it has flows to offer, so choosing
	// one (which rebuilds the form) leaves the keyboard on it.
	var focus fyne.Focusable = sidEntry
	if len(choices) > 0 {
		focus = picker
	}
	ed := propertyEditor{object: container.NewVBox(picker, sidEntry, container.NewHBox(add)), focus: focus, hint: hint}
	return in.addRow("/properties/flow_sid", titleFor(spec, "flow_sid"), spec.Required, ed)
}

// addParametersRead adds to Run Subflow's parameters, with empty values,
// the keys the chosen subflow reads and the table lacks, as one step.
func (in *Inspector) addParametersRead(widgetName string, choices []subflowChoice) {
	s := in.doc.Flow().State(widgetName)
	if s == nil {
		return
	}
	sid := s.StringProperty("flow_sid")
	i := slices.IndexFunc(choices, func(c subflowChoice) bool { return c.SID == sid })
	if i < 0 {
		return
	}
	sub, err := choices[i].read()
	if err != nil {
		if in.OnError != nil {
			in.OnError(fmt.Errorf("read the subflow %s: %w", sid, err))
		}
		return
	}
	v, _ := s.Property("parameters")
	list, _ := model.CloneValue(v).([]any)
	have := map[string]bool{}
	for _, e := range list {
		if o, ok := e.(*model.Object); ok {
			k, _ := o.String("key")
			have[k] = true
		}
	}
	added := false
	for _, k := range parametersRead(sub) {
		if !have[k] {
			list = append(list, model.NewObject(model.Member{Key: "key", Value: k}, model.Member{Key: "value", Value: ""}))
			added = true
		}
	}
	if added {
		in.applyStructural(model.SetProperty(widgetName, "parameters", list))
	}
}

// subflowParametersNote tells, on the Trigger, which parameters this flow
// reads when it runs as a subflow: callers set them in Run Subflow.
func subflowParametersNote(f *model.Flow) fyne.CanvasObject {
	keys := parametersRead(f)
	text := "None read yet. Use {{trigger.parent.parameters.NAME}} in a widget to read one; a parent flow's Run Subflow sets it."
	if len(keys) > 0 {
		var refs []string
		for _, k := range keys {
			refs = append(refs, "{{trigger.parent.parameters."+k+"}}")
		}
		text = strings.Join(refs, "\n") + "\nA parent flow's Run Subflow sets them (Parameters, by key)."
	}
	l := hintLabel(text)
	return container.NewVBox(sectionTitle("Subflow parameters"), l)
}
