package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

var listCmd = &command{
	name: "list",
	args: "[--org O] [--stage S] [--access A] [--arch X] [--since D] [--until D] [-f text|json|csv]",
	summary: "List prints the models that pass every filter, oldest first (models without a\n" +
		"date last). Text filters ignore case; --org matches any of a model's\n" +
		"organisations and a part of a name (--org meta matches \"Meta AI\").\n" +
		"Dates are YYYY, YYYY-MM or YYYY-MM-DD; --since and --until include the\n" +
		"whole period they name, and a model without a date passes neither.",
	examples: []string{
		"lineage list --since 2024",
		"lineage list --org openai --stage chat",
		"lineage list --access open --until 2023-06 -f csv",
	},
	run: runList,
}

func runList(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	org := fs.String("org", "", "only models made by `ORG`")
	stage := fs.String("stage", "", "only models at `STAGE` ("+strings.Join(graph.Stages(), ", ")+", or another the data uses)")
	access := fs.String("access", "", "only models with `ACCESS` ("+strings.Join(graph.AccessLevels(), ", ")+")")
	arch := fs.String("arch", "", "only models with architecture `ARCH` ("+strings.Join(graph.Architectures(), ", ")+", or another the data uses)")
	since := fs.String("since", "", "only models released in or after `DATE`")
	until := fs.String("until", "", "only models released in or before `DATE`")
	format := fs.StringP("format", "f", "text", "output `format`: text, json, csv")
	if err := c.parse(fs, args, 0, 0); err != nil {
		return err
	}
	if err := c.useFormat(*format, "text", "json", "csv"); err != nil {
		return err
	}
	from, err := graph.ParseDate(*since)
	if err != nil {
		return usageError{"--since: " + err.Error()}
	}
	to, err := graph.ParseDate(*until)
	if err != nil {
		return usageError{"--until: " + err.Error()}
	}
	l, err := c.load()
	if err != nil {
		return err
	}
	filter := graph.Filter{Org: *org, Stage: *stage, Access: *access, Arch: *arch, Since: from, Until: to}
	if err := l.CheckFilter(filter); err != nil {
		var ve *graph.VocabularyError
		if errors.As(err, &ve) {
			return usagef("--%s: %v", ve.Field, err)
		}
		return err
	}
	ms := l.List(filter)
	switch *format {
	case "json":
		out := make([]modelJSON, len(ms))
		for i, m := range ms {
			out[i] = toModelJSON(m)
		}
		return writeJSON(c.stdout, out)
	case "csv":
		rows := make([][]string, len(ms))
		for i, m := range ms {
			rows[i] = []string{m.ID, m.Name, strings.Join(m.Orgs, ";"), m.Date.String(), strings.Join(m.Params, ";"), m.Arch, m.Stage, m.Access}
		}
		return writeCSV(c.stdout, []string{"id", "name", "org", "date", "params", "arch", "stage", "access"}, rows)
	}
	if len(ms) == 0 {
		fmt.Fprintln(c.stdout, "no models match")
		return nil
	}
	tw := c.newTable()
	tw.fit = c.width
	fmt.Fprintln(tw, "DATE\tMODEL\tORG\tPARAMS\tSTAGE\tACCESS")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.Date, label(m), strings.Join(m.Orgs, ", "), strings.Join(m.Params, "/"), m.Stage, m.Access)
	}
	tw.Flush()
	fmt.Fprintf(c.stdout, "\n%d model%s\n", len(ms), plural(len(ms)))
	return nil
}
