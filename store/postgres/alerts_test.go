package postgres_test

import (
	"context"
	"testing"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/alert/alerttest"
	"github.com/rasad/rasad/internal/pgtest"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/postgres"
)

func TestAlerts(t *testing.T) {
	server := pgtest.Start(t)
	alerttest.Run(t, func(t *testing.T) alerttest.Opener {
		url := server.NewDatabase(t)
		return func(ctx context.Context, opts store.Options) (alert.Store, error) {
			return postgres.Open(ctx, url, opts)
		}
	})
}
