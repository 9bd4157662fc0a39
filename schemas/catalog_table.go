package schemas

import "github.com/studioflow/studioflow/model"

// widgetTable is the one registry of widget types: an entry per type, in
// widget-library order, with what the schemas do not say. How Studio shows
// the type (title, icon, category, event order and port labels), where its
// default widget comes from, and what it needs to run: its requirements on
// its properties (widgetrules.go), whether it acts on a call, which event
// answers one and which it takes when the call ends, which input of the
// contact each event answers, which event is its outright failure, which
// number it dials, whether it queues the caller, calls HTTP (a request or a Function), runs a subflow, succeeds once Twilio
// accepts its work or tests conditions, and what its special properties
// hold (roles: flow variables, a subflow's SID, the value tested); for the
// trigger, which channel each of its events starts executions on. The
// catalog serves these to the canvas, the inspector, the simulator, the
// validator and the engine, which checks the same requirements when a
// widget runs that the validator checks before; none of them names a
// widget type to decide what a widget does (the trigger, which every flow
// has one of, is model.TriggerType and State.IsTrigger). Only the engine
// keys code by type: how a type it simulates in full runs (behaviourTable)
// and the outputs a product makes up (productOutputs).
// Adding a widget type means an entry here, its schema and its default
// widget; the engine runs it as a product (the caller's outcome, else its
// success event) unless given a behaviour or made-up outputs there.
//
// Event order is the order Studio lists a widget's transitions in (and writes
// them in exports); labels are the words on the widget's ports.

