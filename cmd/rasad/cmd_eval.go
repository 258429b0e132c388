package main

import "github.com/spf13/cobra"

func newEvalCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure rasad's components against gold data",
		Args:  noArgs,
	}
	cmd.AddCommand(
		newEvalSegmenterCommand(g),
		newEvalNERCommand(g),
		newEvalEventsCommand(g),
	)
	return cmd
}
