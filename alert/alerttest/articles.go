package alerttest

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
)

// The articles are invented for the suite, in the register of Libyan,
// Sudanese, Syrian and Yemeni outlets. Every occurrence of the root قصف
// in them is a form of the noun or verb قصف with clitics or none (قصف،
// القصف، بالقصف، وقصف، بقصف), so that a test can tell, by looking for
// those letters, which articles the query بالقصف must find.
//
//go:embed testdata/*.txt
var texts embed.FS

// queryLetters are the letters every form of the query word has.
const queryLetters = "قصف"

// Articles runs the pipeline over the suite's texts and returns the
// documents, in file order, each with an id, URL, outlet and day of its
// own.
func Articles(t testing.TB) []*document.Document {
	docs, _ := articles(t)
	return docs
}

// newParagraph is the news an update of the first article puts on top:
// two more dead in a new air strike.
const newParagraph = "وقتل مدنيان وأصيب ثلاثة آخرون ظهر اليوم في غارة جديدة استهدفت سوقا شعبية وسط بني وليد، بحسب ما أفاد به مسعفون."

// articles returns the documents, and the first of them as its outlet
// updates it: newParagraph under the title, the rest as it was.
func articles(t testing.TB) (docs []*document.Document, updated *document.Document) {
	t.Helper()
	p, err := pipeline.New(pipeline.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(texts, "testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	outlets := []string{"الواحة نيوز", "صدى الخرطوم", "حوران اليوم", "الواحة نيوز", "صوت مأرب"}
	build := func(i int, f, text string) *document.Document {
		id := strings.TrimSuffix(path.Base(f), ".txt")
		d, err := p.Process(&read.Article{
			Path: f, Line: 1, ID: id, Text: text,
			URL:       "https://news.example.org/" + id,
			Outlet:    outlets[i%len(outlets)],
			Published: fmt.Sprintf("2025-11-%02d", 3+i),
		})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		return d
	}
	for i, f := range files {
		b, err := texts.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, build(i, f, string(b)))
		if i == 0 {
			title, rest, _ := strings.Cut(string(b), "\n")
			updated = build(i, f, title+"\n"+newParagraph+"\n"+rest)
		}
	}
	return docs, updated
}
