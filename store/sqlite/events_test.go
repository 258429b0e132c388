package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
	"github.com/rasad/rasad/store/storetest"
)

func TestEventLister(t *testing.T) {
	storetest.RunEvents(t, func(t *testing.T) storetest.Opener {
		path := filepath.Join(t.TempDir(), "rasad.db")
		return func(ctx context.Context, opts store.Options) (store.Store, error) {
			return sqlite.Open(ctx, path, opts)
		}
	})
}
