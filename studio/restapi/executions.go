package restapi

import (
	"errors"
	"net/http"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/wire"
	"github.com/studioflow/studioflow/studio/workspace"
)

// executionError maps a sessions error to the API's: Studio's 409 for a
// contact with an active execution.
func (q *request) executionError(err error) *wire.Error {
	var conflict *engine.ConflictError
	switch {
	case errors.As(err, &conflict):
		e := wire.NewError(http.StatusConflict, codeConflict, "%s", conflict.Error())
		e.Details = map[string]any{"conflicting_execution_sid": conflict.ExecutionSID}
		return e
	case errors.Is(err, sessions.ErrNotPublished):
		return badRequest("%v", err)
	case errors.Is(err, sessions.ErrOverrun):
		return wire.NewError(http.StatusGatewayTimeout, codeInternal, "%v", err)
	}
	return q.storeError(err)
}

func (s *Server) createExecution(q *request) *wire.Error {
	form, apiErr := q.form()
	if apiErr != nil {
		return apiErr
	}
	to, apiErr := required(form, "To")
	if apiErr != nil {
		return apiErr
	}
	from, apiErr := required(form, "From")
	if apiErr != nil {
		return apiErr
	}
	params := map[string]any{}
	if text := optional(form, "Parameters"); text != nil && *text != "" {
		var err error
		if params, err = engine.ParseParameters(*text); err != nil {
			return badRequest("Parameters must be a JSON object, as a string (e.g. {\"name\":\"Zeke\"}): %v", err)
		}
	}
	res, err := s.cfg.Sessions.StartREST(q.params["FlowSid"], to, from, params)
	if err != nil {
		return q.executionError(err)
	}
	writeJSON(q.w, http.StatusCreated, newExecution(q.base, q.account, res.Execution))
	return nil
}

func (s *Server) listExecutions(q *request) *wire.Error {
	query, paging, apiErr := q.listQuery()
	if apiErr != nil {
		return apiErr
	}
	var bounds [2]time.Time
	for i, name := range []string{"DateCreatedFrom", "DateCreatedTo"} {
		v := query.Get(name)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return badRequest("%s %q is not an ISO 8601 date-time such as 2024-05-01T12:00:00Z or 2024-05-01T05:00:00-07:00", name, v)
		}
		bounds[i] = t
	}
	// Status (active or ended) is a filter twilio-node 6 sends.
	status := query.Get("Status")
	if status != "" && status != engine.StatusActive && status != engine.StatusEnded {
		return badRequest("Status %q is not valid: it must be %s or %s", status, engine.StatusActive, engine.StatusEnded)
	}
	flow := q.params["FlowSid"]
	pq := paging.pageQuery()
	pq.Status = status
	page, info, err := s.cfg.Store.ExecutionsPage(flow, bounds[0], bounds[1], pq)
	if err != nil {
		return q.pageError(paging, err)
	}
	meta := pageMetaOf(paging, q.base, wire.ExecutionsPath(flow), "executions", page, executionKey, info)
	writeJSON(q.w, http.StatusOK, wire.ExecutionPage{Meta: meta, Executions: resources(q, page, newExecution)})
	return nil
}

// executionKey is an execution's paging cursor: its place in the list,
// which a next page still finds once it is deleted or no longer matches
// the list's Status.
func executionKey(x workspace.Execution) string { return workspace.ExecutionCursor(x) }

func (s *Server) fetchExecution(q *request) *wire.Error {
	x, err := s.cfg.Store.Execution(q.params["FlowSid"], q.params["ExecutionSid"])
	return writeResource(q, x, err, newExecution)
}

func (s *Server) updateExecution(q *request) *wire.Error {
	form, apiErr := q.form()
	if apiErr != nil {
		return apiErr
	}
	status, apiErr := required(form, "Status")
	if apiErr != nil {
		return apiErr
	}
	if status != engine.StatusEnded {
		return badRequest("Status %q is not valid: an execution can only be updated to ended", status)
	}
	x, err := s.cfg.Sessions.End(q.params["FlowSid"], q.params["ExecutionSid"])
	if err != nil {
		return q.executionError(err)
	}
	writeJSON(q.w, http.StatusOK, newExecution(q.base, q.account, x))
	return nil
}

func (s *Server) deleteExecution(q *request) *wire.Error {
	if err := s.cfg.Sessions.Delete(q.params["FlowSid"], q.params["ExecutionSid"]); err != nil {
		return q.executionError(err)
	}
	q.w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) fetchExecutionContext(q *request) *wire.Error {
	x, err := s.cfg.Store.Execution(q.params["FlowSid"], q.params["ExecutionSid"])
	return writeResource(q, x, err, newExecutionContext)
}

func (s *Server) listSteps(q *request) *wire.Error {
	_, paging, apiErr := q.listQuery()
	if apiErr != nil {
		return apiErr
	}
	flow, exec := q.params["FlowSid"], q.params["ExecutionSid"]
	steps, err := s.cfg.Store.Steps(flow, exec)
	if err != nil {
		return q.storeError(err)
	}
	page, meta, apiErr := paginate(steps, stepKey, paging, q.base, wire.StepsPath(flow, exec), "steps", false)
	if apiErr != nil {
		return apiErr
	}
	writeJSON(q.w, http.StatusOK, wire.ExecutionStepPage{Meta: meta, Steps: resources(q, page, wire.NewExecutionStep)})
	return nil
}

func stepKey(st engine.Step) string { return st.SID }

func (s *Server) fetchStep(q *request) *wire.Error {
	st, err := s.cfg.Store.Step(q.params["FlowSid"], q.params["ExecutionSid"], q.params["StepSid"])
	return writeResource(q, st, err, wire.NewExecutionStep)
}

func (s *Server) fetchStepContext(q *request) *wire.Error {
	st, err := s.cfg.Store.Step(q.params["FlowSid"], q.params["ExecutionSid"], q.params["StepSid"])
	return writeResource(q, st, err, wire.NewExecutionStepContext)
}
