package schemas

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// files holds the schema documents: official/ byte-for-byte from seed 000,
// supplied/ written by this project (see QUIRKS.md).
//
//go:embed official/*.json supplied/*.json
var files embed.FS

// Origin tells where a schema document comes from.
type Origin string

const (
	// Official documents are Twilio's, copied unchanged from seed 000.
	Official Origin = "official"
	// Supplied documents are written by Studioflow for what Twilio does not publish.
	Supplied Origin = "supplied"
)

// Document is one embedded schema document.
type Document struct {
	ID     string // the document's $id, the URL it is registered under
	File   string // path inside the package, e.g. "official/trigger.json"
	Origin Origin
	data   []byte
}

// Bytes returns a copy of the document's JSON text.
func (d Document) Bytes() []byte { return append([]byte(nil), d.data...) }

// Documents lists every embedded schema document, official first, each group
// sorted by file name.
func Documents() ([]Document, error) {
	var docs []Document
	for _, origin := range []Origin{Official, Supplied} {
		names, err := fs.Glob(files, string(origin)+"/*.json")
		if err != nil {
			return nil, fmt.Errorf("list embedded %s schemas: %w", origin, err)
		}
		sort.Strings(names)
		for _, name := range names {
			data, err := files.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("read embedded schema %s: %w", name, err)
			}
			var head struct {
				ID string `json:"$id"`
			}
			if err := json.Unmarshal(data, &head); err != nil {
				return nil, fmt.Errorf("embedded schema %s: %w", name, err)
			}
			if head.ID == "" {
				return nil, fmt.Errorf("embedded schema %s has no $id", name)
			}
			docs = append(docs, Document{ID: head.ID, File: name, Origin: origin, data: data})
		}
	}
	return docs, nil
}

// typeOfDocument is the widget type a document describes: its file name
// without extension ("trigger" for official/trigger.json).
func typeOfDocument(d Document) string {
	base := path.Base(d.File)
	return base[:len(base)-len(path.Ext(base))]
}
