// Package schemas holds the JSON Schemas of a Studio flow definition, the
// widget catalog derived from them, and the flow validator.
//
// Schemas: official/ is Twilio's seed 000 (SOURCES.md names the sources
// cited by seed number and §), byte for byte; supplied/ is what
// Twilio does not publish (commons, the core# metaschema, the widget types the
// flow schema names without a schema). QUIRKS.md says how each oddity of the
// official schemas is handled.
//
// Catalog: Load compiles every schema once (offline: nothing is fetched) and
// returns the one Catalog that the canvas, inspector and engine read: each
// type's title, library category, labelled events, default widget (from seed
// 001), maturity, icon, channel, property specs and compiled schema.
//
// Validation: NewValidator(catalog) gives a Validator whose ValidateFlow runs
// two layers into one list of Diagnostics: layer 1 validates each widget
// against its own type's schema (what the flow schema's 28-branch if/then
// does, without evaluating 28 branches per widget); layer 2 runs Studio's rules (initial state, one trigger, names,
// next links, events, split conditions, Liquid syntax and widget references,
// reachability, Send & Wait on calls, subflow and widget limits), and what
// the engine would fail when it runs the flow: each type's requirements on
// its properties as written (widgetrules.go) and, on every path from each of
// the Trigger's entry points, the widgets that cannot run there (a voice
// widget without a call, a subflow inside a subflow). Both come from the
// type's entry in widgetTable (catalog_table.go), the one place per widget
// type that the engine reads too.
// ValidateWidget re-runs the per-widget rules for one widget, and MergeWidget
// folds its result into a full one, for validation on every keystroke.
//
// Layer 1 decides with fastSchema, a valid/invalid evaluator built from
// jsonschema/v5's compiled schemas that walks model values directly; only a
// value it finds invalid goes to santhosh-tekuri/jsonschema/v5, whose error
// tree the messages are worded from. Keywords fastSchema does not implement
// are left to jsonschema/v5 (TestFastSchemaAgreesWithJSONSchema and
// FuzzFastSchemaAgrees prove the two agree). fastSchema's plans are also
// written out as Go, one function per node (fastschema_gen.go, written by
// fastschema_codegen.go; `go test ./schemas -run
// TestGeneratedValidatorsCurrent -update` rewrites it after a schema or the
// generator changes): a compiled schema runs that code only when the graph
// just built is the one it was generated from, and hands the interpreter
// every node and value the code does not specialise. The same tests compare
// the generated code with the interpreter on every value they try.
package schemas
