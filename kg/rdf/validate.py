"""SHACL validation of the built graph (``kg validate``), with readable reports.

The shapes (``ontology/shapes.ttl``) are SHACL Core only: pyshacl runs a SPARQL
constraint once per focus node through rdflib's evaluator, which made the three
bundled documents take the better part of a minute; the same rules in Core take
a second or two (docs/decisions/0007-fast-validation.md, bench/validate.py).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.corpus import Corpus
from kg.errors import OntologyError, require

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    severity: str
    focus: str
    path: str
    message: str
    value: str
    shape: str

    def to_row(self) -> dict:
        return {"severity": self.severity, "focus": self.focus, "path": self.path, "message": self.message,
                "value": self.value, "shape": self.shape}


def load_shapes() -> Graph:
    from kg.ontology import path

    try:
        return Graph().parse(path("shapes.ttl"), format="turtle")
    except Exception as exc:  # rdflib raises parser-specific errors
        raise OntologyError(f"ontology/shapes.ttl does not parse: {exc}") from exc


def union_graph(data: Any) -> Graph:
    """All triples of a dataset in one graph (validation sees every named graph at once)."""
    g = Graph()
    for s, p, o, *_ in data.quads((None, None, None, None)) if hasattr(data, "quads") else data:
        g.add((s, p, o))
    return g


def corpus_graph(corpus: Corpus, base: str) -> Graph:
    """The whole RDF graph in one rdflib graph, written straight from the property graph (no dataset to merge):
    every document's graph, the gazetteer and the ontology (its concepts are what sh:class checks find)."""
    from kg import projection
    from kg.ontology import path
    from kg.rdf.build import write_graph
    from kg.rdf.iri import IRIs

    g, iris = Graph(), IRIs(base)
    for ex in corpus.documents:
        write_graph(g, projection.document(corpus, ex.document.id), iris)
    write_graph(g, projection.context(corpus), iris)
    g.parse(path("plan.ttl"), format="turtle")
    return g


def validate_corpus(corpus: Corpus, base: str, progress: Callable[[str], None] | None = None) -> list[Violation]:
    """Build the workspace's graph and validate it, saying what it does through ``progress``."""
    say = progress or (lambda message: None)
    t0 = time.perf_counter()
    say(f"building the RDF graph of {len(corpus.documents)} document(s)")
    g = corpus_graph(corpus, base)
    shapes = load_shapes()
    say(f"checking {len(g)} triples against {len(set(shapes.subjects(SH.targetClass, None)))} shapes")
    violations = _validate(g, shapes)
    say(f"validated in {time.perf_counter() - t0:.1f} s")
    return violations


def validate(data: Any, shapes: Graph | None = None) -> list[Violation]:
    """Validate a graph or dataset (its named graphs merged); a copy is validated, the data stays as it is."""
    return _validate(union_graph(data), shapes or load_shapes())


def _validate(g: Graph, shapes: Graph) -> list[Violation]:
    pyshacl = require("pyshacl", "shacl")
    # inplace: the graph is ours, no need for pyshacl to copy it; no inference, no SHACL-AF (Core shapes only)
    _, report, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True,
                                    inplace=True)
    owner = {prop: node for node, prop in shapes.subject_objects(SH.property)}
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        def one(p: URIRef, result: Any = r) -> str:
            v = report.value(result, p)
            return "" if v is None else str(v)

        source = report.value(r, SH.sourceShape)
        out.append(Violation(severity=one(SH.resultSeverity).rsplit("#", 1)[-1], focus=one(SH.focusNode),
                             path=_path(report, report.value(r, SH.resultPath)), message=one(SH.resultMessage),
                             value=one(SH.value), shape=_short(str(owner.get(source, source)))))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))


def _path(report: Graph, node: Any) -> str:
    """A result path as text: plan:title, or ^plan:mentionOf for an inverse path."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        inverse = report.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + _short(str(inverse))
    return _short(str(node))


def _short(iri: str) -> str:
    for prefix, ns in (("plan:", "https://plan-kg.org/ontology#"), ("shapes:", "https://plan-kg.org/shapes#"),
                       ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"), ("skos:", "http://www.w3.org/2004/02/skos/core#")):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri
