package schemas

import (
	"slices"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// triggerNamespaces are the trigger.* namespaces each trigger event fills,
// with the fields Twilio sends (the engine fills them when it runs).
var triggerNamespaces = []struct {
	event, namespace string
	fields           []string
}{
	{"incomingMessage", "message", []string{"Body", "From", "To", "MessageSid", "NumMedia", "FromCity", "FromState", "FromZip", "FromCountry"}},
	{"incomingCall", "call", []string{"From", "To", "CallSid", "CallStatus", "Caller", "Called", "Direction", "FromCity", "FromState", "FromZip", "FromCountry"}},
	{"incomingConversationMessage", "conversation", []string{"Body", "Author", "ConversationSid", "MessageSid", "ParticipantSid", "Source"}},
	{"incomingRequest", "request", []string{"from", "to", "parameters"}},
	{"incomingParent", "parent", []string{"parameters"}},
}

// Candidate is one completion.
type Candidate struct {
	Text   string // what replaces the word being typed: "widgets.menu.Digits", "downcase"
	Detail string // what it is, for people
}

// Completion is what autocomplete offers at a cursor.
type Completion struct {
	// From is the byte offset where the word being typed starts; a chosen
	// candidate replaces before[From:].
	From       int
	Candidates []Candidate
}

// Complete offers what exists at widget at for the template text before the
// cursor: nothing outside Liquid markup; after a `|`, the filters; else
// trigger.* for the trigger events that reach the widget, flow.data (keys
// the flow uses), flow.variables set upstream, and widgets.NAME.* for the
// widgets upstream with the outputs their type documents. Candidates start
// with the word being typed.
func Complete(f *model.Flow, cat *Catalog, at, before string) Completion {
	open := max(strings.LastIndex(before, "{{"), strings.LastIndex(before, "{%"))
	if open < 0 || strings.LastIndex(before, "}}") > open || strings.LastIndex(before, "%}") > open {
		return Completion{From: len(before)}
	}
	start := len(before)
	for start > open+2 && (model.IsNameByte(before[start-1]) || before[start-1] == '.') {
		start--
	}
	word := before[start:]
	markup := strings.TrimRight(before[open+2:start], " ")
	var all []Candidate
	if strings.HasSuffix(markup, "|") {
		for _, name := range liquid.FilterNames() {
			all = append(all, Candidate{Text: name, Detail: "filter"})
		}
	} else {
		all = pathCandidates(f, cat, at)
	}
	out := Completion{From: start}
	for _, c := range all {
		if strings.HasPrefix(c.Text, word) {
			out.Candidates = append(out.Candidates, c)
		}
	}
	return out
}

// pathCandidates lists, in this order, the variables set upstream, the
// upstream widgets' outputs, flow.data, the trigger's fields and the flow's
// own.
func pathCandidates(f *model.Flow, cat *Catalog, at string) []Candidate {
	var out []Candidate
	add := func(text, detail string) {
		for _, c := range out {
			if c.Text == text {
				return
			}
		}
		out = append(out, Candidate{Text: text, Detail: detail})
	}
	upstream := upstreamOf(f, at)
	for _, st := range f.States() {
		if upstream(st.Name()) {
			for _, key := range setVariableKeys(cat, st) {
				if key != "" {
					add("flow.variables."+key, "set by "+st.Name())
				}
			}
		}
	}
	for _, st := range f.States() {
		if st.IsTrigger() || !upstream(st.Name()) {
			continue
		}
		w, ok := cat.Lookup(st.Type())
		if !ok {
			continue
		}
		outputs := w.Outputs()
		slices.Sort(outputs)
		for _, o := range outputs {
			add("widgets."+st.Name()+"."+o, o+" of "+st.Name()+" ("+w.Title+")")
		}
	}
	scope, i := scopeAt(f, cat, upstream), f.IndexOf(at)
	for _, t := range triggerNamespaces {
		if scope.judge(Reference{Kind: RefTrigger, Name: t.namespace}, i, false) != refSound {
			continue
		}
		for _, field := range t.fields {
			add("trigger."+t.namespace+"."+field, "sent by Twilio for "+t.event)
		}
	}
	if scope.judge(Reference{Kind: RefData}, i, false) == refSound {
		add("flow.data", "the REST API execution's parameters")
		for _, u := range Usages(f, RefData, "") {
			if u.Ref.Name != "" {
				add("flow.data."+u.Ref.Name, "a parameter the flow reads")
			}
		}
	}
	add("flow.channel.address", "the flow's own number or address")
	add("flow.flow_sid", "the flow's SID")
	return out
}
