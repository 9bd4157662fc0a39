package wire

// Meta is the meta block of a page of a list: where this page, the first
// and the pages around it are. Each page type names its list by Key and
// writes its members in the order Studio does (alphabetical).
type Meta struct {
	FirstPageURL    string  `json:"first_page_url"`
	Key             string  `json:"key"`
	NextPageURL     *string `json:"next_page_url"`
	Page            int     `json:"page"`
	PageSize        int     `json:"page_size"`
	PreviousPageURL *string `json:"previous_page_url"`
	URL             string  `json:"url"`
}

// FlowPage is a page of GET /v2/Flows.
type FlowPage struct {
	Flows []Flow `json:"flows"`
	Meta  Meta   `json:"meta"`
}

// FlowRevisionPage is a page of GET /v2/Flows/{FW}/Revisions.
type FlowRevisionPage struct {
	Meta      Meta           `json:"meta"`
	Revisions []FlowRevision `json:"revisions"`
}

// ExecutionPage is a page of GET /v2/Flows/{FW}/Executions.
type ExecutionPage struct {
	Executions []Execution `json:"executions"`
	Meta       Meta        `json:"meta"`
}

// ExecutionStepPage is a page of GET …/Executions/{FN}/Steps.
type ExecutionStepPage struct {
	Meta  Meta            `json:"meta"`
	Steps []ExecutionStep `json:"steps"`
}
