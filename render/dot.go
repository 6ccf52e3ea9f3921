package render

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/internal/textwidth"
)

// legendFontSize is the legend's font size, in points.
const legendFontSize = 10

// axisFontSize is the font size of the time axis's month labels, in points.
const axisFontSize = 10

// emptyLabel is the label of a node that shows no text: one space, which draws
// nothing. The engine's DOT reader (go-graphviz's) turns an empty label into the
// node's name.
const emptyLabel = `label=" "`

// legendCellPad is what a legend label cell adds to its text's width, in points.
const legendCellPad = 4

// rowMax is the most models a row of the chart holds: a month with more is
// wrapped into several rows (see periodRows).
const rowMax = 10

// rowMaxWidth is about the widest a row of the chart gets, in points, before it
// is wrapped (see periodRows).
const rowMaxWidth = 1100

// wrapMaxModels is the largest chart whose crowded periods are wrapped into
// several rows: each row adds a virtual node to every edge that crosses it, and
// on the whole dataset wrapping would make the layout some 40% slower.
const wrapMaxModels = 150

// rightAxisMin is the number of models above which a chart repeats its time axis
// on the right.
const rightAxisMin = 40

// nodesep is the space between neighbours in a rank, in inches.
const nodesep = 0.2

// legendSampleMinlen is the length of the legend's edge samples in multiples of
// nodesep: 3 × 0.2 in = 43 pt, of which some 35 pt show after the arrowhead.
const legendSampleMinlen = 3

// legendColumns is how many colour entries the legend puts on one row.
const legendColumns = 3

// DOT writes the lineage as a Graphviz digraph: a top-to-bottom time axis with a
// rank per release year and month, nodes coloured by organisation (or access) and
// shaped by stage, lineage edges solid and influence edges dashed, and a legend.
// The package documentation describes the design. Output is deterministic: models
// and edges are written sorted by id.
func DOT(w io.Writer, l *graph.Lineage, opt Options) error {
	if err := opt.Check(); err != nil {
		return fmt.Errorf("dot: %w", err)
	}
	ms := sortedModels(l)
	es := sortedEdges(l)
	focus := opt.focused()
	opt = withOrgs(l, opt)

	// Auxiliary nodes (years, legend) are named with a prefix no model id has.
	// Subgraph names (axis, cluster_…) live apart from node names in Graphviz.
	aux := "_"
	for slices.ContainsFunc(ms, func(m *graph.Model) bool { return strings.HasPrefix(m.ID, aux) }) {
		aux += "_"
	}
	// Escaping maps a few control characters together; refuse rather than merge models.
	seen := make(map[string]string, len(ms))
	for _, m := range ms {
		q := quoteDOT(m.ID)
		if other, dup := seen[q]; dup {
			return fmt.Errorf("dot: model ids %q and %q are the same once escaped", other, m.ID)
		}
		seen[q] = m.ID
	}

	ew := &errWriter{w: w}
	p := ew.printf
	p("// lineage chart: %s, %s\n", count(len(ms), "model"), count(len(es), "relation"))
	p("digraph lineage {\n")
	p("\tgraph [rankdir=TB, newrank=true, ranksep=0.3, nodesep=%g, fontname=%q, fontsize=11, bgcolor=\"white\", tooltip=\"lineage chart\"];\n", nodesep, fontname)
	p("\tnode [fontname=%q, fontsize=11, shape=box, style=filled, margin=\"0.1,0.04\", height=0.3];\n", fontname)
	p("\tedge [fontname=%q, fontsize=9, fontcolor=%q, color=%q, arrowsize=0.7];\n", fontname, lineageEdgeColour, lineageEdgeColour)

	// The time axis: a column of period labels chained by invisible edges, the
	// legend rows above the first year and the undated models below the last. Each
	// year opens with a header rank labelled with the year, which also holds the
	// models dated only to the year; a rank per month with models follows.
	type period struct{ year, month int } // year 0: undated
	byPeriod := map[period][]string{}
	years := map[int]bool{}
	for _, m := range ms {
		pd := period{m.Date.Year, m.Date.Month}
		byPeriod[pd] = append(byPeriod[pd], m.ID)
		years[m.Date.Year] = true
	}
	var periods []period
	for y := range years {
		if y != 0 {
			periods = append(periods, period{y, 0})
		}
	}
	for pd := range byPeriod {
		if pd.year != 0 && pd.month != 0 {
			periods = append(periods, pd)
		}
	}
	slices.SortFunc(periods, func(a, b period) int { return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.month, b.month)) })
	if years[0] {
		periods = append(periods, period{})
	}
	periodNode := func(pd period) string {
		switch {
		case pd.year == 0:
			return aux + "undated"
		case pd.month == 0:
			return aux + "y" + strconv.Itoa(pd.year)
		}
		return fmt.Sprintf("%sy%d-%02d", aux, pd.year, pd.month)
	}
	// Each period's models are laid out in rows of at most rowMax (periodRows);
	// every row has an axis node, the period's label on its first. Wide charts
	// (more than rightAxisMin models) repeat the axis on the right: a twin per
	// axis node, held right of its row's models by invisible flat edges.
	type axisRow struct {
		node, attrs string
		ids         []string
	}
	var rows []axisRow
	widest := 0
	width := make(map[string]float64, len(ms)) // a model's node width and the space beside it, in points
	for _, m := range ms {
		width[m.ID] = labelWidth(dotStages[stageOf(m)].shape, nodeMargin, modelLines(m, focus[m.ID])...) + nodesep*72
	}
	for _, pd := range periods {
		var attrs string
		switch {
		case pd.year == 0:
			attrs = `label="undated", fontsize=13, fontcolor="#555555", tooltip="release date unknown", ` +
				widthAttr("plaintext", nodeMargin, textLine{"undated", 13, false})
		case pd.month == 0:
			y := strconv.Itoa(pd.year)
			attrs = fmt.Sprintf(`label="%s", fontsize=14, fontcolor="#555555", tooltip="released in %s", %s`, y, y,
				widthAttr("plaintext", nodeMargin, textLine{y, 14, false}))
		default:
			m := time.Month(pd.month).String()[:3]
			attrs = fmt.Sprintf(`label="%s", tooltip="released in %s %d", %s`, m, time.Month(pd.month), pd.year,
				widthAttr("plaintext", nodeMargin, textLine{m, axisFontSize, false}))
		}
		prs := periodRows(byPeriod[pd], es, width, len(ms) <= wrapMaxModels)
		if len(prs) == 0 {
			prs = [][]string{nil}
		}
		for i, ids := range prs {
			r := axisRow{node: periodNode(pd), attrs: attrs, ids: ids}
			if i > 0 {
				r.node += "_" + strconv.Itoa(i)
				r.attrs = emptyLabel + `, width=0.1`
			}
			rows = append(rows, r)
			widest = max(widest, len(ids))
		}
	}
	right := len(ms) > rightAxisMin
	twin := func(node string) string { return aux + "R" + strings.TrimPrefix(node, aux) }
	// A wide chart's legend sits beside its first two rows, between the axes,
	// where the first years leave room; a small chart's legend heads it in two
	// rows of its own, which would make it wider beside its models.
	legendBeside := right && len(rows) >= 2
	anchors := []string{aux + "legend", aux + "legend2"}
	if legendBeside {
		anchors = []string{rows[0].node, rows[1].node}
	}
	var twins []string
	if right {
		twins = []string{twin(anchors[0]), twin(anchors[1])}
	}
	p("\n\t// time axis: a header rank per release year, then rows of each month with models\n")
	for side, name := range []string{"axis", "axis_right"} {
		if side == 1 && !right {
			break
		}
		node := func(n string) string { return n }
		if side == 1 {
			node = twin
		}
		var axis []string
		p("\tsubgraph %q {\n", name)
		p("\t\tnode [shape=plaintext, style=\"\", fontsize=%d, fontcolor=\"#888888\"];\n", axisFontSize)
		if !legendBeside {
			axis = []string{node(aux + "legend"), node(aux + "legend2")}
			p("\t\t%s [%s, width=0.1];\n", quoteDOT(axis[0]), emptyLabel)
			p("\t\t%s [%s, width=0.1];\n", quoteDOT(axis[1]), emptyLabel)
		}
		for _, r := range rows {
			p("\t\t%s [%s];\n", quoteDOT(node(r.node)), r.attrs)
			axis = append(axis, node(r.node))
		}
		quoted := make([]string, len(axis))
		for i, a := range axis {
			quoted[i] = quoteDOT(a)
		}
		p("\t\t%s [style=invis, weight=100];\n", strings.Join(quoted, " -> "))
		p("\t}\n")
	}
	for _, r := range rows {
		if len(r.ids) == 0 {
			continue
		}
		p("\t{rank=same; %s;", quoteDOT(r.node))
		for _, id := range r.ids {
			p(" %s;", quoteDOT(id))
		}
		if right {
			p(" %s;", quoteDOT(twin(r.node)))
		}
		p("}\n")
	}
	if right {
		p("\t// the right-hand axis stays right of every model of its row\n")
		for _, r := range rows {
			if len(r.ids) == 0 {
				continue
			}
			for _, id := range r.ids {
				p("\t%s -> %s [style=invis];\n", quoteDOT(id), quoteDOT(twin(r.node)))
			}
		}
	}

	// Models, grouped in clusters when asked.
	p("\n\t// models\n")
	if opt.Cluster == "org" {
		for i, g := range orgGroups(ms) {
			p("\tsubgraph \"cluster_org%d\" {\n", i)
			p("\t\tlabel=%s; tooltip=%s; style=\"rounded\"; color=\"#bbbbbb\"; fontcolor=\"#555555\"; fontsize=12;\n",
				quoteDOT(g.label), quoteDOT(g.label))
			for _, m := range g.models {
				p("\t\t%s\n", dotNode(m, opt, focus[m.ID]))
			}
			p("\t}\n")
		}
	} else {
		for _, m := range ms {
			p("\t%s\n", dotNode(m, opt, focus[m.ID]))
		}
	}

	p("\n\t// relations: lineage solid, influence dashed\n")
	classes := map[graph.RelationClass]bool{}
	for _, e := range es {
		classes[e.Relation.Class()] = true
		var attrs []string
		if e.Relation.Class() == graph.InfluenceClass {
			attrs = append(attrs, "style=dashed", "color="+quoteDOT(influenceEdgeColour))
		}
		if opt.EdgeLabels {
			// decorate underlines the label and draws a line from it to its edge, so
			// labels crowded where many edges meet are matched to their edges; an
			// influence label is in its edge's grey.
			attrs = append(attrs, "label="+quoteDOT(string(e.Relation)), "decorate=true")
			if e.Relation.Class() == graph.InfluenceClass {
				attrs = append(attrs, "fontcolor="+quoteDOT(influenceEdgeColour))
			}
		}
		attrs = append(attrs, "tooltip="+quoteDOT(edgeTooltip(l, e)))
		p("\t%s -> %s [%s];\n", quoteDOT(e.From), quoteDOT(e.To), strings.Join(attrs, ", "))
	}

	writeDOTLegend(p, aux, anchors, twins, ms, classes, opt, focus)
	p("}\n")
	if ew.err != nil {
		return fmt.Errorf("dot: %w", ew.err)
	}
	return nil
}

// periodRows splits the models of one period (ids, sorted) into rows. A period
// of at most rowMax models and rowMaxWidth points (by width) is one row, where a parent and child of the period
// sit side by side. A larger one is wrapped: a model whose parent is in the
// period goes a row below that parent (so the period's relations run down the
// page, not along a long row), and the models of one depth are dealt into
// balanced rows of at most rowMax models and about rowMaxWidth points. Rows cost layout time (every edge gets a
// virtual node per row it crosses), so only crowded periods are wrapped, and
// only when wrap is set (see wrapMaxModels). An empty period has no rows.
func periodRows(ids []string, es []graph.Edge, width map[string]float64, wrap bool) [][]string {
	total := 0.0
	for _, id := range ids {
		total += width[id]
	}
	switch {
	case len(ids) == 0:
		return nil
	case len(ids) <= rowMax && total <= rowMaxWidth || !wrap:
		return [][]string{ids}
	}
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	parents := map[string][]string{}
	for _, e := range es {
		if in[e.From] && in[e.To] {
			parents[e.To] = append(parents[e.To], e.From)
		}
	}
	depth := map[string]int{}
	var depthOf func(id string, seen map[string]bool) int
	depthOf = func(id string, seen map[string]bool) int {
		if d, ok := depth[id]; ok {
			return d
		}
		if seen[id] { // a cycle through influence relations: stop here
			return 0
		}
		seen[id] = true
		d := 0
		for _, p := range parents[id] {
			d = max(d, depthOf(p, seen)+1)
		}
		delete(seen, id)
		depth[id] = d
		return d
	}
	byDepth := map[int][]string{}
	maxDepth := 0
	for _, id := range ids {
		d := depthOf(id, map[string]bool{})
		byDepth[d] = append(byDepth[d], id)
		maxDepth = max(maxDepth, d)
	}
	var rows [][]string
	for d := 0; d <= maxDepth; d++ {
		level := byDepth[d]
		if len(level) == 0 {
			continue
		}
		w := 0.0
		for _, id := range level {
			w += width[id]
		}
		n := max((len(level)+rowMax-1)/rowMax, int(math.Ceil(w/rowMaxWidth)))
		per := (len(level) + n - 1) / n
		for len(level) > 0 {
			k := min(per, len(level))
			rows = append(rows, level[:k])
			level = level[k:]
		}
	}
	return rows
}

// modelLines are the lines of a model's label as dotNode writes them: the name
// (bold when focused), then the date and size, smaller.
func modelLines(m *graph.Model, focus bool) []textLine {
	lines := []textLine{{m.Name, 11, focus}}
	if sub := subtitle(m); sub != "" {
		lines = append(lines, textLine{sub, 9, false})
	}
	return lines
}

// dotNode is one model's node statement.
func dotNode(m *graph.Model, opt Options, focus bool) string {
	st := dotStages[stageOf(m)]
	c := colourOf(colourKey(m, opt), opt)
	name := EscapeDOTHTML(m.Name)
	if focus {
		name = "<B>" + name + "</B>"
	}
	label := name
	if sub := subtitle(m); sub != "" {
		label += `<BR/><FONT POINT-SIZE="9" COLOR="#333333">` + EscapeDOTHTML(sub) + `</FONT>`
	}
	border := c.Border
	if focus {
		border = "#000000"
	}
	attrs := []string{
		"label=<" + label + ">",
		"shape=" + st.shape,
		widthAttr(st.shape, nodeMargin, modelLines(m, focus)...),
		"style=" + quoteDOT(st.style),
		"fillcolor=" + quoteDOT(c.Fill),
		"color=" + quoteDOT(border),
	}
	switch {
	case focus:
		attrs = append(attrs, "penwidth=3")
	case st.penwidth != "":
		attrs = append(attrs, "penwidth="+st.penwidth)
	}
	attrs = append(attrs, "tooltip="+quoteDOT(tooltip(m)))
	if graph.IsWebURL(m.URL) {
		attrs = append(attrs, "URL="+quoteDOT(m.URL), `target="_top"`)
	}
	return quoteDOT(m.ID) + " [" + strings.Join(attrs, ", ") + "];"
}

// colourEntry is one line of the colour key.
type colourEntry struct {
	key, name string // the colour key (otherOrgs for the shared grey) and its legend text
	colour    Colour
	count     int // models of the chart drawn in it
}

// colourEntries is the colour key of a chart: for organisations, each one that
// owns a colour (the most models first), then "other organisations" and "no
// organisation" when the chart has them; for a scheme, its values in order.
// Every colour a model of ms is drawn in is in it, named as it is meant.
func colourEntries(ms []*graph.Model, opt Options) []colourEntry {
	sc := opt.scheme()
	byKey := map[string]*colourEntry{}
	var entries []*colourEntry
	for _, m := range ms {
		k := colourKey(m, opt)
		if sc != nil {
			if _, ok := sc.colours[k]; !ok {
				k = "unknown"
			}
		} else if k != "" && !opt.Orgs.Owns(k) {
			k = otherOrgs
		}
		e := byKey[k]
		if e == nil {
			e = &colourEntry{key: k, name: k, colour: colourOf(k, opt)}
			switch {
			case sc != nil && sc.names[k] != "":
				e.name = sc.names[k]
			case sc == nil && k == otherOrgs:
				e.colour = otherColour
			case sc == nil && k == "":
				e.name = "no organisation"
			}
			byKey[k] = e
			entries = append(entries, e)
		}
		e.count++
	}
	rank := func(e *colourEntry) int {
		if sc != nil {
			if i := slices.Index(sc.order, e.key); i >= 0 {
				return i
			}
			return len(sc.order)
		}
		switch e.key {
		case otherOrgs:
			return 1
		case "":
			return 2
		}
		return 0
	}
	slices.SortFunc(entries, func(a, b *colourEntry) int {
		c := cmp.Compare(rank(a), rank(b))
		if sc == nil {
			c = cmp.Or(c, cmp.Compare(b.count, a.count))
		}
		return cmp.Or(c, strings.Compare(a.key, b.key))
	})
	out := make([]colourEntry, len(entries))
	for i, e := range entries {
		out[i] = *e
	}
	return out
}

// writeDOTLegend draws the legend in two rows, each in the rank of one of the
// two anchors (axis nodes: above the first year, or the first two rows): the
// stage shapes that occur in the chart, then the colour key (colourEntries) and
// the edge styles that occur. Invisible flat edges keep each row in reading
// order, left to right, right of its anchor and left of its twin on the
// right-hand axis, if any.
func writeDOTLegend(p func(string, ...any), aux string, anchors, twins []string, ms []*graph.Model, classes map[graph.RelationClass]bool,
	opt Options, focus map[string]bool) {
	if len(ms) == 0 {
		return
	}
	var rows [2][]string
	row := 0
	node := func(name, attrs string) {
		p("\t\t%s [%s];\n", quoteDOT(aux+name), attrs)
		rows[row] = append(rows[row], quoteDOT(aux+name))
	}
	p("\n\t// legend\n")
	// Beside the models (twins set) the legend is no cluster: dot keeps a
	// cluster out of the invisible flat edges that hold it between the axes.
	if twins == nil {
		p("\tsubgraph \"cluster_legend\" {\n")
		p("\t\tlabel=\"legend\"; tooltip=\"legend\"; style=\"rounded\"; color=\"#bbbbbb\"; fontcolor=\"#555555\"; fontsize=10;\n")
	} else {
		p("\tsubgraph \"legend\" {\n")
	}
	p("\t\tnode [fontsize=%d, fillcolor=\"#ffffff\", color=\"#555555\"];\n", legendFontSize)

	stages := map[string]bool{}
	hasFocus := false
	for _, m := range ms {
		stages[stageOf(m)] = true
		hasFocus = hasFocus || focus[m.ID]
	}
	for _, s := range append(slices.Clone(Stages), "other") {
		if !stages[s] {
			continue
		}
		st := dotStages[s]
		attrs := fmt.Sprintf("label=%s, shape=%s, %s, style=%s, tooltip=%s", quoteDOT(s), st.shape,
			widthAttr(st.shape, nodeMargin, textLine{s, legendFontSize, false}), quoteDOT(st.style), quoteDOT("stage: "+s))
		if st.penwidth != "" {
			attrs += ", penwidth=" + st.penwidth
		}
		node("legend_stage_"+s, attrs)
	}
	if hasFocus {
		node("legend_focus", `label=<<B>asked about</B>>, `+widthAttr("box", nodeMargin, textLine{"asked about", legendFontSize, true})+
			`, shape=box, style="filled", penwidth=3, color="#000000", tooltip="the models the chart was drawn for"`)
	}

	row = 1
	// The colour key, as one HTML-like table.
	title := "colour: organisation"
	if sc := opt.scheme(); sc != nil {
		title = sc.title
	}
	entries := colourEntries(ms, opt)
	var t strings.Builder
	fmt.Fprintf(&t, `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1"><TR><TD COLSPAN="%d" ALIGN="LEFT"><FONT COLOR="#555555">%s</FONT></TD></TR>`,
		2*legendColumns, title)
	// Each column is as wide as its longest label by the estimate the engine
	// sizes boxes with, so no label runs into the next column's swatch.
	var colWidth [legendColumns]float64
	for i, e := range entries {
		colWidth[i%legendColumns] = max(colWidth[i%legendColumns], textwidth.Width(e.name, legendFontSize, false))
	}
	for i, e := range entries {
		if i%legendColumns == 0 {
			t.WriteString("<TR>")
		}
		fmt.Fprintf(&t, `<TD BGCOLOR="%s" COLOR="%s" BORDER="1" WIDTH="14" HEIGHT="10" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT" WIDTH="%d">%s</TD>`,
			e.colour.Fill, e.colour.Border, int(math.Ceil(colWidth[i%legendColumns]))+legendCellPad, EscapeDOTHTML(e.name))
		if i%legendColumns == legendColumns-1 || i == len(entries)-1 {
			t.WriteString("</TR>")
		}
	}
	t.WriteString("</TABLE>")
	node("legend_colours", fmt.Sprintf(`label=<%s>, shape=plaintext, style="", tooltip=%s`, t.String(), quoteDOT(title)))

	var edges []string
	for _, c := range []graph.RelationClass{graph.LineageClass, graph.InfluenceClass} {
		if !classes[c] {
			continue
		}
		text, style, colour := "lineage: weights passed on", "solid", lineageEdgeColour
		if c == graph.InfluenceClass {
			text, style, colour = "influence: no weights", "dashed", influenceEdgeColour
		}
		a, b := "legend_"+c.String()+"_from", "legend_"+c.String()+"_to"
		node(a, fmt.Sprintf(`shape=point, width=0.06, color=%s`, quoteDOT(colour))) // a point shows no label
		node(b, fmt.Sprintf(`label=%s, %s, shape=plaintext, style="", tooltip=%s`, quoteDOT(text),
			widthAttr("plaintext", nodeMargin, textLine{text, legendFontSize, false}), quoteDOT(text)))
		// A flat edge is at least minlen × nodesep long (Graphviz's dot): long
		// enough (legendSampleMinlen) that a dashed sample shows its dashes.
		edges = append(edges, fmt.Sprintf("\t\t%s -> %s [style=%s, color=%s, minlen=%d, tooltip=%s];\n",
			quoteDOT(aux+a), quoteDOT(aux+b), style, quoteDOT(colour), legendSampleMinlen, quoteDOT(text)))
	}

	for _, e := range edges {
		p("%s", e)
	}
	for _, r := range rows {
		if len(r) > 1 {
			// heavy, so the row stays together wherever it sits
			p("\t\t%s [style=invis, weight=100];\n", strings.Join(r, " -> "))
		}
	}
	if len(rows[0]) > 0 && len(rows[1]) > 0 {
		p("\t\t%s -> %s [style=invis, weight=100];\n", rows[0][0], rows[1][0]) // the rows left-aligned
	}
	p("\t}\n")
	for i, anchor := range anchors {
		if len(rows[i]) == 0 {
			continue
		}
		p("\t%s -> %s [style=invis];\n", quoteDOT(anchor), rows[i][0])
		p("\t{rank=same; %s; %s;}\n", quoteDOT(anchor), strings.Join(rows[i], "; "))
		if twins != nil {
			p("\t%s -> %s [style=invis];\n", rows[i][len(rows[i])-1], quoteDOT(twins[i]))
		}
	}
}

// emptyLast orders the empty string after every other string, and is 0 otherwise.
func emptyLast(a, b string) int {
	switch {
	case a == "" && b != "":
		return 1
	case a != "" && b == "":
		return -1
	}
	return 0
}

// count is "1 model", "2 models".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
