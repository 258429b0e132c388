package postgres_test

import (
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/internal/pgtest"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/internal/sqldb/queuetest"
	"github.com/rasad/rasad/store/postgres"
)

func TestQueue(t *testing.T) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	server := pgtest.Start(t)
	queuetest.Run(t, func(t *testing.T) store.Queue {
		s, err := postgres.Open(t.Context(), server.NewDatabase(t), store.Options{Analyzer: an})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
