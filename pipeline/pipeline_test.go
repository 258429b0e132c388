package pipeline

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/read"
)

const article = `اشتباكات في جنوب طرابلس
الأحد 22 يونيو 2025 - 14:20
اندلعت اشتباكات مسلحة مساء أمس السبت بين قوتين في منطقة صلاح الدين جنوب طرابلس، وفق ما أفاد به شهود عيان.
وقال مصدر أمني إن الاشتباكات توقفت بعد ساعتين من اندلاعها.
`

func TestProcessPublishedPrecedence(t *testing.T) {
	p, err := New(Options{Workers: 1, Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	noDateline := strings.Replace(article, "الأحد 22 يونيو 2025 - 14:20\n", "", 1)
	for _, tc := range []struct {
		name, text, published, want string
	}{
		{"the record's own date wins", article, "2025-06-23T08:00:00Z", "2025-06-23"},
		{"else the dateline under the title", article, "", "2025-06-22"},
		{"else the --published default", noDateline, "", "2024-01-02"},
	} {
		d, err := p.Process(&read.Article{Path: "a.txt", Line: 1, Text: tc.text, Published: tc.published})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if d.Published == nil || *d.Published != tc.want {
			t.Errorf("%s: published = %v, want %s", tc.name, d.Published, tc.want)
		}
		if err := document.Check(d); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if d.Title == nil || *d.Title != "اشتباكات في جنوب طرابلس" {
			t.Errorf("%s: title = %v", tc.name, d.Title)
		}
		if strings.Contains(d.Text, "14:20") {
			t.Errorf("%s: the dateline is left in the text", tc.name)
		}
	}
}

func TestRunReportsArticlesWithoutText(t *testing.T) {
	p, err := New(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	articles := func(yield func(*read.Article, error) bool) {
		_ = yield(&read.Article{Path: "x.jsonl", Line: 1, ID: "ok", Text: article}, nil) &&
			yield(nil, &read.Error{Path: "x.jsonl", Line: 2, Reason: "invalid JSON"}) &&
			yield(&read.Article{Path: "x.jsonl", Line: 3, HTML: "<html><body><script>var a=1;</script></body></html>"}, nil) &&
			yield(&read.Article{Path: "x.jsonl", Line: 4, ID: "ok2", Text: article}, nil)
	}
	var got []string
	err = p.Run(context.Background(), articles, func(r Result) error {
		if r.Skipped != nil {
			got = append(got, r.Skipped.Error())
		} else {
			got = append(got, "doc "+r.Doc.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"doc ok", "x.jsonl:2: invalid JSON", "x.jsonl:3: ", "doc ok2"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("result %d = %q, want %q…", i, got[i], want[i])
		}
	}
}

func TestUntilStopsAfterTheNamedStage(t *testing.T) {
	for i, name := range StageNames() {
		p, err := New(Options{Workers: 1, Until: name})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.stages) != i {
			t.Errorf("until %s: %d stages run, want %d", name, len(p.stages), i)
		}
		for j, s := range p.stages {
			if s.Name != StageNames()[j+1] {
				t.Errorf("stage %d is %s, want %s", j, s.Name, StageNames()[j+1])
			}
		}
	}
	d, err := mustNew(t, "text").Process(&read.Article{Path: "a.txt", Line: 1, Text: article})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) == 0 || len(d.Entities) != 0 {
		t.Errorf("until text: %d sentences and %d entities, want sentences and no entities", len(d.Sentences), len(d.Entities))
	}
	if _, err := New(Options{Until: "tokens"}); err == nil {
		t.Error("an unknown stage was accepted")
	}
}

func mustNew(t *testing.T, until string) *Pipeline {
	t.Helper()
	p, err := New(Options{Workers: 1, Until: until})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
