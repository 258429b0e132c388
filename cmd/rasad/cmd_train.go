package main

import "github.com/spf13/cobra"

func newTrainCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Build rasad's models and lexicons from corpora",
		Args:  noArgs,
	}
	cmd.AddCommand(
		newTrainLexiconCommand(g),
		newTrainClustersCommand(g),
		newTrainNERCommand(g),
	)
	return cmd
}
