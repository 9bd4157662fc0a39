// Package schemas holds the JSON Schemas of a Studio flow definition (the
// official ones from seed 000 and the ones Twilio does not publish), the widget
// catalog derived from them, and the flow validator.
package schemas

import "embed"

// files holds the schema documents: official/ byte-for-byte from seed 000,
// supplied/ written by this project.
//
//go:embed official/*.json
var files embed.FS
