package restapi

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/studioflow/studioflow/studio"
	"github.com/studioflow/studioflow/studio/wire"
	"github.com/studioflow/studioflow/studio/workspace"
)

// storeError maps a workspace error to the API's.
func (q *request) storeError(err error) *wire.Error {
	if errors.Is(err, workspace.ErrNotFound) {
		return notFound(q.r.URL.Path)
	}
	if errors.Is(err, workspace.ErrInvalid) {
		return badRequest("%v", err)
	}
	return wire.NewError(http.StatusInternalServerError, codeInternal, "The workspace failed: %v", err)
}

func readStatus(form url.Values) (string, *wire.Error) {
	status, apiErr := required(form, "Status")
	if apiErr != nil {
		return "", apiErr
	}
	if status != workspace.StatusDraft && status != workspace.StatusPublished {
		return "", badRequest("Status %q is not valid: it must be draft or published", status)
	}
	return status, nil
}

func (s *Server) createFlow(q *request) *wire.Error {
	form, apiErr := q.form()
	if apiErr != nil {
		return apiErr
	}
	name, apiErr := required(form, "FriendlyName")
	if apiErr != nil {
		return apiErr
	}
	status, apiErr := readStatus(form)
	if apiErr != nil {
		return apiErr
	}
	text, apiErr := required(form, "Definition")
	if apiErr != nil {
		return apiErr
	}
	def, apiErr := s.readDefinition(text)
	if apiErr != nil {
		return apiErr
	}
	if status == workspace.StatusPublished && !def.Valid() {
		return invalidDefinition(def)
	}
	f, err := s.cfg.Store.CreateFlow(workspace.Save{
		FriendlyName: name, Status: status, CommitMessage: optional(form, "CommitMessage"),
		Definition: def.Compact, Valid: def.Valid(), Errors: def.Errors, Warnings: def.Warnings,
	}, s.cfg.Now())
	if err != nil {
		return q.storeError(err)
	}
	writeWithDefinition(q.w, http.StatusCreated, newFlow(q.base, q.account, f, false), f.Definition)
	return nil
}

func (s *Server) updateFlow(q *request) *wire.Error {
	sid := q.params["FlowSid"]
	form, apiErr := q.form()
	if apiErr != nil {
		return apiErr
	}
	status, apiErr := readStatus(form)
	if apiErr != nil {
		return apiErr
	}
	current, err := s.cfg.Store.FlowInfo(sid)
	if err != nil {
		return q.storeError(err)
	}
	save := workspace.Save{
		FriendlyName: current.FriendlyName, Status: status, CommitMessage: optional(form, "CommitMessage"),
		Valid: current.Valid, Errors: current.Errors, Warnings: current.Warnings,
	}
	if name := optional(form, "FriendlyName"); name != nil {
		if *name == "" {
			return badRequest("FriendlyName cannot be empty")
		}
		save.FriendlyName = *name
	}
	if text := optional(form, "Definition"); text != nil {
		def, apiErr := s.readDefinition(*text)
		if apiErr != nil {
			return apiErr
		}
		save.Definition, save.Valid, save.Errors, save.Warnings = def.Compact, def.Valid(), def.Errors, def.Warnings
	}
	if status == workspace.StatusPublished && !save.Valid {
		return invalidDefinition(studio.Checked{Errors: save.Errors, Warnings: save.Warnings})
	}
	f, err := s.cfg.Store.UpdateFlow(sid, save, s.cfg.Now())
	if err != nil {
		return q.storeError(err)
	}
	writeWithDefinition(q.w, http.StatusOK, newFlow(q.base, q.account, f, false), f.Definition)
	return nil
}

func (s *Server) fetchFlow(q *request) *wire.Error {
	f, err := s.cfg.Store.Flow(q.params["FlowSid"])
	if err != nil {
		return q.storeError(err)
	}
	writeWithDefinition(q.w, http.StatusOK, newFlow(q.base, q.account, f, false), f.Definition)
	return nil
}

func (s *Server) listFlows(q *request) *wire.Error {
	query, apiErr := q.query()
	if apiErr != nil {
		return apiErr
	}
	paging, apiErr := readPaging(query)
	if apiErr != nil {
		return apiErr
	}
	flows, err := s.cfg.Store.Flows()
	if err != nil {
		return q.storeError(err)
	}
	keys := make([]string, len(flows))
	for i, f := range flows {
		keys[i] = f.SID
	}
	page, meta, apiErr := paginate(flows, keys, paging, q.base, wire.FlowsPath, "flows")
	if apiErr != nil {
		return apiErr
	}
	out := wire.FlowPage{Meta: meta, Flows: make([]wire.Flow, len(page))}
	for i, f := range page {
		out.Flows[i] = newFlow(q.base, q.account, f, true)
	}
	writeJSON(q.w, http.StatusOK, out)
	return nil
}

