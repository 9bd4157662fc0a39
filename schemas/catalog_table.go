package schemas

import "github.com/studioflow/studioflow/model"

// widgetTable is the one registry of widget types: an entry per type, in
// widget-library order, with what the schemas do not say. How Studio shows
// the type (title, icon, category, event order and port labels), where its
// default widget comes from, and what it needs to run: its requirements on
// its properties (widgetrules.go), whether it acts on a call, which event
// answers one, which number it dials, whether it queues the caller, calls
// HTTP (a request or a Function), runs a subflow, succeeds once Twilio
// accepts its work or tests conditions, and what its special properties
// hold (roles: flow variables, a subflow's SID, the value tested). The
// catalog serves these to the canvas, the inspector, the simulator, the
// validator and the engine, which checks the same requirements when a
// widget runs that the validator checks before; none of them names a
// widget type to decide what a widget does (the trigger, which every flow
// has one of, is model.TriggerType and State.IsTrigger).
// Adding a widget type means an entry here, its schema and its default
// widget (and, for a product with made-up outputs, a function in the
// engine's productOutputs).
//
// Event order is the order Studio lists a widget's transitions in (and writes
// them in exports); labels are the words on the widget's ports.

type widgetEntry struct {
	typ      string
	title    string
	category Category
	icon     string
	channel  Channel
	nameBase string
	events   []Event
	// maturity overrides the schema's maturity where the schema is wrong
	// (make-outgoing-call-v1 is titled "Deprecated" yet says ga).
	maturity Maturity
	// openEvents: nothing is known about the type's events, so any event is
	// accepted.
	openEvents bool
	// hidden: Studio no longer offers the type in its widget library; flows
	// that contain it still load.
	hidden bool
	// branching: the event taken depends only on what the widget is given
	// (the trigger's event, split-based-on's conditions), so the type has no
	// success event. Every other type lists its success event first.
	branching bool
	// defaults says where the default widget (defaults/TYPE.json) comes
	// from: seed 001's snippet as printed, corrected, or Studioflow's own.
	defaults defaultsOrigin

	// What the engine and the validator both read.

	// requires lists what the widget needs when it runs (widgetrules.go).
	requires []Requirement
	// channelProperty names the property that decides whether the widget
	// acts on a call (its value "voice", the default, means it does).
	channelProperty string
	// answers are the events after which the widget has put a live call in
	// the execution.
	answers []string
	// dials is the property holding the number the widget dials.
	dials string
	// queuesCall: the widget puts the caller on hold in a queue until an
	// agent takes the call (Enqueue Call, Send To Flex).
	queuesCall bool
	// http says whether and how the widget makes an HTTP request itself.
	http httpCall
	// succeedsOnAcceptance: the widget's outcome is Twilio accepting what it
	// hands over (Send Message's sent: queued for delivery), so its success
	// event is the outcome to expect without asking.
	succeedsOnAcceptance bool
	// testsConditions: each transition but noMatch carries conditions tested
	// against the widget's input, and the first that holds is taken.
	testsConditions bool
	// roles says what the properties Studioflow reads specially hold.
	roles map[string]PropertyRole
	// inputs are what the contact gives the widget while it waits on them.
	inputs []ContactInput
	// runsSubflow: the widget runs another flow, which Studio refuses inside
	// a subflow.
	runsSubflow bool
	// outputs are the widgets.NAME.* fields the type documents (what
	// autocomplete offers; parsed holds a response's JSON).
	outputs []string
}

// httpCall is whether and how a widget type makes an HTTP request.
type httpCall int

const (
	noHTTP       httpCall = iota
	httpRequest           // method, content_type, body and parameters as its properties say
	functionCall          // a Twilio Function: its parameters POSTed as a form
)

// defaultsOrigin is where a type's default widget comes from.
type defaultsOrigin int

const (
	defaultsOwn           defaultsOrigin = iota // Studioflow: seed 001 has no snippet
	defaultsSeed                                // seed 001's snippet
	defaultsSeedCorrected                       // seed 001's snippet, its missing commas added
)

func ev(name, label string) Event { return Event{Name: name, Label: label} }

