"""SHACL validation of the built graph (``kg validate``), with readable reports."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

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


def union_graph(data) -> Graph:
    """All triples of a dataset in one graph (validation sees every named graph at once)."""
    g = Graph()
    for s, p, o, *_ in data.quads((None, None, None, None)) if hasattr(data, "quads") else data:
        g.add((s, p, o))
    return g


def validate(data, shapes: Graph | None = None) -> list[Violation]:
    pyshacl = require("pyshacl", "shacl")
    shapes = shapes or load_shapes()
    g = union_graph(data)
    conforms, report, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=True,
                                           allow_warnings=True)
    owner = {prop: node for node, prop in shapes.subject_objects(SH.property)}
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        def one(p):
            v = report.value(r, p)
            return "" if v is None else str(v)

        out.append(Violation(severity=one(SH.resultSeverity).rsplit("#", 1)[-1], focus=one(SH.focusNode),
                             path=_short(one(SH.resultPath)), message=one(SH.resultMessage),
                             value=one(SH.value), shape=_short(str(owner.get(report.value(r, SH.sourceShape),
                                                                                report.value(r, SH.sourceShape))))))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))


def _short(iri: str) -> str:
    for prefix, ns in (("plan:", "https://plan-kg.org/ontology#"), ("shapes:", "https://plan-kg.org/shapes#"),
                       ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"), ("skos:", "http://www.w3.org/2004/02/skos/core#")):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri
