package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/alert/alerttest"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
)

func TestAlerts(t *testing.T) {
	alerttest.Run(t, func(t *testing.T) alerttest.Opener {
		path := filepath.Join(t.TempDir(), "rasad.db")
		return func(ctx context.Context, opts store.Options) (alert.Store, error) {
			return sqlite.Open(ctx, path, opts)
		}
	})
}
