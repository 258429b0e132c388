package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/internal/sqldb/queuetest"
	"github.com/rasad/rasad/store/sqlite"
)

func TestQueue(t *testing.T) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	queuetest.Run(t, func(t *testing.T) store.Queue {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "rasad.db"), store.Options{Analyzer: an})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
