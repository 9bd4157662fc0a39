package wire

import "net/url"

// StudioBaseURL is Twilio's Studio API: the base of the URLs in resources
// Studio itself would write (studioflow run's report).
const StudioBaseURL = "https://studio.twilio.com"

// The paths of the API's resources, for the client's requests and the
// server's URLs and page links. Each segment that names a resource (a SID,
// a revision) is path-escaped; a base is the scheme and host with no
// trailing slash.

// FlowsPath is the path of the flows list: GET /v2/Flows, POST /v2/Flows.
const FlowsPath = "/v2/Flows"

// FlowPath is the path of flow sid.
func FlowPath(sid string) string { return FlowsPath + "/" + url.PathEscape(sid) }

// RevisionsPath is the path of the list of flow's revisions.
func RevisionsPath(flow string) string { return FlowPath(flow) + "/Revisions" }

// RevisionPath is the path of one revision of flow: a number,
// LatestPublished or LatestRevision.
func RevisionPath(flow, revision string) string {
	return RevisionsPath(flow) + "/" + url.PathEscape(revision)
}

// TestUsersPath is the path of flow's test users.
func TestUsersPath(flow string) string { return FlowPath(flow) + "/TestUsers" }

// ExecutionsPath is the path of the list of flow's executions.
func ExecutionsPath(flow string) string { return FlowPath(flow) + "/Executions" }

// ExecutionPath is the path of execution sid of flow.
func ExecutionPath(flow, sid string) string { return ExecutionsPath(flow) + "/" + url.PathEscape(sid) }

// StepsPath is the path of the list of the steps of execution exec of flow.
func StepsPath(flow, exec string) string { return ExecutionPath(flow, exec) + "/Steps" }

// StepPath is the path of step sid of execution exec of flow.
func StepPath(flow, exec, sid string) string {
	return StepsPath(flow, exec) + "/" + url.PathEscape(sid)
}

// WebhookPath is the path Twilio posts a flow's incoming messages to.
func WebhookPath(account, flow string) string {
	return "/v1/Accounts/" + url.PathEscape(account) + "/Flows/" + url.PathEscape(flow)
}

// FlowURL is the URL of flow sid on the API at base.
func FlowURL(base, sid string) string { return base + FlowPath(sid) }

// WebhookURL is the URL Twilio posts a flow's incoming messages to.
func WebhookURL(base, account, flow string) string { return base + WebhookPath(account, flow) }

// ExecutionURL is the URL of execution sid of flow.
func ExecutionURL(base, flow, sid string) string { return base + ExecutionPath(flow, sid) }

// StepURL is the URL of step sid of execution exec of flow.
func StepURL(base, flow, exec, sid string) string { return base + StepPath(flow, exec, sid) }

// FlowLinks are the links of flow sid's resource.
func FlowLinks(base, sid string) map[string]string {
	return map[string]string{
		"test_users": base + TestUsersPath(sid), "revisions": base + RevisionsPath(sid), "executions": base + ExecutionsPath(sid),
	}
}

// ExecutionLinks are the links of execution sid of flow.
func ExecutionLinks(base, flow, sid string) map[string]string {
	u := ExecutionURL(base, flow, sid)
	return map[string]string{"steps": u + "/Steps", "execution_context": u + "/Context"}
}
