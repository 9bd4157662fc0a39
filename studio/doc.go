// Package studio is the local Studio: a workspace of flows with immutable
// revisions, test users and execution logs (studio/workspace), executions run
// on the engine with Studio's one-active-execution-per-contact sessions
// (studio/sessions), the Studio REST API v2 served over HTTP
// (studio/restapi), and a client of that API for pull and push
// (studio/client). The two speak one wire format: the resource types of
// studio/wire, which the server encodes and the client decodes.
//
// It sits between engine and canvas in the dependency order: it imports
// model, schemas and engine, never Fyne.
package studio
