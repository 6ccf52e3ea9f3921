// Package license knows the terms of common model licences and works out which of
// them reach a model through its lineage.
//
// The catalogue (Lookup, Catalogue) holds, for each licence, its Hugging Face
// licence id (or, for a custom licence the Hub files as "other", a key of its
// own matched through the licence's URL), the address of the licence text, its
// family (permissive, pass-on terms, non-commercial) and its terms: each an
// obligation or a restriction with a short name, summarised in our own words from
// the licence text at URL. A term marked Carry must be carried by the licence of
// every derivative (the Llama agreements, Gemma's use restrictions, the
// use-based restrictions of OpenRAIL, BLOOM RAIL and the DeepSeek licence,
// share-alike, non-commercial clauses); a term marked Outputs governs using the
// model's outputs to build other models.
//
// A model's declared licences come from its free attributes `license` (ids,
// ';'-separated) and `license_url`; see Declared. Inherit follows lineage
// relations (weights passed on: finetune, lora, merge, ...) up from a model and
// collects every licence met on the way with the path from it, the terms that
// reach the model, and, separately, the teacher-data parents whose terms restrict
// using their outputs. Check lists the models whose declared licence drops a
// carried term of an ancestor's licence. A licence the data does not give, or one
// this catalogue does not know, stays unknown: it is reported, never guessed.
//
// This is information with sources, not legal advice.
//
// Package license imports only graph.
package license
