package look

// The type scale shared by the canvas and the panels around it: node text
// at zoom 1 is drawn at the sizes the panels use, so a widget's name on the
// canvas and in the inspector look alike.
const (
	// TextCaption is the smallest step: port labels, a node's type title,
	// metadata and hints in the panels.
	TextCaption = 12
	// TextBody is the body text: a node's name, fields and lists.
	TextBody = 14
	// TextSubheading and TextHeading title panels and dialogs.
	TextSubheading = 17
	TextHeading    = 21
)
