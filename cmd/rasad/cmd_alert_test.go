package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
)

func TestAlertCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rasad.db")
	if _, errs, status := run(t, "", "ingest", "--db", db, "../../examples"); status != exitOK {
		t.Fatalf("ingest: status %d\n%s", status, errs)
	}
	out := filepath.Join(dir, "alerts.jsonl")
	// From another folder, the file sink is saved with its absolute path.
	t.Chdir(dir)
	if _, errs, status := run(t, "", "alert", "add", "--db", db, "strikes", "بالقصف", "--type", "assault", "--to", "file:alerts.jsonl"); status != exitOK {
		t.Fatalf("alert add: status %d\n%s", status, errs)
	}
	// A misspelt type is a usage error; a type no stored event has yet
	// is saved with a note, a type some event has without one.
	if _, errs, status := run(t, "", "alert", "add", "--db", db, "misspelt", "--type", "ASSUALT"); status != exitUsage ||
		!strings.Contains(errs, `type "ASSUALT"`) {
		t.Errorf("alert add with a misspelt type: status %d\n%s", status, errs)
	}
	if _, errs, status := run(t, "", "alert", "add", "--db", db, "typo", "--type", "Chemical weapon,protest"); status != exitOK ||
		!strings.Contains(errs, `no stored event has the type "Chemical weapon" yet`) || strings.Contains(errs, `"protest"`) {
		t.Errorf("alert add with a type no event has: status %d\n%s", status, errs)
	}
	if _, errs, status := run(t, "", "alert", "rm", "--db", db, "typo"); status != exitOK {
		t.Fatalf("alert rm: status %d\n%s", status, errs)
	}
	if _, errs, status := run(t, "", "alert", "add", "--db", db, "sudan", "--place", "السودان", "--on", "articles",
		"--from", "2025-01-01", "--to", "2025-12-31", "--to", "stdout"); status != exitOK {
		t.Fatalf("alert add with two --to: status %d\n%s", status, errs)
	}
	list, _, status := run(t, "", "alert", "list", "--db", db)
	if status != exitOK || !strings.Contains(list, "file:"+out) || !strings.Contains(list, `--place "السودان" --from "2025-01-01" --to "2025-12-31"`) ||
		!strings.Contains(list, "0 delivered, 0 pending, 0 failed") {
		t.Errorf("alert list: status %d\n%s", status, list)
	}

	// alert test prints what matches and records nothing.
	tested, errs, status := run(t, "", "alert", "test", "--db", db, "strikes")
	if status != exitOK {
		t.Fatalf("alert test: status %d\n%s", status, errs)
	}
	lines := strings.Split(strings.TrimSpace(tested), "\n")
	var keys []string
	for _, l := range lines {
		var m alert.Message
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.Event == nil || m.Event.Type != "ASSAULT" {
			t.Fatalf("alert test printed %q (%v): want an ASSAULT event", l, err)
		}
		keys = append(keys, m.Document.ID+"/"+m.Event.ID)
	}
	if len(lines) < 3 || !strings.Contains(errs, "matching events") {
		t.Errorf("alert test: %d lines, stderr %q", len(lines), errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("alert test wrote to the sink")
	}

	// What rasad watch does after storing: the same matches are
	// delivered to the file, once.
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), db, store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	nums, err := st.Published(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.Documents(context.Background(), nums)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.Doc.ID)
	}
	var stdout bytes.Buffer
	onStored, finish, err := alertHook(context.Background(), st, an, &globals{stdout: &stdout}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := onStored(context.Background(), ids); err != nil {
			t.Fatal(err)
		}
	}
	if err := finish(true); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var delivered []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var m alert.Message
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.Event == nil {
			t.Fatalf("delivered %q: %v", l, err)
		}
		delivered = append(delivered, m.Document.ID+"/"+m.Event.ID)
	}
	if !slices.Equal(slices.Sorted(slices.Values(delivered)), slices.Sorted(slices.Values(keys))) {
		t.Errorf("delivered\n%v\nwant what alert test printed\n%v", delivered, keys)
	}
	sudan := 0
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var m alert.Message
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.Alert != "sudan" || m.Event != nil {
			t.Fatalf("stdout line %q (%v): want an article of the sudan alert", l, err)
		}
		sudan++
	}
	if sudan == 0 {
		t.Error("the sudan alert did not fire")
	}
	if list, _, _ := run(t, "", "alert", "list", "--db", db); !strings.Contains(list, "0 pending, 0 failed") {
		t.Errorf("alert list after delivering:\n%s", list)
	}

	if _, errs, status := run(t, "", "alert", "rm", "--db", db, "strikes"); status != exitOK {
		t.Fatalf("alert rm: status %d\n%s", status, errs)
	}
	if list, _, _ := run(t, "", "alert", "list", "--db", db); strings.Contains(list, "strikes") {
		t.Errorf("alert list after rm:\n%s", list)
	}
}

func TestAlertUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rasad.db")
	if _, errs, status := run(t, "", "alert", "add", "--db", db, "taken", "غارة"); status != exitOK {
		t.Fatalf("alert add: %d %s", status, errs)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"add"}, "alert add needs a NAME"},
		{[]string{"add", "x"}, "give words to look for or a filter"},
		{[]string{"add", "taken", "قصف"}, "an alert named taken exists already"},
		{[]string{"add", "x y", "قصف"}, `name "x y" has a space`},
		{[]string{"add", "x", "قصف", "--on", "quotes"}, `fires on "quotes"`},
		{[]string{"add", "x", "«قصف"}, "is never closed"},
		{[]string{"add", "x", "قصف", "--to", "2025-13-01"}, `to date "2025-13-01"`},
		{[]string{"add", "x", "قصف", "--to", "ftp://example.org/x"}, `want stdout, file:PATH, an http(s):// URL, or a day`},
		{[]string{"add", "x", "قصف", "--to", "stdout", "--to", "file:/tmp/a"}, "two sinks"},
		{[]string{"add", "x", "قصف", "--to", "file:" + filepath.Join(dir, "no", "a.jsonl")}, "no folder"},
		{[]string{"add", "x", "قصف", "--to", "https://hooks.example.org/a"}, "needs a secret"},
		{[]string{"add", "x", "قصف", "--secret", "k"}, "not a webhook"},
		{[]string{"add", "x", "قصف", "--secret-env", "K"}, "not a webhook"},
		{[]string{"add", "x", "قصف", "--to", "https://hooks.example.org/a", "--secret", "k", "--secret-env", "K"}, "not both"},
		{[]string{"add", "x", "قصف", "--to", "https://hooks.example.org/a", "--secret", "env:K"}, "use --secret-env"},
		{[]string{"add", "x", "قصف", "--to", "https://hooks.example.org/a", "--secret-env", "MY KEY"}, "not the name of an environment variable"},
		{[]string{"add", "x", "قصف", "--near", "32,13"}, "want LAT,LON,KM"},
		{[]string{"rm", "nope"}, "no alert named nope"},
		{[]string{"test", "nope"}, "no alert named nope"},
		{[]string{"rm"}, "alert rm needs one NAME"},
	} {
		args := append([]string{"alert"}, tc.args...)
		args = append(args, "--db", db)
		_, errs, status := run(t, "", args...)
		if status != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("rasad %s: status %d, stderr %q; want %d with %q", strings.Join(args, " "), status, errs, exitUsage, tc.want)
		}
	} // A mistyped database is named, not created empty.
	typo := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{{"list"}, {"test", "taken"}, {"rm", "taken"}} {
		args = append([]string{"alert"}, append(args, "--db", typo)...)
		_, errs, status := run(t, "", args...)
		if status != exitUsage || !strings.Contains(errs, "no database "+typo) {
			t.Errorf("rasad %s: status %d, stderr %q; want %d naming the file", strings.Join(args, " "), status, errs, exitUsage)
		}
		if _, err := os.Stat(typo); err == nil {
			t.Fatalf("rasad %s created %s", strings.Join(args, " "), typo)
		}
	}
}

// TestAlertSecretsNotPrinted saves webhooks with a key and with the name
// of a variable: no command prints a key, and the variable's name is all
// the database keeps of the second.
func TestAlertSecretsNotPrinted(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rasad.db")
	const key = "مفتاح-لا-يطبع-42"
	for _, args := range [][]string{
		{"alert", "add", "--db", db, "keyed", "غارة", "--to", "http://127.0.0.1:1/hook", "--secret", key},
		{"alert", "add", "--db", db, "named", "بالغارات", "--to", "http://127.0.0.1:1/hook", "--secret-env", "RASAD_HOOK_KEY"},
		{"alert", "list", "--db", db},
		{"alert", "test", "--db", db, "keyed"},
	} {
		out, errs, status := run(t, "", args...)
		if status != exitOK {
			t.Fatalf("rasad %s: status %d\n%s", strings.Join(args, " "), status, errs)
		}
		if strings.Contains(out+errs, key) {
			t.Errorf("rasad %s printed the key:\n%s%s", strings.Join(args, " "), out, errs)
		}
		if args[1] == "add" && args[4] == "named" && !strings.Contains(errs, "$RASAD_HOOK_KEY is not set here") {
			t.Errorf("alert add --secret-env with the variable unset says nothing:\n%s", errs)
		}
		if args[1] == "list" && !strings.Contains(out, "(signed with $RASAD_HOOK_KEY)") {
			t.Errorf("alert list does not say where the key is:\n%s", out)
		}
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), db, store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	as, err := st.Alerts(context.Background())
	if err != nil || len(as) != 2 {
		t.Fatalf("%d alerts (%v)", len(as), err)
	}
	if as[1].Secret != alert.SecretFromEnv("RASAD_HOOK_KEY") {
		t.Errorf("saved secret %q, want only the variable's name", as[1].Secret)
	}
}
