package restapi

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/workspace"
)

// eventJSON is one event of the stream: what the flow said or sent, a step,
// a wait, the end.
type eventJSON struct {
	Kind         string         `json:"kind"`
	ExecutionSID string         `json:"execution_sid"`
	Widget       string         `json:"widget,omitempty"`
	Text         string         `json:"text,omitempty"`
	To           string         `json:"to,omitempty"`
	From         string         `json:"from,omitempty"`
	Step         *engine.Step   `json:"step,omitempty"`
	Ending       *engine.Ending `json:"ending,omitempty"`
	Waiting      string         `json:"waiting_for,omitempty"`
}

// streamEvents serves GET …/Executions/{Sid}/Events, not part of Studio's
// API: the execution's events as Server-Sent Events from now until it ends
// or the client goes away, so the desktop app can follow a live execution.
func (s *Server) streamEvents(q *request) *apiError {
	flow, exec := q.params["FlowSid"], q.params["ExecutionSid"]
	flusher, ok := q.w.(http.Flusher)
	if !ok {
		return newError(http.StatusInternalServerError, codeInternal, "this connection cannot stream")
	}
	events, cancel := s.cfg.Sessions.Subscribe(flow, exec)
	defer cancel()
	x, err := s.cfg.Store.Execution(flow, exec)
	if err != nil {
		return q.storeError(err)
	}
	h := q.w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	q.w.WriteHeader(http.StatusOK)
	if x.Status == engine.StatusEnded {
		writeEvent(q.w, eventJSON{Kind: string(engine.EventEnd), ExecutionSID: exec, Ending: &engine.Ending{Kind: x.EndedKind, Reason: x.EndedReason}})
		flusher.Flush()
		return nil
	}
	flusher.Flush()
	for {
		select {
		case <-q.r.Context().Done():
			return nil
		case e, open := <-events:
			if !open {
				return nil
			}
			writeEvent(q.w, eventResource(q.base, q.account, e, flow))
			flusher.Flush()
			if e.Kind == engine.EventEnd {
				return nil
			}
		}
	}
}

func eventResource(base, account string, e engine.Event, flow string) eventJSON {
	out := eventJSON{Kind: string(e.Kind), ExecutionSID: e.Execution, Widget: e.Widget, Text: e.Text, To: e.To, From: e.From, Ending: e.Ending}
	if e.Step != nil {
		st := stepResource(base, account, workspace.Step{
			SID: e.Step.SID, FlowSID: flow, ExecutionSID: e.Step.ExecutionSID,
			ParentStepSID: e.Step.ParentStepSID, Name: e.Step.Name, Type: e.Step.Type,
			TransitionedFrom: e.Step.TransitionedFrom, TransitionedTo: e.Step.TransitionedTo, Detail: e.Step.Detail,
		})
		st.DateCreated, st.DateUpdated = e.Step.DateCreated, e.Step.DateUpdated
		out.Step = &st
	}
	if e.Wait != nil {
		out.Waiting = string(e.Wait.Kind)
	}
	return out
}

func writeEvent(w http.ResponseWriter, e eventJSON) {
	data, err := json.Marshal(e)
	if err != nil {
		data = []byte(fmt.Sprintf(`{"kind":"error","text":%q}`, err.Error()))
	}
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Kind, data)
}