func (s *Server) deleteFlow(q *request) *wire.Error {
	if err := s.cfg.Sessions.DeleteFlow(q.params["FlowSid"]); err != nil {
		return q.storeError(err)
	}
	q.w.WriteHeader(http.StatusNoContent)
	return nil
}

// validateFlow takes Create's parameters and answers {"valid": true}, or a
// 400 listing every problem in details.
func (s *Server) validateFlow(q *request) *wire.Error {
	form, apiErr := q.form()
	if apiErr != nil {
		return apiErr
	}
	for _, name := range []string{"FriendlyName", "Status"} {
		if _, apiErr := required(form, name); apiErr != nil {
			return apiErr
		}
	}
	if _, apiErr := readStatus(form); apiErr != nil {
		return apiErr
	}
	text, apiErr := required(form, "Definition")
	if apiErr != nil {
		return apiErr
	}
	def, apiErr := s.readDefinition(text)
	if apiErr != nil {
		return apiErr
	}
	if !def.Valid() {
		return invalidDefinition(def)
	}
	writeJSON(q.w, http.StatusOK, wire.FlowValidation{Valid: true})
	return nil
}

func (s *Server) listRevisions(q *request) *wire.Error {
	query, apiErr := q.query()
	if apiErr != nil {
		return apiErr
	}
	paging, apiErr := readPaging(query)
	if apiErr != nil {
		return apiErr
	}
	sid := q.params["FlowSid"]
	page, info, err := s.cfg.Store.RevisionsPage(sid, paging.pageQuery())
	if errors.Is(err, workspace.ErrCursor) {
		return cursorGone(paging)
	}
	if err != nil {
		return q.storeError(err)
	}
	first, last := "", ""
	if len(page) > 0 {
		first, last = strconv.Itoa(page[0].Revision), strconv.Itoa(page[len(page)-1].Revision)
	}
	meta := pageMeta(paging, q.base, wire.RevisionsPath(sid), "revisions", first, last, info)
	out := wire.FlowRevisionPage{Meta: meta, Revisions: make([]wire.FlowRevision, len(page))}
	for i, r := range page {
		out.Revisions[i] = newFlowRevision(q.base, q.account, r)
	}
	writeJSON(q.w, http.StatusOK, out)
	return nil
}

func (s *Server) fetchRevision(q *request) *wire.Error {
	sid, which := q.params["FlowSid"], q.params["Revision"]
	var n int
	switch which {
	case "LatestPublished", "LatestRevision":
		f, err := s.cfg.Store.FlowInfo(sid)
		if err != nil {
			return q.storeError(err)
		}
		n = f.Revision
		if which == "LatestPublished" {
			n = f.LatestPublished
		}
		if n == 0 {
			return wire.NewError(http.StatusNotFound, codeNotFound, "Flow %s has no published revision", sid)
		}
	default:
		n, _ = strconv.Atoi(which) // the route's pattern allows digits only here
	}
	rev, err := s.cfg.Store.Revision(sid, n)
	if err != nil {
		return q.storeError(err)
	}
	writeWithDefinition(q.w, http.StatusOK, newFlowRevision(q.base, q.account, rev), rev.Definition)
	return nil
}

func (s *Server) fetchTestUsers(q *request) *wire.Error {
	f, err := s.cfg.Store.FlowInfo(q.params["FlowSid"])
	if err != nil {
		return q.storeError(err)
	}
	writeJSON(q.w, http.StatusOK, newFlowTestUser(q.base, f))
	return nil
}

func (s *Server) updateTestUsers(q *request) *wire.Error {
	form, apiErr := q.form()
	if apiErr != nil {
		return apiErr
	}
	users, ok := form["TestUsers"]
	if !ok {
		return badRequest("Missing required parameter TestUsers in the post body")
	}
	kept := make([]string, 0, len(users))
	for _, u := range users {
		if u != "" {
			kept = append(kept, u)
		}
	}
	f, err := s.cfg.Store.SetTestUsers(q.params["FlowSid"], kept)
	if err != nil {
		return q.storeError(err)
	}
	writeJSON(q.w, http.StatusOK, newFlowTestUser(q.base, f))
	return nil
}
