package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO: placeholder until this subcommand is written.
func newTrainClustersCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "clusters",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("clusters: not implemented yet")
		},
	}
}
