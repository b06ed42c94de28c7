"""Generating :mod:`kg.rdf.namespace` from ``ontology/plan.ttl``.

The ontology is the source of truth; the Python constants are generated from
it with ``python -m kg.rdf.vocab`` and a test fails when the two drift.
"""
from __future__ import annotations

import sys

PLAN_IRI = "https://plan-kg.org/ontology#"


def render_namespace() -> str:
    from rdflib import Graph, URIRef

    from kg.ontology import path

    g = Graph().parse(path("plan.ttl"))
    terms = sorted({str(s)[len(PLAN_IRI):] for s in g.subjects()
                    if isinstance(s, URIRef) and str(s).startswith(PLAN_IRI)})
    lines = [
        '"""The plan-kg vocabulary as Python constants.',
        "",
        "Generated from ontology/plan.ttl by ``python -m kg.rdf.vocab``; do not edit by hand.",
        '"""',
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class PLAN(DefinedNamespace):",
        '    _NS = Namespace("' + PLAN_IRI + '")',
        "    _fail = True",
        '    _extras = [' + ", ".join(repr(t) for t in terms if not t.isidentifier()) + "]",
        "",
    ]
    lines += [f"    {t}: URIRef" for t in terms if t.isidentifier()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).with_name("namespace.py")
    target.write_text(render_namespace(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
