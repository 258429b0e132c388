package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newExtractCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use: "extract",
		RunE: func(*cobra.Command, []string) error {
			return errors.New("extract: not implemented yet")
		},
	}
}
