package postgres_test

import (
	"context"
	"testing"

	"github.com/rasad/rasad/internal/pgtest"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/postgres"
	"github.com/rasad/rasad/store/storetest"
)

func TestEventLister(t *testing.T) {
	server := pgtest.Start(t)
	storetest.RunEvents(t, func(t *testing.T) storetest.Opener {
		url := server.NewDatabase(t)
		return func(ctx context.Context, opts store.Options) (store.Store, error) {
			return postgres.Open(ctx, url, opts)
		}
	})
}
