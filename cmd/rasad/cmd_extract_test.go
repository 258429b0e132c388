package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// run runs the rasad command line with args and returns its stdout, stderr
// and exit status, as main would.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errs bytes.Buffer
	g := &globals{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errs, getenv: func(string) string { return "" }}
	root := newRootCommand(g)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	status = exitStatus(&errs, err)
	return out.String(), errs.String(), status
}

// decodeDocuments parses JSON Lines output and checks every document
// against the contract's span rules.
func decodeDocuments(t *testing.T, out string) []document.Document {
	t.Helper()
	var docs []document.Document
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var d document.Document
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("output line %d is not a document: %v", len(docs)+1, err)
		}
		if err := document.Check(&d); err != nil {
			t.Errorf("document %s breaks the contract: %v", d.ID, err)
		}
		if d.Schema != document.Schema {
			t.Errorf("document %s: schema %q, want %q", d.ID, d.Schema, document.Schema)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestExtractExamplesGolden(t *testing.T) {
	stdout, stderr, status := run(t, "", "extract", "--workers", "3", filepath.Join("..", "..", "examples"))
	if status != exitOK || stderr != "" {
		t.Fatalf("extract examples/: status %d, stderr:\n%s", status, stderr)
	}
	docs := decodeDocuments(t, stdout)
	if len(docs) < 8 {
		t.Fatalf("got %d documents from examples/, want at least 8", len(docs))
	}
	for _, d := range docs {
		if d.Title == nil || *d.Title == "" {
			t.Errorf("document %s has no title", d.ID)
		}
		if len(d.Sentences) < 3 {
			t.Errorf("document %s has %d sentences", d.ID, len(d.Sentences))
		}
	}
	golden := filepath.Join("testdata", "examples.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/rasad -run Golden -update, then check the file by eye)", err)
	}
	if stdout != string(want) {
		t.Errorf("extract examples/ differs from %s; if the change is right, rerun with -update and review the diff", golden)
	}
}

func TestExtractOutputOrderDoesNotDependOnWorkers(t *testing.T) {
	examples := filepath.Join("..", "..", "examples")
	one, _, _ := run(t, "", "extract", "--workers", "1", examples)
	many, _, _ := run(t, "", "extract", "--workers", "8", examples)
	if one == "" || one != many {
		t.Errorf("output with 8 workers differs from output with 1")
	}
}

func TestExtractReportsBadRecordsAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := "اشتباكات عنيفة جنوب طرابلس\nاندلعت اشتباكات عنيفة مساء أمس بين مجموعتين مسلحتين في منطقة صلاح الدين جنوب العاصمة الليبية طرابلس. وقال شهود عيان إن الاشتباكات استمرت ساعتين.\n"
	batch := write("batch.jsonl",
		`{"id":"a1","text":"`+strings.ReplaceAll(good, "\n", `\n`)+`"}`+"\n"+
			`{"id":"a2","text":`+"\n"+
			`{"id":"a3","title":"بلا نص"}`+"\n"+
			`{"id":"a4","text":"`+strings.ReplaceAll(good, "\n", `\n`)+`","published":"2025-06-22"}`+"\n")
	empty := write("empty.txt", "")
	stdout, stderr, status := run(t, "", "extract", batch, empty)
	if status != exitSkipped {
		t.Errorf("status %d, want %d (some records skipped)", status, exitSkipped)
	}
	docs := decodeDocuments(t, stdout)
	if len(docs) != 2 || docs[0].ID != "a1" || docs[1].ID != "a4" {
		t.Fatalf("got %d documents, want a1 and a4", len(docs))
	}
	if docs[1].Published == nil || *docs[1].Published != "2025-06-22" {
		t.Errorf("a4 published = %v, want 2025-06-22", docs[1].Published)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	wantPrefixes := []string{batch + ":2: ", batch + ":3: ", empty + ":1: "}
	if len(lines) != len(wantPrefixes) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(wantPrefixes), stderr)
	}
	for i, p := range wantPrefixes {
		if !strings.HasPrefix(lines[i], p) {
			t.Errorf("stderr line %d = %q, want it to start with %q", i+1, lines[i], p)
		}
	}
}

func TestExtractUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"extract"},
		{"extract", "--published", "yesterday", "x.txt"},
		{"extract", "--workers", "0", "x.txt"},
		{"extract", "--max-bytes", "ten", "x.txt"},
		{"extract", "--no-such-flag", "x.txt"},
		{"extract", "--until", "tokens", "x.txt"},
	} {
		_, stderr, status := run(t, "", args...)
		if status != exitUsage {
			t.Errorf("rasad %s: status %d, want %d", strings.Join(args, " "), status, exitUsage)
		}
		if !strings.HasPrefix(stderr, "rasad: ") {
			t.Errorf("rasad %s: stderr %q, want a message", strings.Join(args, " "), stderr)
		}
	}
}

func TestExtractStdin(t *testing.T) {
	text := "وصل وفد أممي إلى بنغازي صباح اليوم. والتقى الوفد قادة عسكريين.\n"
	stdout, stderr, status := run(t, text, "extract", "--published", "2025-03-02", "-")
	if status != exitOK {
		t.Fatalf("status %d, stderr %s", status, stderr)
	}
	docs := decodeDocuments(t, stdout)
	if len(docs) != 1 || !strings.Contains(docs[0].Text, "وفد أممي") {
		t.Fatalf("got %d documents from a plain-text stdin", len(docs))
	}
	if docs[0].Published == nil || *docs[0].Published != "2025-03-02" {
		t.Errorf("published = %v, want the --published date", docs[0].Published)
	}
	jsonl := `{"id":"s1","text":"قصفت طائرة مسيرة موقعا قرب سرت."}` + "\n" + `{"id":"s2","text":"تظاهر المئات في مصراتة."}` + "\n"
	stdout, _, status = run(t, jsonl, "extract", "-")
	if docs := decodeDocuments(t, stdout); status != exitOK || len(docs) != 2 || docs[1].ID != "s2" {
		t.Errorf("JSON Lines on stdin: status %d, %d documents", status, len(docs))
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"10MB": 10 << 20, "512kb": 512 << 10, "1048576": 1 << 20, "2G": 2 << 30, "100 B": 100} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "0", "ten", "10TB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}