// WidgetEntry is what the registry declares about one widget type, each
// attribute declared here and nowhere else: WidgetType embeds it, so a
// catalog type is its entry as written in widgetTable plus what Load reads
// from the schemas (the schema document, its properties, the default
// widget). The unexported attributes are read through WidgetType's methods
// (catalog.go, widgetentry.go).
type WidgetEntry struct {
	Type     string
	Title    string
	Category Category
	Icon     string
	Channel  Channel
	// NameBase is the stem of fresh names: send_message → send_message_1.
	NameBase string
	// Maturity is how far along Twilio says the type is. An entry leaves it
	// empty to take the schema's, and sets it where the schema is wrong
	// (make-outgoing-call-v1 is titled "Deprecated" yet says ga).
	Maturity Maturity
	// OpenEvents is true when nothing is known about the type's events, so
	// every event name is accepted.
	OpenEvents bool

	// events are the type's transition events in Studio's order.
	events []Event
	// hidden: Studio no longer offers the type in its widget library; flows
	// that contain it still load (see InLibrary).
	hidden bool
	// branching: the event taken depends only on what the widget is given
	// (the trigger's event, split-based-on's conditions), so the type has no
	// success event. Every other type lists its success event first.
	branching bool
	// defaultsFrom says where the default widget (defaults/TYPE.json) comes
	// from: seed 001's snippet as printed, corrected, or Studioflow's own.
	defaultsFrom defaultsOrigin

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

// hangupEv is the event the voice types take when the caller hangs up
// while they run: the one spelling of the call-ended event.
func hangupEv() Event { return Event{Name: "hangup", Label: "Caller Hung Up", CallEnded: true} }

// inputEv is an event a widget waiting on the contact takes when they give
// it input of that kind, held in the output holds ("" for NoInput).
func inputEv(name, label string, answers InputKind, holds string) Event {
	return Event{Name: name, Label: label, Answers: answers, Holds: holds}
}

// failEv is the event a widget takes when its work fails outright.
func failEv(name, label string) Event { return Event{Name: name, Label: label, Fails: true} }

// entryEv is one of the trigger's events, starting executions on channel.
func entryEv(name, label string, starts Channel) Event {
	return Event{Name: name, Label: label, Starts: starts}
}

// widgetTable lists every known type in widget-library order.
var widgetTable = []WidgetEntry{
	{Type: model.TriggerType, Title: "Trigger", Category: FlowControl, Icon: "trigger", Channel: AnyChannel, NameBase: "Trigger", defaultsFrom: defaultsSeed,
		events: []Event{entryEv("incomingMessage", "Incoming Message", MessagingChannel), entryEv("incomingCall", "Incoming Call", VoiceChannel),
			entryEv("incomingConversationMessage", "Conversation", MessagingChannel), entryEv("incomingRequest", "REST API", AnyChannel),
			entryEv("incomingParent", "Subflow", AnyChannel)}, hidden: true, branching: true},
	{Type: "split-based-on", Title: "Split Based On...", Category: FlowControl, Icon: "split", Channel: AnyChannel, NameBase: "split", defaultsFrom: defaultsSeed,
		events: []Event{ev("noMatch", "No Condition Matches"), {Name: "match", Label: "Condition Matches", Repeatable: true}}, branching: true,
		testsConditions: true, roles: map[string]PropertyRole{"input": TestedValue}},
	{Type: "set-variables", Title: "Set Variables", Category: FlowControl, Icon: "variables", Channel: AnyChannel, NameBase: "set_variables", defaultsFrom: defaultsSeed,
		events: []Event{ev("next", "Next")}, requires: []Requirement{variableEntries("set-variables/variables")},
		roles: map[string]PropertyRole{"variables": FlowVariables}},
	{Type: "run-subflow", Title: "Run Subflow", Category: FlowControl, Icon: "subflow", Channel: AnyChannel, NameBase: "subflow",
		events: []Event{ev("completed", "Completed"), failEv("failed", "Failed")}, runsSubflow: true, roles: map[string]PropertyRole{"flow_sid": SubflowSID},
		requires: []Requirement{subflowFound("run-subflow/flow_sid"), subflowParameters("run-subflow/parameters")}},

	{Type: "gather-input-on-call", outputs: []string{"Digits", "SpeechResult", "Confidence", "msg", "CallStatus"}, Title: "Gather Input On Call", Category: Voice, Icon: "keypad", Channel: VoiceChannel, NameBase: "gather", defaultsFrom: defaultsSeedCorrected,
		events: []Event{inputEv("keypress", "User Pressed Keys", KeysPressed, "Digits"), inputEv("speech", "User Said Something", WordsSpoken, "SpeechResult"),
			inputEv("timeout", "Timeout", NoInput, ""), hangupEv()}},
	{Type: "say-play", Title: "Say/Play", Category: Voice, Icon: "speaker", Channel: VoiceChannel, NameBase: "say_play", defaultsFrom: defaultsSeed,
		events: []Event{ev("audioComplete", "Audio Complete"), hangupEv()}},
	{Type: "record-voicemail", outputs: []string{"RecordingUrl", "RecordingSid", "RecordingDuration", "TranscriptionText", "CallStatus"}, Title: "Record Voicemail", Category: Voice, Icon: "voicemail", Channel: VoiceChannel, NameBase: "record_voicemail", defaultsFrom: defaultsSeed,
		events: []Event{ev("recordingComplete", "Recording Complete"), inputEv("noAudio", "No Audio", NoInput, ""), hangupEv()}},
	{Type: "make-outgoing-call-v2", outputs: []string{"CallSid", "CallStatus", "To", "From", "AnsweredBy"}, Title: "Make Outgoing Call", Category: Voice, Icon: "phone-outgoing", Channel: AnyChannel, NameBase: "call_user",
		defaultsFrom: defaultsSeed, answers: []string{"answered"}, dials: "to",
		events: []Event{ev("answered", "Answered"), ev("busy", "Busy"), ev("noAnswer", "No Answer"), failEv("failed", "Call Failed")}},
	{Type: "connect-call-to", outputs: []string{"DialCallStatus", "DialCallSid", "DialCallDuration", "CallStatus"}, Title: "Connect Call To", Category: Voice, Icon: "phone-forward", Channel: VoiceChannel, NameBase: "connect_call", defaultsFrom: defaultsSeedCorrected, dials: "to",
		events: []Event{ev("callCompleted", "Connected Call Ended"), hangupEv()}},
	{Type: "enqueue-call", outputs: []string{"QueueResult", "QueueSid", "QueueTime", "CallStatus"}, Title: "Enqueue Call", Category: Voice, Icon: "queue", Channel: VoiceChannel, NameBase: "enqueue", defaultsFrom: defaultsSeedCorrected, queuesCall: true,
		events: []Event{ev("callComplete", "Call Complete"), ev("failedToEnqueue", "Failed to Enqueue"), ev("callFailure", "Call Failed")}},
	{Type: "record-call", outputs: []string{"Sid", "Status", "Source", "Channels", "StartTime"}, Title: "Call Recording", Category: Voice, Icon: "record", Channel: VoiceChannel, NameBase: "call_recording", defaultsFrom: defaultsSeed,
		events: []Event{ev("success", "Success"), failEv("failed", "Failed")}},
	{Type: "fork-stream", Title: "Fork Stream", Category: Voice, Icon: "stream", Channel: VoiceChannel, NameBase: "stream", defaultsFrom: defaultsSeed,
		events: []Event{ev("next", "Next")}},
	{Type: "capture-payments", outputs: []string{"Result", "PaymentToken", "PaymentCardNumber", "PaymentCardType", "PaymentConfirmationCode", "ErrorCode"}, Title: "Capture Payments", Category: Voice, Icon: "credit-card", Channel: VoiceChannel, NameBase: "pay", defaultsFrom: defaultsSeedCorrected,
		events: []Event{ev("success", "Success"), ev("maxFailedAttempts", "Max Failed Attempts"), ev("providerError", "Provider Error"),
			ev("payInterrupted", "Pay Interrupted"), hangupEv(), ev("validationError", "Validation Error")}},

	{Type: "send-message", outputs: []string{"outbound.Sid", "outbound.Body", "outbound.To", "outbound.From", "outbound.Status"}, Title: "Send Message", Category: Messaging, Icon: "message", Channel: AnyChannel, NameBase: "send_message", defaultsFrom: defaultsSeed, succeedsOnAcceptance: true,
		events: []Event{ev("sent", "Sent"), failEv("failed", "Failed")}, requires: messageRequirements("send-message")},
	{Type: "send-and-wait-for-reply", outputs: []string{"inbound.Body", "inbound.From", "inbound.To", "inbound.MessageSid", "inbound.NumMedia", "outbound.Sid", "outbound.Body"}, Title: "Send & Wait For Reply", Category: Messaging, Icon: "message-reply", Channel: MessagingChannel, NameBase: "send_and_reply", defaultsFrom: defaultsSeed,
		events: []Event{inputEv("incomingMessage", "Reply", MessageReply, "inbound.Body"), inputEv("timeout", "No Reply", NoInput, ""),
			failEv("deliveryFailure", "Delivery Failure")},
		requires: messageRequirements("send-and-wait-for-reply")},

	{Type: "run-function", outputs: []string{"parsed", "body", "status_code", "content_type", "headers"}, Title: "Run Function", Category: ToolsAndCode, Icon: "function", Channel: AnyChannel, NameBase: "function", defaultsFrom: defaultsSeed, http: functionCall,
		events: []Event{ev("success", "Success"), failEv("fail", "Fail")}, requires: []Requirement{httpURL("run-function/url", "url")}},
	{Type: "make-http-request", outputs: []string{"parsed", "body", "status_code", "content_type"}, Title: "Make HTTP Request", Category: ToolsAndCode, Icon: "http", Channel: AnyChannel, NameBase: "http", defaultsFrom: defaultsSeed, http: httpRequest,
		events:   []Event{ev("success", "Success"), failEv("failed", "Fail")},
		requires: []Requirement{httpURL("make-http-request/url", "url"), httpMethod("make-http-request/method"), twilioAuth("make-http-request/add_twilio_auth")}},
	{Type: "add-twiml-redirect", outputs: []string{"CallStatus"}, Title: "TwiML Redirect", Category: ToolsAndCode, Icon: "redirect", Channel: AnyChannel, NameBase: "redirect", defaultsFrom: defaultsSeedCorrected,
		events: []Event{ev("return", "Return"), ev("timeout", "Timeout"), failEv("fail", "Fail")}, requires: []Requirement{httpURL("add-twiml-redirect/url", "url")}},

	{Type: "send-to-flex", outputs: []string{"QueueResult", "QueueSid", "DialCallStatus", "CallStatus"}, Title: "Send To Flex", Category: ConnectOtherProducts, Icon: "flex", Channel: AnyChannel, NameBase: "send_to_flex", defaultsFrom: defaultsSeed, queuesCall: true,
		events: []Event{ev("callComplete", "Call Complete"), ev("failedToEnqueue", "Task Creation Failed"), ev("callFailure", "Call Failed"), ev("composerStarted", "Composer Started")}},
	{Type: "connect-virtual-agent-v2", outputs: []string{"VirtualAgentStatus", "VirtualAgentProvider", "VirtualAgentProviderData", "CallStatus"}, Title: "Connect Virtual Agent", Category: ConnectOtherProducts, Icon: "virtual-agent", Channel: AnyChannel, NameBase: "virtual_agent", channelProperty: "channel",
		events: []Event{ev("completed", "Completed"), ev("live-agent-handoff", "Live Agent Handoff"), hangupEv(),
			failEv("failed", "Failed"), ev("paused", "Paused"), ev("timeout", "Timeout")}},
	{Type: "look-up-profile", outputs: []string{"profile", "profile.id", "profile.traits"}, Title: "Search for a Profile", Category: ConnectOtherProducts, Icon: "profile-search", Channel: AnyChannel, NameBase: "look_up_profile",
		events: []Event{ev("profileFound", "Profile Found"), ev("noProfileFound", "No Profile Found"), failEv("failed", "Failed")}},
	{Type: "update-profile-traits", outputs: []string{"profile", "profile.id", "profile.traits"}, Title: "Update Profile Traits", Category: ConnectOtherProducts, Icon: "profile-edit", Channel: AnyChannel, NameBase: "update_profile_traits",
		events: []Event{ev("profileUpdated", "Profile Updated"), ev("profileNotFound", "Profile Not Found"), failEv("failed", "Failed")}},

	// Types Studio no longer offers: kept loadable, out of the library.
	{Type: "make-outgoing-call-v1", outputs: []string{"CallSid", "CallStatus", "To", "From", "AnsweredBy"}, Title: "Make Outgoing Call (v1)", Category: Voice, Icon: "phone-outgoing", Channel: AnyChannel, NameBase: "call_user",
		answers: []string{"answered", "answeredByMachine"}, dials: "to",
		events: []Event{ev("answered", "Answered"), ev("busy", "Busy"), ev("noAnswer", "No Answer"), ev("answeredByMachine", "Answered by Machine"),
			hangupEv(), failEv("failed", "Call Failed")}, Maturity: Legacy, hidden: true},
	{Type: "connect-virtual-agent", Title: "Connect Virtual Agent (v1)", Category: ConnectOtherProducts, Icon: "virtual-agent", Channel: VoiceChannel, NameBase: "virtual_agent",
		events: []Event{ev("return", "Return"), hangupEv()}, hidden: true},
	{Type: "send-to-auto-pilot", outputs: []string{"CurrentTask", "DialogueSid", "AssistantSid", "Memory"}, Title: "Send To Autopilot", Category: ConnectOtherProducts, Icon: "robot", Channel: AnyChannel, NameBase: "autopilot",
		events: []Event{ev("sessionEnded", "Session Ended"), failEv("failure", "Failure"), ev("timeout", "Timeout")}, hidden: true},
	{Type: "run-function-v2", Title: "Run Function (v2)", Category: ToolsAndCode, Icon: "function", Channel: AnyChannel, NameBase: "function", http: functionCall,
		events: []Event{ev("success", "Success"), failEv("fail", "Fail")}, OpenEvents: true, hidden: true,
		requires: []Requirement{httpURL("run-function-v2/url", "url")}},
	{Type: "create-task", Title: "Create Task", Category: ConnectOtherProducts, Icon: "legacy", Channel: AnyChannel, NameBase: "create_task",
		OpenEvents: true, hidden: true},
	{Type: "create-chat-channel", Title: "Create Chat Channel", Category: Messaging, Icon: "legacy", Channel: AnyChannel, NameBase: "create_chat_channel",
		OpenEvents: true, hidden: true},
	{Type: "add-member-to-chat-channel", Title: "Add Member To Chat Channel", Category: Messaging, Icon: "legacy", Channel: AnyChannel, NameBase: "add_member",
		OpenEvents: true, hidden: true},
	{Type: "update-sync-object", Title: "Update Sync Object", Category: ToolsAndCode, Icon: "legacy", Channel: AnyChannel, NameBase: "update_sync",
		OpenEvents: true, hidden: true},
	{Type: "understand", Title: "Understand", Category: ConnectOtherProducts, Icon: "legacy", Channel: AnyChannel, NameBase: "understand",
		OpenEvents: true, hidden: true},
}
