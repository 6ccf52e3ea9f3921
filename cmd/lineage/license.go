package main

import (
	"fmt"
	"strings"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/license"
)

var licenseCmd = &command{
	name: "license",
	args: "MODEL [-f text|json] | --check [MODEL...] [-f text|json]",
	summary: "License shows the model's declared licence, every licence met along its lineage\n" +
		"(weights passed on: finetune, lora, merge, quantized, ...) with the path from\n" +
		"each, and the terms that reach the model, each with the ancestor and licence\n" +
		"text it comes from. Teacher-data parents whose terms restrict using their\n" +
		"outputs are named separately. Unknown licences are shown as unknown.\n\n" +
		"--check lists, for the whole dataset or the models named, each model whose\n" +
		"declared licence drops terms an ancestor's licence passes on (an apache-2.0\n" +
		"fine-tune of a cc-by-nc-4.0 model, an MIT fine-tune of a Llama 2 model), and\n" +
		"exits 1 when it finds any: usable in CI.\n\n" +
		"This is information with sources, not legal advice.",
	examples: []string{
		"lineage license deepseek-r1-distill-llama-70b",
		"lineage license alpaca-lora -f json",
		"lineage license --check",
		"lineage --data ./mydata license --check -f json",
	},
	run: runLicense,
}

// licenseReportJSON is what 'lineage serve' answers at /api/models/{id}/license:
// the same document as 'lineage license MODEL -f json'.
func licenseReportJSON(l *graph.Lineage, m *graph.Model) any {
	r, err := license.Inherit(l, m.ID)
	if err != nil { // m comes from l, so this cannot happen; say so rather than panic
		return map[string]string{"error": err.Error()}
	}
	return reportJSON(r)
}

// licenseFamily is the licence family charts colour a model by.
func licenseFamily(m *graph.Model) string { return string(license.FamilyOf(m)) }

const notAdvice = "This is information with sources, not legal advice."

func runLicense(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	check := fs.Bool("check", false, "list models whose licence drops terms an ancestor's licence passes on; exit 1 if any")
	format := fs.StringP("format", "f", "text", "output `format`: text, json")
	if err := c.parse(fs, args, 0, -1); err != nil {
		return err
	}
	if !*check && fs.NArg() != 1 {
		return usagef("license takes 1 argument, or --check and any number (usage: %s), got %d", usageLine(c.cmd), fs.NArg())
	}
	if err := c.useFormat(*format, "text", "json"); err != nil {
		return err
	}
	l, err := c.load()
	if err != nil {
		return err
	}
	var ms []*graph.Model
	for _, name := range fs.Args() {
		m, err := c.resolve(l, name)
		if err != nil {
			return err
		}
		ms = append(ms, m)
	}
	if *check {
		return c.licenseCheck(l, ms, *format)
	}
	r, err := license.Inherit(l, ms[0].ID)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(c.stdout, reportJSON(r))
	}
	c.writeReport(r)
	return nil
}

// declaredJSON is one declared licence in JSON.
type declaredJSON struct {
	ID      string `json:"id"`                // as the data writes it
	Licence string `json:"licence,omitempty"` // the catalogue's id, when known
	Name    string `json:"name,omitempty"`
	Family  string `json:"family"`
	URL     string `json:"url,omitempty"`
}

func toDeclaredJSON(ds []license.Declared) []declaredJSON {
	out := make([]declaredJSON, 0, len(ds))
	for _, d := range ds {
		j := declaredJSON{ID: d.ID, Family: string(license.Unknown), URL: d.TextURL()}
		if d.Licence != nil {
			j.Licence, j.Name, j.Family = d.Licence.ID, d.Licence.Name, string(d.Licence.Family)
		}
		out = append(out, j)
	}
	return out
}

type termJSON struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Text    string `json:"text"`
	Carry   bool   `json:"carry"`
	Outputs bool   `json:"outputs,omitempty"`
}

func toTermJSON(t license.Term) termJSON {
	return termJSON{Name: t.Name, Kind: string(t.Kind), Text: t.Text, Carry: t.Carry, Outputs: t.Outputs}
}

// pathIDs is the chain from an ancestor down to the model, as ids.
func pathIDs(path []graph.Edge) []string {
	if len(path) == 0 {
		return []string{}
	}
	out := []string{path[0].From}
	for _, e := range path {
		out = append(out, e.To)
	}
	return out
}

