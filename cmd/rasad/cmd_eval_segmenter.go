package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO: placeholder until this subcommand is written.
func newEvalSegmenterCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "segmenter",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("segmenter: not implemented yet")
		},
	}
}
