package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rasad/rasad/internal/shared"
	"github.com/rasad/rasad/web/mapdata"
)

// TestRunKBMap rebuilds the dashboard's map and checks that the committed
// copy in web/public is what the command makes.
func TestRunKBMap(t *testing.T) {
	data := filepath.Dir(shared.Path(t, "boundaries-libya"))
	shared.Path(t, "gazetteer-countries")
	out := t.TempDir()
	var stderr bytes.Buffer
	g := &globals{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr}
	opts := kbMapOptions{Data: data, Out: out, Tolerance: mapdata.DefaultOptions.Tolerance, Decimals: mapdata.DefaultOptions.Decimals}
	if err := runKBMap(context.Background(), opts, g); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{mapFileName, mapNoticeName} {
		built, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(filepath.Join("..", "..", "web", "public", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(built, committed) {
			t.Errorf("rasad kb map made a %s of %d bytes that differs from the committed web/public/%s (%d bytes)", name, len(built), name, len(committed))
		}
	}
	if !strings.Contains(stderr.String(), "239 countries, 22 districts") {
		t.Errorf("progress message %q", stderr.String())
	}
}

func TestRunKBMapUsage(t *testing.T) {
	dir := t.TempDir()
	for _, opts := range []kbMapOptions{
		{Data: filepath.Join(dir, "missing"), Out: dir, Decimals: 2},
		{Data: dir, Out: filepath.Join(dir, "missing"), Decimals: 2},
		{Data: dir, Out: dir, Decimals: 9},
		{Data: dir, Out: dir, Decimals: 2, Tolerance: -1},
	} {
		g := &globals{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
		var usage usageError
		if err := runKBMap(context.Background(), opts, g); !errors.As(err, &usage) {
			t.Errorf("runKBMap(%+v) = %v, want a usage error", opts, err)
		}
	}
}

// TestKBMapArgs: an argument where none is taken is the user's mistake
// (exit 2), for kb map as for alert list.
func TestKBMapArgs(t *testing.T) {
	for _, args := range [][]string{{"kb", "map", "extra"}, {"alert", "list", "extra"}} {
		_, errs, status := run(t, "", args...)
		if status != exitUsage || !strings.Contains(errs, `takes no arguments (got "extra")`) {
			t.Errorf("rasad %s: status %d, stderr %q; want %d", strings.Join(args, " "), status, errs, exitUsage)
		}
	}
}