func reportJSON(r *license.Report) any {
	type metJSON struct {
		ID       string         `json:"id"`
		Name     string         `json:"name"`
		Path     []string       `json:"path"`
		Edges    []edgeJSON     `json:"edges"`
		Declared []declaredJSON `json:"declared"`
		// RelicensedBy is the ancestor's maker's own model on the path, if any.
		RelicensedBy string `json:"relicensed_by,omitempty"`
	}
	type reachJSON struct {
		termJSON
		Kept bool `json:"kept"`
		// RelicensedBy: the term stops at this model, its licensor's own.
		RelicensedBy string   `json:"relicensed_by,omitempty"`
		Licence      string   `json:"licence"`
		URL          string   `json:"url"`
		From         string   `json:"from"`
		Path         []string `json:"path"`
	}
	type teacherJSON struct {
		Teacher  string         `json:"teacher"`
		Student  string         `json:"student"`
		Declared []declaredJSON `json:"declared"`
		Terms    []termJSON     `json:"terms"`
	}
	out := struct {
		Model    string         `json:"model"`
		Name     string         `json:"name"`
		Declared []declaredJSON `json:"declared"`
		Lineage  []metJSON      `json:"lineage"`
		Terms    []reachJSON    `json:"terms"`
		Teachers []teacherJSON  `json:"teachers"`
		Notice   string         `json:"notice"`
	}{Model: r.Model.ID, Name: r.Model.Name, Declared: toDeclaredJSON(r.Declared),
		Lineage: []metJSON{}, Terms: []reachJSON{}, Teachers: []teacherJSON{}, Notice: notAdvice}
	for _, m := range r.Lineage {
		out.Lineage = append(out.Lineage, metJSON{ID: m.Ancestor.ID, Name: m.Ancestor.Name, Path: pathIDs(m.Path),
			Edges: toEdgesJSON(m.Path), Declared: toDeclaredJSON(m.Declared), RelicensedBy: idOf(m.RelicensedBy)})
	}
	for _, t := range r.Terms {
		out.Terms = append(out.Terms, reachJSON{termJSON: toTermJSON(t.Term), Kept: t.Kept, Licence: t.Licence.ID,
			URL: t.Licence.URL, From: t.From.ID, Path: pathIDs(t.Path), RelicensedBy: idOf(t.RelicensedBy)})
	}
	for _, t := range r.Teachers {
		tj := teacherJSON{Teacher: t.Teacher.ID, Student: t.Student.ID, Declared: toDeclaredJSON(t.Declared), Terms: []termJSON{}}
		for _, tm := range t.Terms {
			tj.Terms = append(tj.Terms, toTermJSON(tm))
		}
		out.Teachers = append(out.Teachers, tj)
	}
	return out
}

func idOf(m *graph.Model) string {
	if m == nil {
		return ""
	}
	return m.ID
}

// labels joins the declared licences' labels, or says "unknown".
func labels(ds []license.Declared) string {
	if len(ds) == 0 {
		return "unknown (no licence in the data)"
	}
	var parts []string
	for _, d := range ds {
		s := d.Label()
		if !d.Known() {
			s += " (terms not catalogued)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// chain writes a path as "A -finetune-> B -lora-> C".
func (c *cli) chain(path []graph.Edge) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(path[0].From)
	for _, e := range path {
		fmt.Fprintf(&b, " -%s-> %s", c.rel(e.Relation), e.To)
	}
	return b.String()
}

func (c *cli) writeReport(r *license.Report) {
	w := c.stdout
	fmt.Fprintf(w, "%s\n", c.bold(label(r.Model)))
	fmt.Fprintf(w, "  declares: %s\n", labels(r.Declared))
	tw := c.newTable()
	for _, d := range r.Declared {
		fam, name := string(license.Unknown), ""
		if d.Licence != nil {
			fam, name = string(d.Licence.Family), d.Licence.Name
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", d.Label(), name, fam, d.TextURL())
	}
	tw.Flush()

	fmt.Fprintf(w, "\nlicences met along its lineage (weights passed on), nearest first: %d\n", len(r.Lineage))
	for _, m := range r.Lineage {
		fmt.Fprintf(w, "  %s: %s\n", label(m.Ancestor), labels(m.Declared))
		fmt.Fprintf(w, "    %s\n", c.chain(m.Path))
		if m.RelicensedBy != nil {
			fmt.Fprintf(w, "    not carried: %s on the way is its maker's own model, licensed as that maker chose\n", m.RelicensedBy.ID)
		}
	}

	fmt.Fprintf(w, "\nterms that reach it from its ancestors' licences: %d\n", len(r.Terms))
	var lastLic string
	tw = c.newTable()
	for _, t := range r.Terms {
		if t.Licence.ID != lastLic {
			tw.Flush()
			lastLic = t.Licence.ID
			fmt.Fprintf(w, "  %s, from %s: %s\n", t.Licence.Name, label(t.From), t.Licence.URL)
			if t.Licence.Partial {
				fmt.Fprintf(w, "    (only some terms of this licence are catalogued; read the text)\n")
			}
		}
		mark := ""
		switch {
		case t.RelicensedBy != nil:
			mark = "relicensed by its maker at " + t.RelicensedBy.ID
		case t.Term.Carry && t.Kept:
			mark = "must carry; kept"
		case t.Term.Carry && len(r.Declared) > 0 && allKnown(r.Declared):
			mark = "must carry; DROPPED by its licence"
		case t.Term.Carry:
			mark = "must carry"
		}
		if mark != "" {
			mark = "\t" + mark
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s%s\n", t.Term.Kind, t.Term.Name, t.Term.Text, mark)
	}
	tw.Flush()

	if len(r.Teachers) > 0 {
		fmt.Fprintf(w, "\ninfluence: trained on the outputs of (teacher-data, no weights inherited)\n")
		for _, t := range r.Teachers {
			via := ""
			if t.Student.ID != r.Model.ID {
				via = fmt.Sprintf(" (through its ancestor %s)", label(t.Student))
			}
			fmt.Fprintf(w, "  %s%s: %s\n", label(t.Teacher), via, labels(t.Declared))
			if len(t.Terms) == 0 {
				known := len(t.Declared) > 0 && allKnown(t.Declared)
				if known {
					fmt.Fprintf(w, "    no catalogued term restricts using its outputs\n")
				} else {
					fmt.Fprintf(w, "    its terms on using outputs are unknown\n")
				}
			}
			for _, tm := range t.Terms {
				fmt.Fprintf(w, "    %s %s: %s\n", tm.Kind, tm.Name, tm.Text)
			}
		}
	}
	if u := r.Unknown(); len(u) > 0 {
		var names []string
		for _, m := range u {
			names = append(names, m.Ancestor.ID)
		}
		fmt.Fprintf(w, "\nunknown: the licence of %s is not given or not catalogued; what it passes on is unknown\n", strings.Join(names, ", "))
	}
	fmt.Fprintf(w, "\n%s\n", notAdvice)
}

func allKnown(ds []license.Declared) bool {
	for _, d := range ds {
		if !d.Known() || d.Licence.Family == license.TermsOfUse {
			return false
		}
	}
	return true
}

func (c *cli) licenseCheck(l *graph.Lineage, ms []*graph.Model, format string) error {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	res := license.Check(l, ids)
	if format == "json" {
		type findingJSON struct {
			Model           string         `json:"model"`
			ModelLicence    []declaredJSON `json:"model_licence"`
			Ancestor        string         `json:"ancestor"`
			AncestorLicence declaredJSON   `json:"ancestor_licence"`
			Rule            string         `json:"rule"`
			Dropped         []string       `json:"dropped"`
			Path            []string       `json:"path"`
		}
		out := []findingJSON{}
		for _, f := range res.Conflicts {
			fj := findingJSON{Model: f.Model.ID, ModelLicence: toDeclaredJSON(f.Declared), Ancestor: f.Ancestor.ID,
				AncestorLicence: toDeclaredJSON([]license.Declared{f.Licence})[0], Rule: f.Rule, Path: pathIDs(f.Path)}
			for _, t := range f.Dropped {
				fj.Dropped = append(fj.Dropped, t.Name)
			}
			out = append(out, fj)
		}
		if err := writeJSON(c.stdout, out); err != nil {
			return err
		}
	} else {
		for _, f := range res.Conflicts {
			var dropped []string
			for _, t := range f.Dropped {
				dropped = append(dropped, t.Name)
			}
			fmt.Fprintf(c.stdout, "%s (%s) drops %s of %s: %s [%s]; via %s\n",
				f.Model.ID, labels(f.Declared), f.Licence.Label(), f.Ancestor.ID,
				strings.Join(dropped, ", "), f.Rule, c.chain(f.Path))
		}
	}
	models := map[string]bool{}
	for _, f := range res.Conflicts {
		models[f.Model.ID] = true
	}
	if len(res.Unchecked) > 0 {
		var names []string
		for i, m := range res.Unchecked {
			if i == 10 {
				names = append(names, fmt.Sprintf("and %d more", len(res.Unchecked)-10))
				break
			}
			names = append(names, m.ID)
		}
		fmt.Fprintf(c.stderr, "lineage: %d model%s with lineage ancestors not checked, licence unknown: %s\n",
			len(res.Unchecked), plural(len(res.Unchecked)), strings.Join(names, ", "))
	}
	if len(res.Conflicts) > 0 {
		fmt.Fprintf(c.stderr, "lineage: %d licence conflict%s in %d model%s (%s)\n",
			len(res.Conflicts), plural(len(res.Conflicts)), len(models), plural(len(models)), strings.ToLower(strings.TrimSuffix(notAdvice, ".")))
		return errReported
	}
	if format == "text" {
		fmt.Fprintln(c.stdout, "no licence conflicts found")
	}
	return nil
}
