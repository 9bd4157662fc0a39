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

// newFlowForm is Create's parameters (Validate takes them too):
// FriendlyName, Status and a Definition, checked, and a CommitMessage.
type newFlowForm struct {
	name, status  string
	commitMessage *string
	def           studio.Checked
}

func (s *Server) readNewFlow(q *request) (newFlowForm, *wire.Error) {
	form, apiErr := q.form()
	if apiErr != nil {
		return newFlowForm{}, apiErr
	}
	name, apiErr := required(form, "FriendlyName")
	if apiErr != nil {
		return newFlowForm{}, apiErr
	}
	status, apiErr := readStatus(form)
	if apiErr != nil {
		return newFlowForm{}, apiErr
	}
	text, apiErr := required(form, "Definition")
	if apiErr != nil {
		return newFlowForm{}, apiErr
	}
	def, apiErr := s.readDefinition(text)
	if apiErr != nil {
		return newFlowForm{}, apiErr
	}
	return newFlowForm{name: name, status: status, commitMessage: optional(form, "CommitMessage"), def: def}, nil
}

func (s *Server) createFlow(q *request) *wire.Error {
	nf, apiErr := s.readNewFlow(q)
	if apiErr != nil {
		return apiErr
	}
	if nf.status == workspace.StatusPublished && !nf.def.Valid() {
		return invalidDefinition(nf.def)
	}
	f, err := s.cfg.Store.CreateFlow(workspace.Save{
		FriendlyName: nf.name, Status: nf.status, CommitMessage: nf.commitMessage,
		Definition: nf.def.Compact, Valid: nf.def.Valid(), Errors: nf.def.Errors, Warnings: nf.def.Warnings,
	}, s.cfg.Now())
	return q.writeFlow(http.StatusCreated, f, err)
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
	return q.writeFlow(http.StatusOK, f, err)
}

func (s *Server) fetchFlow(q *request) *wire.Error {
	f, err := s.cfg.Store.Flow(q.params["FlowSid"])
	return q.writeFlow(http.StatusOK, f, err)
}

func (s *Server) listFlows(q *request) *wire.Error {
	_, paging, apiErr := q.listQuery()
	if apiErr != nil {
		return apiErr
	}
	flows, err := s.cfg.Store.Flows()
	if err != nil {
		return q.storeError(err)
	}
	page, meta, apiErr := paginate(flows, flowKey, paging, q.base, wire.FlowsPath, "flows", true)
	if apiErr != nil {
		return apiErr
	}
	writeJSON(q.w, http.StatusOK, wire.FlowPage{Meta: meta, Flows: resources(q, page, newFlowInList)})
	return nil
}

// flowKey is a flow's paging cursor: its place in the list (flows are
// listed by creation time, then SID, as the cursors sort), which a next
// page still finds once it is deleted.
func flowKey(f workspace.Flow) string { return workspace.PositionCursor(f.DateCreated, f.SID) }

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
	nf, apiErr := s.readNewFlow(q)
	if apiErr != nil {
		return apiErr
	}
	if !nf.def.Valid() {
		return invalidDefinition(nf.def)
	}
	writeJSON(q.w, http.StatusOK, wire.FlowValidation{Valid: true})
	return nil
}

func (s *Server) listRevisions(q *request) *wire.Error {
	_, paging, apiErr := q.listQuery()
	if apiErr != nil {
		return apiErr
	}
	sid := q.params["FlowSid"]
	page, info, err := s.cfg.Store.RevisionsPage(sid, paging.pageQuery())
	if err != nil {
		return q.pageError(paging, err)
	}
	meta := pageMetaOf(paging, q.base, wire.RevisionsPath(sid), "revisions", page, revisionKey, info)
	writeJSON(q.w, http.StatusOK, wire.FlowRevisionPage{Meta: meta, Revisions: resources(q, page, newFlowRevision)})
	return nil
}

// revisionKey names a revision in a PageToken by its number.
func revisionKey(r workspace.Revision) string { return strconv.Itoa(r.Revision) }

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
