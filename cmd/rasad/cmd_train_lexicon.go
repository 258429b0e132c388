package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO: placeholder until this subcommand is written.
func newTrainLexiconCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "lexicon",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("lexicon: not implemented yet")
		},
	}
}
