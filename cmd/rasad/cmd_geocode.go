package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO: placeholder until this subcommand is written.
func newGeocodeCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "geocode",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("geocode: not implemented yet")
		},
	}
}
