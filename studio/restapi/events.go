package restapi

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/wire"
)

// streamEvents serves GET …/Executions/{Sid}/Events, not part of Studio's
// API: the execution's events as Server-Sent Events from now until it ends
// or the client goes away, so the desktop app can follow a live execution.
func (s *Server) streamEvents(q *request) *wire.Error {
	flow, exec := q.params["FlowSid"], q.params["ExecutionSid"]
	flusher, ok := q.w.(http.Flusher)
	if !ok {
		return wire.NewError(http.StatusInternalServerError, codeInternal, "this connection cannot stream")
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
		writeEvent(q.w, wire.Event{Kind: string(engine.EventEnd), ExecutionSID: exec, Ending: &engine.Ending{Kind: x.EndedKind, Reason: x.EndedReason}})
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

// eventResource is engine event e of an execution of flow. A step comes
// without its context: the stream tells what happened, the Steps resource
// the context of the moment.
func eventResource(base, account string, e engine.Event, flow string) wire.Event {
	out := wire.Event{Kind: string(e.Kind), ExecutionSID: e.Execution, Widget: e.Widget, Text: e.Text, To: e.To, From: e.From, Ending: e.Ending}
	if e.Step != nil {
		step := *e.Step
		step.FlowSID, step.Context = flow, nil
		st := wire.NewExecutionStep(base, account, step)
		out.Step = &st
	}
	if e.Wait != nil {
		out.Waiting = string(e.Wait.Kind)
	}
	return out
}

func writeEvent(w http.ResponseWriter, e wire.Event) {
	data, err := json.Marshal(e)
	if err != nil {
		data = []byte(fmt.Sprintf(`{"kind":"error","text":%q}`, err.Error()))
	}
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Kind, data)
}
