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
	"github.com/rasad/rasad/kb"
)

func TestRunKBBuild(t *testing.T) {
	data := filepath.Dir(shared.Path(t, "gazetteer-geonames-cities15000"))
	out := t.TempDir()
	var stderr bytes.Buffer
	g := &globals{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr}
	if err := runKBBuild(context.Background(), kbBuildOptions{Data: data, Out: out}, g); err != nil {
		t.Fatal(err)
	}
	built, err := os.ReadFile(filepath.Join(out, kb.IndexFileName))
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "kb", kb.IndexFileName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(built, committed) {
		t.Errorf("rasad kb build made %d bytes that differ from the committed kb/%s (%d bytes)", len(built), kb.IndexFileName, len(committed))
	}
	if !strings.Contains(stderr.String(), "250 countries") {
		t.Errorf("progress message %q", stderr.String())
	}
}

func TestRunKBBuildUsage(t *testing.T) {
	dir := t.TempDir()
	for _, opts := range []kbBuildOptions{
		{Data: filepath.Join(dir, "missing"), Out: dir},
		{Data: dir, Out: filepath.Join(dir, "missing")},
	} {
		g := &globals{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
		var usage usageError
		if err := runKBBuild(context.Background(), opts, g); !errors.As(err, &usage) {
			t.Errorf("runKBBuild(%+v) = %v, want a usage error", opts, err)
		}
	}
}
