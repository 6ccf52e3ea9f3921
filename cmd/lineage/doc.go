/*
Lineage answers where a large language model comes from and what came from it.

It loads a dataset of models (nodes.csv) and the relations between them
(edges.csv) into a directed graph and answers ancestry questions. Without
--data it uses the curated dataset embedded in the binary.

Usage:

	lineage [--data DIR | --nodes FILE --edges FILE] COMMAND [flags] [args]

Commands:

	ancestors MODEL      the models MODEL derives from, nearest first
	descendants MODEL    the models derived from MODEL, nearest first
	path FROM TO         how FROM leads to TO, step by step
	common A B           the nearest ancestors A and B share, and how each descends
	show MODEL           the model's card: facts, parents and children
	license MODEL        the licences and terms that reach MODEL through its
	                     lineage (information, not legal advice); --check lists
	                     models whose licence drops inherited terms, for CI
	list                 models, filtered by organisation, stage, access, date
	render [MODEL...]    draw the lineage as SVG, PNG, DOT, Mermaid, JSON or HTML
	docs FILE.md...      regenerate the charts marked in Markdown files
	serve                the interactive explorer and a JSON API on loopback
	import hf SOURCE...  a dataset from Hugging Face model cards, API records or dump
	validate             check a dataset and report every problem with file:line
	stats                counts by organisation, year, stage; the largest families
	version              the version of lineage and of its dataset
	help [COMMAND]       this text, or a command's flags and examples

A MODEL is found by id, name or alias, ignoring case, spaces, '-', '_' and
'.': chatgpt, ChatGPT, GPT-3, gpt3 and 羊驼 all work. Use -- before a name
that starts with '-'.

Ancestry follows lineage relations (the child's weights come from the
parent's: finetune, instruction-tune, rlhf, continued-pretrain, lora,
quantized, merge, distill, variant) unless --relations says otherwise;
influence relations (teacher-data, successor, inspired-by) are followed with
--relations all or --relations lineage,influence.

Output goes to stdout, diagnostics to stderr. Exit status: 0 success, 1 a
failed query or invalid data, 2 a usage error. Colour is used only on a
terminal and never when NO_COLOR is set.

Examples:

	lineage ancestors chatgpt
	lineage descendants llama -f tree
	lineage path gpt-3 chatgpt
	lineage common alpaca chinese-vicuna
	lineage show 羊驼
	lineage render chatgpt --ancestors -o chatgpt.svg
	lineage render -f html -o tree.html
	lineage serve
	lineage --data ./mydata validate
*/
package main
