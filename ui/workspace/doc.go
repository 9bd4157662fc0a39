// Package workspace is the desktop face of the local Studio (studio/workspace):
// the Flows home (list, search, create, duplicate, rename, delete), each
// flow's revision history (open read-only, restore as a draft, publish), its
// executions (steps, contexts and the path taken, on a read-only canvas), and
// the "Open from Twilio" / "Publish to Twilio" dialogs speaking studio/client.
//
// The main window mounts Home.Content and sets Home's exported callbacks;
// nothing here imports package ui.
package workspace
