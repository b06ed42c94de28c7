"""RDF exports: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

N-Triples and N-Quads are written sorted, so the same corpus always gives the
same bytes.  Turtle, N-Triples and RDF/XML hold one graph: the merge of all
documents; N-Quads, TriG and JSON-LD keep one named graph per document.
JSON-LD is compacted with the published context (ontology/context.jsonld),
and also holds the merge in its default graph: a plain graph reader
(``rdflib.Graph().parse(f, format="json-ld")``) reads the default graph only,
and found nothing in a file of named graphs alone.
"""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from kg.exports import register
from kg.workspace import atomic_write


def _dataset(corpus, base):
    from kg.rdf.build import build_dataset

    return build_dataset(corpus, base)


def merged_graph(ds) -> Graph:
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> dict:
    atomic_write(path, text)
    return {"path": str(path), "bytes": len(text.encode("utf-8"))}


@register("ttl", "Turtle: all documents merged into one graph")
def ttl(corpus, path, base):
    return _write(Path(path), merged_graph(_dataset(corpus, base)).serialize(format="turtle"))


@register("nt", "N-Triples, sorted: all documents merged (byte-identical for the same input)")
def nt(corpus, path, base):
    return _write(Path(path), sorted_lines(merged_graph(_dataset(corpus, base)).serialize(format="nt")))


@register("nq", "N-Quads, sorted: one named graph per document, plus gazetteer and ontology graphs")
def nq(corpus, path, base):
    return _write(Path(path), sorted_lines(_dataset(corpus, base).serialize(format="nquads")))


@register("trig", "TriG: one named graph per document, plus gazetteer and ontology graphs")
def trig(corpus, path, base):
    return _write(Path(path), _dataset(corpus, base).serialize(format="trig"))


@register("xml", "RDF/XML: all documents merged into one graph")
def xml(corpus, path, base):
    return _write(Path(path), merged_graph(_dataset(corpus, base)).serialize(format="pretty-xml"))


@register("jsonld", "JSON-LD compacted with the published @context: every triple in the default graph (what a "
                    "plain graph reader reads), and one named graph per document")
def jsonld(corpus, path, base):
    from kg.ontology import path as onto_path

    context = json.loads(onto_path("context.jsonld").read_text(encoding="utf-8"))["@context"]
    context = {**context, "id": base if base.endswith(("/", "#")) else base + "/"}
    ds = _dataset(corpus, base)
    default = ds.graph(ds.default_context.identifier) if hasattr(ds, "default_context") else ds
    for s, p, o, _ in list(ds.quads((None, None, None, None))):
        default.add((s, p, o))
    return {**_write(Path(path), ds.serialize(format="json-ld", context=context, indent=1)), "triples": len(default)}
