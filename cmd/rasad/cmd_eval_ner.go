package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO: placeholder until this subcommand is written.
func newEvalNERCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "ner",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("ner: not implemented yet")
		},
	}
}
