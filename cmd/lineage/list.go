package main

import (
	"fmt"
	"slices"
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
	stage := fs.String("stage", "", "only models at `STAGE` (base, instruction-tuned, chat, code, reasoning)")
	access := fs.String("access", "", "only models with `ACCESS` (open, limited, api, closed)")
	arch := fs.String("arch", "", "only models with architecture `ARCH` (decoder-only, encoder-decoder, moe, ...)")
	since := fs.String("since", "", "only models released in or after `DATE`")
	until := fs.String("until", "", "only models released in or before `DATE`")
	format := fs.StringP("format", "f", "text", "output `format`: text, json, csv")
	if err := c.parse(fs, args, 0, 0); err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json", "csv"); err != nil {
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
	eq := func(want, have string) bool { return want == "" || strings.EqualFold(want, have) }
	var ms []*graph.Model
	for _, m := range l.Models() {
		if !eq(*stage, m.Stage) || !eq(*access, m.Access) || !eq(*arch, m.Arch) || !orgMatches(*org, m.Orgs) {
			continue
		}
		if !from.IsZero() && (m.Date.IsZero() || !dateInOrAfter(m.Date, from)) {
			continue
		}
		if !to.IsZero() && (m.Date.IsZero() || !dateInOrBefore(m.Date, to)) {
			continue
		}
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(a, b *graph.Model) int {
		if a.Date.IsZero() != b.Date.IsZero() {
			if a.Date.IsZero() {
				return 1
			}
			return -1
		}
		if d := a.Date.Compare(b.Date); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
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
	tw := newTable(c.stdout)
	fmt.Fprintln(tw, "DATE\tMODEL\tORG\tPARAMS\tSTAGE\tACCESS")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.Date, label(m), strings.Join(m.Orgs, ", "), strings.Join(m.Params, "/"), m.Stage, m.Access)
	}
	tw.Flush()
	fmt.Fprintf(c.stdout, "\n%d model%s\n", len(ms), plural(len(ms)))
	return nil
}

func orgMatches(want string, orgs []string) bool {
	if want == "" {
		return true
	}
	w := graph.NormalizeName(want)
	for _, o := range orgs {
		if strings.Contains(graph.NormalizeName(o), w) {
			return true
		}
	}
	return false
}

// dateInOrAfter reports whether d falls in or after the period p names, counting
// periods that overlap: 2024-03 is in or after 2024, and so is 2024 for 2024-06.
func dateInOrAfter(d, p graph.Date) bool {
	return trunc(d, p).Compare(p) >= 0 || trunc(p, d) == d
}

// dateInOrBefore reports whether d falls in or before the period p names, counting
// periods that overlap.
func dateInOrBefore(d, p graph.Date) bool {
	return trunc(d, p).Compare(p) <= 0 || trunc(p, d) == d
}

// trunc drops the precision d has beyond p's, so both compare as periods of the same size.
func trunc(d, p graph.Date) graph.Date {
	if p.Month == 0 {
		d.Month = 0
	}
	if p.Day == 0 {
		d.Day = 0
	}
	return d
}
