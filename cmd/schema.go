package cmd

import (
	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/schema"
)

func newSchemaCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of a record",
		Long: `schema prints the JSON Schema (draft 2020-12) that every record written by
letters parse fits and that letters validate checks. The same file is
schema/record.schema.json in the repository, published at
` + schema.URL + `.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			_, err := s.out.Write(schema.JSON())
			return err
		},
	}
}
