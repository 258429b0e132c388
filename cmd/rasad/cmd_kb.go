package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO: placeholder until this subcommand is written.
func newKBCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "kb",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("kb: not implemented yet")
		},
	}
}