// widgetTable lists every known type in widget-library order.
var widgetTable = []widgetEntry{
	{typ: model.TriggerType, title: "Trigger", category: FlowControl, icon: "trigger", channel: AnyChannel, nameBase: "Trigger", defaults: defaultsSeed,
		events: []Event{ev("incomingMessage", "Incoming Message"), ev("incomingCall", "Incoming Call"),
			ev("incomingConversationMessage", "Conversation"), ev("incomingRequest", "REST API"), ev("incomingParent", "Subflow")}, hidden: true, branching: true},
	{typ: "split-based-on", title: "Split Based On...", category: FlowControl, icon: "split", channel: AnyChannel, nameBase: "split", defaults: defaultsSeed,
		events: []Event{ev("noMatch", "No Condition Matches"), {Name: "match", Label: "Condition Matches", Repeatable: true}}, branching: true,
		testsConditions: true, roles: map[string]PropertyRole{"input": TestedValue}},
	{typ: "set-variables", title: "Set Variables", category: FlowControl, icon: "variables", channel: AnyChannel, nameBase: "set_variables", defaults: defaultsSeed,
		events: []Event{ev("next", "Next")}, requires: []Requirement{variableEntries("set-variables/variables")},
		roles: map[string]PropertyRole{"variables": FlowVariables}},
	{typ: "run-subflow", title: "Run Subflow", category: FlowControl, icon: "subflow", channel: AnyChannel, nameBase: "subflow",
		events: []Event{ev("completed", "Completed"), ev("failed", "Failed")}, runsSubflow: true, roles: map[string]PropertyRole{"flow_sid": SubflowSID},
		requires: []Requirement{subflowFound("run-subflow/flow_sid"), subflowParameters("run-subflow/parameters")}},

	{typ: "gather-input-on-call", outputs: []string{"Digits", "SpeechResult", "Confidence", "msg", "CallStatus"}, title: "Gather Input On Call", category: Voice, icon: "keypad", channel: VoiceChannel, nameBase: "gather", defaults: defaultsSeedCorrected,
		inputs: []ContactInput{{KeysPressed, "keypress", "Digits"}, {WordsSpoken, "speech", "SpeechResult"}},
		events: []Event{ev("keypress", "User Pressed Keys"), ev("speech", "User Said Something"), ev("timeout", "Timeout"), ev("hangup", "Caller Hung Up")}},
	{typ: "say-play", title: "Say/Play", category: Voice, icon: "speaker", channel: VoiceChannel, nameBase: "say_play", defaults: defaultsSeed,
		events: []Event{ev("audioComplete", "Audio Complete"), ev("hangup", "Caller Hung Up")}},
	{typ: "record-voicemail", outputs: []string{"RecordingUrl", "RecordingSid", "RecordingDuration", "TranscriptionText", "CallStatus"}, title: "Record Voicemail", category: Voice, icon: "voicemail", channel: VoiceChannel, nameBase: "record_voicemail", defaults: defaultsSeed,
		events: []Event{ev("recordingComplete", "Recording Complete"), ev("noAudio", "No Audio"), ev("hangup", "Caller Hung Up")}},
	{typ: "make-outgoing-call-v2", outputs: []string{"CallSid", "CallStatus", "To", "From", "AnsweredBy"}, title: "Make Outgoing Call", category: Voice, icon: "phone-outgoing", channel: AnyChannel, nameBase: "call_user",
		defaults: defaultsSeed, answers: []string{"answered"}, dials: "to",
		events: []Event{ev("answered", "Answered"), ev("busy", "Busy"), ev("noAnswer", "No Answer"), ev("failed", "Call Failed")}},
	{typ: "connect-call-to", outputs: []string{"DialCallStatus", "DialCallSid", "DialCallDuration", "CallStatus"}, title: "Connect Call To", category: Voice, icon: "phone-forward", channel: VoiceChannel, nameBase: "connect_call", defaults: defaultsSeedCorrected, dials: "to",
		events: []Event{ev("callCompleted", "Connected Call Ended"), ev("hangup", "Caller Hung Up")}},
	{typ: "enqueue-call", outputs: []string{"QueueResult", "QueueSid", "QueueTime", "CallStatus"}, title: "Enqueue Call", category: Voice, icon: "queue", channel: VoiceChannel, nameBase: "enqueue", defaults: defaultsSeedCorrected, queuesCall: true,
		events: []Event{ev("callComplete", "Call Complete"), ev("failedToEnqueue", "Failed to Enqueue"), ev("callFailure", "Call Failed")}},
	{typ: "record-call", outputs: []string{"Sid", "Status", "Source", "Channels", "StartTime"}, title: "Call Recording", category: Voice, icon: "record", channel: VoiceChannel, nameBase: "call_recording", defaults: defaultsSeed,
		events: []Event{ev("success", "Success"), ev("failed", "Failed")}},
	{typ: "fork-stream", title: "Fork Stream", category: Voice, icon: "stream", channel: VoiceChannel, nameBase: "stream", defaults: defaultsSeed,
		events: []Event{ev("next", "Next")}},
	{typ: "capture-payments", outputs: []string{"Result", "PaymentToken", "PaymentCardNumber", "PaymentCardType", "PaymentConfirmationCode", "ErrorCode"}, title: "Capture Payments", category: Voice, icon: "credit-card", channel: VoiceChannel, nameBase: "pay", defaults: defaultsSeedCorrected,
		events: []Event{ev("success", "Success"), ev("maxFailedAttempts", "Max Failed Attempts"), ev("providerError", "Provider Error"),
			ev("payInterrupted", "Pay Interrupted"), ev("hangup", "Caller Hung Up"), ev("validationError", "Validation Error")}},

	{typ: "send-message", outputs: []string{"outbound.Sid", "outbound.Body", "outbound.To", "outbound.From", "outbound.Status"}, title: "Send Message", category: Messaging, icon: "message", channel: AnyChannel, nameBase: "send_message", defaults: defaultsSeed, succeedsOnAcceptance: true,
		events: []Event{ev("sent", "Sent"), ev("failed", "Failed")}, requires: messageRequirements("send-message", "failed")},
	{typ: "send-and-wait-for-reply", outputs: []string{"inbound.Body", "inbound.From", "inbound.To", "inbound.MessageSid", "inbound.NumMedia", "outbound.Sid", "outbound.Body"}, title: "Send & Wait For Reply", category: Messaging, icon: "message-reply", channel: MessagingChannel, nameBase: "send_and_reply", defaults: defaultsSeed,
		events:   []Event{ev("incomingMessage", "Reply"), ev("timeout", "No Reply"), ev("deliveryFailure", "Delivery Failure")},
		inputs:   []ContactInput{{MessageReply, "incomingMessage", "inbound.Body"}},
		requires: messageRequirements("send-and-wait-for-reply", "deliveryFailure")},

	{typ: "run-function", outputs: []string{"parsed", "body", "status_code", "content_type", "headers"}, title: "Run Function", category: ToolsAndCode, icon: "function", channel: AnyChannel, nameBase: "function", defaults: defaultsSeed, http: functionCall,
		events: []Event{ev("success", "Success"), ev("fail", "Fail")}, requires: []Requirement{httpURL("run-function/url", "url", "fail")}},
	{typ: "make-http-request", outputs: []string{"parsed", "body", "status_code", "content_type"}, title: "Make HTTP Request", category: ToolsAndCode, icon: "http", channel: AnyChannel, nameBase: "http", defaults: defaultsSeed, http: httpRequest,
		events:   []Event{ev("success", "Success"), ev("failed", "Fail")},
		requires: []Requirement{httpURL("make-http-request/url", "url", "failed"), httpMethod("make-http-request/method"), twilioAuth("make-http-request/add_twilio_auth")}},
	{typ: "add-twiml-redirect", outputs: []string{"CallStatus"}, title: "TwiML Redirect", category: ToolsAndCode, icon: "redirect", channel: AnyChannel, nameBase: "redirect", defaults: defaultsSeedCorrected,
		events: []Event{ev("return", "Return"), ev("timeout", "Timeout"), ev("fail", "Fail")}, requires: []Requirement{httpURL("add-twiml-redirect/url", "url", "fail")}},

	{typ: "send-to-flex", outputs: []string{"QueueResult", "QueueSid", "DialCallStatus", "CallStatus"}, title: "Send To Flex", category: ConnectOtherProducts, icon: "flex", channel: AnyChannel, nameBase: "send_to_flex", defaults: defaultsSeed, queuesCall: true,
		events: []Event{ev("callComplete", "Call Complete"), ev("failedToEnqueue", "Task Creation Failed"), ev("callFailure", "Call Failed"), ev("composerStarted", "Composer Started")}},
	{typ: "connect-virtual-agent-v2", outputs: []string{"VirtualAgentStatus", "VirtualAgentProvider", "VirtualAgentProviderData", "CallStatus"}, title: "Connect Virtual Agent", category: ConnectOtherProducts, icon: "virtual-agent", channel: AnyChannel, nameBase: "virtual_agent", channelProperty: "channel",
		events: []Event{ev("completed", "Completed"), ev("live-agent-handoff", "Live Agent Handoff"), ev("hangup", "Caller Hung Up"),
			ev("failed", "Failed"), ev("paused", "Paused"), ev("timeout", "Timeout")}},
	{typ: "look-up-profile", outputs: []string{"profile", "profile.id", "profile.traits"}, title: "Search for a Profile", category: ConnectOtherProducts, icon: "profile-search", channel: AnyChannel, nameBase: "look_up_profile",
		events: []Event{ev("profileFound", "Profile Found"), ev("noProfileFound", "No Profile Found"), ev("failed", "Failed")}},
	{typ: "update-profile-traits", outputs: []string{"profile", "profile.id", "profile.traits"}, title: "Update Profile Traits", category: ConnectOtherProducts, icon: "profile-edit", channel: AnyChannel, nameBase: "update_profile_traits",
		events: []Event{ev("profileUpdated", "Profile Updated"), ev("profileNotFound", "Profile Not Found"), ev("failed", "Failed")}},

	// Types Studio no longer offers: kept loadable, out of the library.
	{typ: "make-outgoing-call-v1", outputs: []string{"CallSid", "CallStatus", "To", "From", "AnsweredBy"}, title: "Make Outgoing Call (v1)", category: Voice, icon: "phone-outgoing", channel: AnyChannel, nameBase: "call_user",
		answers: []string{"answered", "answeredByMachine"}, dials: "to",
		events: []Event{ev("answered", "Answered"), ev("busy", "Busy"), ev("noAnswer", "No Answer"), ev("answeredByMachine", "Answered by Machine"),
			ev("hangup", "Caller Hung Up"), ev("failed", "Call Failed")}, maturity: Legacy, hidden: true},
	{typ: "connect-virtual-agent", title: "Connect Virtual Agent (v1)", category: ConnectOtherProducts, icon: "virtual-agent", channel: VoiceChannel, nameBase: "virtual_agent",
		events: []Event{ev("return", "Return"), ev("hangup", "Caller Hung Up")}, hidden: true},
	{typ: "send-to-auto-pilot", outputs: []string{"CurrentTask", "DialogueSid", "AssistantSid", "Memory"}, title: "Send To Autopilot", category: ConnectOtherProducts, icon: "robot", channel: AnyChannel, nameBase: "autopilot",
		events: []Event{ev("sessionEnded", "Session Ended"), ev("failure", "Failure"), ev("timeout", "Timeout")}, hidden: true},
	{typ: "run-function-v2", title: "Run Function (v2)", category: ToolsAndCode, icon: "function", channel: AnyChannel, nameBase: "function", http: functionCall,
		events: []Event{ev("success", "Success"), ev("fail", "Fail")}, openEvents: true, hidden: true,
		requires: []Requirement{httpURL("run-function-v2/url", "url", "fail")}},
	{typ: "create-task", title: "Create Task", category: ConnectOtherProducts, icon: "legacy", channel: AnyChannel, nameBase: "create_task",
		openEvents: true, hidden: true},
	{typ: "create-chat-channel", title: "Create Chat Channel", category: Messaging, icon: "legacy", channel: AnyChannel, nameBase: "create_chat_channel",
		openEvents: true, hidden: true},
	{typ: "add-member-to-chat-channel", title: "Add Member To Chat Channel", category: Messaging, icon: "legacy", channel: AnyChannel, nameBase: "add_member",
		openEvents: true, hidden: true},
	{typ: "update-sync-object", title: "Update Sync Object", category: ToolsAndCode, icon: "legacy", channel: AnyChannel, nameBase: "update_sync",
		openEvents: true, hidden: true},
	{typ: "understand", title: "Understand", category: ConnectOtherProducts, icon: "legacy", channel: AnyChannel, nameBase: "understand",
		openEvents: true, hidden: true},
}
