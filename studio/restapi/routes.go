package restapi

import (
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/studio/wire"
)

type handler func(*Server, *request) *wire.Error

// route is one resource path: literal segments and {Param} segments, and a
// handler per method.
type route struct {
	segments []string
	handlers map[string]handler
	signed   bool // Twilio's request signature also authenticates it
}

func (rt *route) methods() []string {
	return slices.Sorted(maps.Keys(rt.handlers))
}

// paramPatterns are the SID patterns of seed 002 for each path parameter.
var paramPatterns = map[string]*regexp.Regexp{
	"AccountSid":   sidPattern("AC"),
	"FlowSid":      sidPattern("FW"),
	"ExecutionSid": sidPattern("FN"),
	"StepSid":      sidPattern("FT"),
	"Revision":     regexp.MustCompile(`^(?:[1-9][0-9]{0,8}|LatestPublished|LatestRevision)$`),
}

var paramExpectations = map[string]string{
	"AccountSid":   "AC followed by 32 hexadecimal digits",
	"FlowSid":      "FW followed by 32 hexadecimal digits",
	"ExecutionSid": "FN followed by 32 hexadecimal digits",
	"StepSid":      "FT followed by 32 hexadecimal digits",
	"Revision":     "a revision number, LatestPublished or LatestRevision",
}

func sidPattern(prefix string) *regexp.Regexp {
	return regexp.MustCompile(`^` + prefix + `[0-9a-fA-F]{32}$`)
}

// routes lists the API. A literal segment wins over a parameter, so
// /v2/Flows/Validate is never read as a flow SID.
var routes = []*route{
	{segments: split("/v2/Flows"), handlers: map[string]handler{
		http.MethodGet: (*Server).listFlows, http.MethodPost: (*Server).createFlow}},
	{segments: split("/v2/Flows/Validate"), handlers: map[string]handler{
		http.MethodPost: (*Server).validateFlow}},
	{segments: split("/v2/Flows/{FlowSid}"), handlers: map[string]handler{
		http.MethodGet: (*Server).fetchFlow, http.MethodPost: (*Server).updateFlow, http.MethodDelete: (*Server).deleteFlow}},
	{segments: split("/v2/Flows/{FlowSid}/Revisions"), handlers: map[string]handler{
		http.MethodGet: (*Server).listRevisions}},
	{segments: split("/v2/Flows/{FlowSid}/Revisions/{Revision}"), handlers: map[string]handler{
		http.MethodGet: (*Server).fetchRevision}},
	{segments: split("/v2/Flows/{FlowSid}/TestUsers"), handlers: map[string]handler{
		http.MethodGet: (*Server).fetchTestUsers, http.MethodPost: (*Server).updateTestUsers}},
	{segments: split("/v2/Flows/{FlowSid}/Executions"), handlers: map[string]handler{
		http.MethodGet: (*Server).listExecutions, http.MethodPost: (*Server).createExecution}},
	{segments: split("/v2/Flows/{FlowSid}/Executions/{ExecutionSid}"), handlers: map[string]handler{
		http.MethodGet: (*Server).fetchExecution, http.MethodPost: (*Server).updateExecution, http.MethodDelete: (*Server).deleteExecution}},
	{segments: split("/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Context"), handlers: map[string]handler{
		http.MethodGet: (*Server).fetchExecutionContext}},
	{segments: split("/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps"), handlers: map[string]handler{
		http.MethodGet: (*Server).listSteps}},
	{segments: split("/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps/{StepSid}"), handlers: map[string]handler{
		http.MethodGet: (*Server).fetchStep}},
	{segments: split("/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps/{StepSid}/Context"), handlers: map[string]handler{
		http.MethodGet: (*Server).fetchStepContext}},
	{segments: split("/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Events"), handlers: map[string]handler{
		http.MethodGet: (*Server).streamEvents}},
	{segments: split("/v1/Accounts/{AccountSid}/Flows/{FlowSid}"), signed: true, handlers: map[string]handler{
		http.MethodPost: (*Server).incomingWebhook}},
}

func split(path string) []string { return strings.Split(strings.Trim(path, "/"), "/") }

// match finds the route for path. It returns the route even with an error
// when the path is known (a wrong method or a malformed SID), so the caller
// can tell which authentication applies and which methods are allowed.
func match(method, path string) (*route, map[string]string, *wire.Error) {
	segs := split(path)
	var best *route
	bestLiterals := -1
	for _, rt := range routes {
		n, ok := shapeMatches(rt.segments, segs)
		if ok && n > bestLiterals {
			best, bestLiterals = rt, n
		}
	}
	if best == nil {
		return nil, nil, notFound(path)
	}
	params := map[string]string{}
	for i, seg := range best.segments {
		if !isParam(seg) {
			continue
		}
		name := seg[1 : len(seg)-1]
		if !paramPatterns[name].MatchString(segs[i]) {
			return best, nil, badRequest("%s %q in the URL is not valid: it must be %s", name, segs[i], paramExpectations[name])
		}
		params[name] = segs[i]
	}
	if _, ok := best.handlers[method]; !ok {
		return best, nil, wire.NewError(http.StatusMethodNotAllowed, codeMethodNotAllowed, "Method %s is not allowed on %s (allowed: %s)", method, path, strings.Join(best.methods(), ", "))
	}
	return best, params, nil
}

// shapeMatches reports whether segs fit the pattern and how many literal
// segments matched.
func shapeMatches(pattern, segs []string) (int, bool) {
	if len(pattern) != len(segs) {
		return 0, false
	}
	literals := 0
	for i, p := range pattern {
		switch {
		case isParam(p):
			if segs[i] == "" {
				return 0, false
			}
		case p == segs[i]:
			literals++
		default:
			return 0, false
		}
	}
	return literals, true
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }
