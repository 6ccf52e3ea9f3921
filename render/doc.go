// Package render writes a lineage as text charts: Graphviz DOT, Mermaid flowcharts
// and JSON, and as graph exports for other tools: GraphML, GEXF 1.3 and Cytoscape.js
// JSON, which carry every attribute and no styling. It imports only package graph;
// it reads no files and flags and prints nothing. Each format is a function of the
// shape
//
//	func(w io.Writer, l *graph.Lineage, opt Options) error
//
// behind the Writer interface (Lookup finds one by name). SVG and PNG are made from
// the DOT text by the render engine, outside this package.
//
// Output is deterministic: models are written in id order and edges in (parent,
// child) order, so golden files and diffs of generated docs stay stable.
//
// # Chart design
//
// The design is decided here once; the README shows the result.
//
//   - Time runs down the page (rankdir TB). A column of labels on the left
//     (invisible nodes chained by invisible edges, each rank=same with its models)
//     is the time axis: every year present opens with a header rank labelled with
//     the year, holding the models dated only to the year, followed by one rank per
//     month that has models ("Mar", "Nov"). Ranking by month rather than year keeps
//     rows short: the embedded data has ~90 models a year, which one row per year
//     drew 20,000 px wide. Months and years without models get no rank. Models
//     without a date share a last rank labelled "undated". A parent and child of
//     the same month sit side by side. In a chart of up to 150 models, a month
//     wider than about 1100 pt or 10 models is wrapped into rows, each model a row
//     below its parent of the same month (the whole dataset is not wrapped: the
//     extra ranks would make its layout some 40% slower). A chart of more than 40
//     models repeats the axis on the right, each label held right of its row's
//     models by invisible flat edges.
//   - Colour says who made the model: the fill is the colour of its first
//     organisation, with a darker border of the same hue, from ColorBrewer's Set3.
//     The 11 organisations with the most models in the dataset (OrgColours, from
//     the whole dataset the caller passes as Options.Orgs) own its 11 chromatic
//     tones in rank order; every other organisation shares its grey, which the
//     legend calls "other organisations"; no organisation is white. So a colour
//     never stands for two organisations, and every chart of one dataset gives an
//     organisation the same colour. Fills are light and text black, so the chart
//     reads on white and printed in grayscale. Options.ColorBy "access" colours by
//     access instead: open green, limited yellow, api blue, closed red; "license"
//     by licence family, as Options.LicenseFamily reports it: permissive green,
//     pass-on terms orange, non-commercial red, unknown white.
//   - Shape says the training stage, so it survives grayscale: base is a box,
//     instruction-tuned a rounded box, chat a rounded box with a heavy border, code a
//     note (box with a folded corner), reasoning a hexagon, any other stage a dashed
//     box.
//   - Line style says the relation class: lineage relations (weights passed on)
//     solid and dark, influence relations (teacher-data, successor, inspired-by)
//     dashed and lighter. Options.EdgeLabels writes the relation on each edge,
//     underlined and tied to its edge by a line (Graphviz's decorate), an
//     influence label in its edge's grey; every edge has it in its tooltip anyway.
//   - The label is the model's name, then a smaller second line with its date and
//     size ("2022-11-30 · 175B"; a long size list shows its range, "60M–11B").
//     Names in any script pass through as UTF-8.
//   - Text is set in one font, Liberation Sans, and every node DOT labels says
//     its width: the widest line of its label as package textwidth measures it
//     in that font, the margins, and the widening of its shape (size.go). The
//     chart engine's Graphviz estimates widths itself, Chinese, Japanese and
//     Korean much too narrow, so the DOT carries what only its writer knows.
//   - Each node has a tooltip (name, id, organisations, date, size, stage, access,
//     description) and, when the url is http(s) (graph.IsWebURL), a link to it that
//     opens in the top window. Other urls are never linked.
//   - Models a query asked about (Options.Focus) get a black heavy border and a bold
//     name, so a focused chart shows where it starts.
//   - Options.Cluster "org" boxes the models of each first organisation; the time
//     ranks still hold across clusters (newrank).
//   - A small legend in two rows shows only what the chart uses: the stage
//     shapes (and the emphasis of asked-about models), then the colour key (each
//     colour once, with the name it stands for; columns as wide as their longest
//     label, estimated by package textwidth) and the edge styles, as samples
//     some 40 pt long, long enough to show a dash. It heads a small chart, in a box; in a chart with the right-hand axis it
//     sits beside the first two rows, between the axes, where the first years
//     leave room.
//
// Mermaid follows the same encoding where Mermaid can: shapes by stage, colour
// classes by organisation or access, dotted influence edges, bold focus. It has no
// ranks, so the date is only in the label, and no legend. GitHub draws at most
// MermaidMaxEdges edges and MermaidMaxChars characters.
//
// # Escaping
//
// Data reaches an output only through the escapers: EscapeDOT for DOT quoted
// strings, EscapeDOTHTML for DOT HTML-like labels, EscapeMermaid for Mermaid
// labels, EscapeXML for XML and HTML text and attributes. None lets a data string
// end its quoted string or add markup, so a dataset cannot inject script into a
// page that embeds its chart.
package render
