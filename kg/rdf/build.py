"""The RDF writer of the property graph (:mod:`kg.projection`): one named graph per document.

Each document's graph holds that document's part of the property graph (its
plan, sections, measures, targets and mentions, the entities it names and
where its projects are), with the sentences its mentions come from; the
``gazetteer`` graph holds every place with its hierarchy and region
membership; the ``ontology`` graph holds plan.ttl.  Classes and the
predicates of relationships come from ``ontology/mapping.csv``; how each
property is written (datatype, language, or a resource of its own) is below.
Everything is an IRI (no blank nodes), so the same corpus always serialises to
the same sorted N-Quads.
"""
from __future__ import annotations

import csv
import functools
from decimal import Decimal
from typing import Any, Protocol

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg import projection as pg
from kg.corpus import Corpus
from kg.projection import Node, PropertyGraph, SentenceValue
from kg.rdf.iri import IRIs
from kg.rdf.namespace import PLAN

COMPARATOR = {">": PLAN.gt, ">=": PLAN.ge, "<": PLAN.lt, "<=": PLAN.le, "=": PLAN.eq, "~": PLAN.approx,
              "reduce_by": PLAN.reduceBy}
# QUDT units for the units plans write, where QUDT has one
QUDT_UNITS = {"%": "PERCENT", "公里": "KiloM", "千米": "KiloM", "米": "M", "吨": "TONNE", "天": "DAY", "小时": "HR",
              "年": "YR", "千瓦": "KiloW", "千瓦时": "KiloW-HR", "立方米": "M3", "平方公里": "KiloM2", "平方米": "M2",
              "m2": "M2", "‰": "PPTH"}


class TripleSink(Protocol):
    """An rdflib graph, or anything with ``add`` (kg.sync writes straight into pyoxigraph)."""

    def add(self, triple: tuple[Any, Any, Any]) -> Any: ...


@functools.cache
def mapping() -> tuple[dict[str, URIRef], dict[str, URIRef]]:
    """(class of each node kind and label, predicate of each relationship type), from ontology/mapping.csv."""
    from kg.ontology import path

    classes, predicates = {}, {}
    with open(path("mapping.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            prefix, _, local = row["ontology_term"].partition(":")
            if prefix != "plan":
                continue
            if row["kind"] == "class":
                classes[row["neo4j"].lstrip(":")] = PLAN[local]
            elif row["kind"] == "relationship":
                predicates[row["neo4j"]] = PLAN[local]
    return classes, predicates


def _zh(text: Any) -> Literal:
    return Literal(str(text), lang="zh")


def _year(y: int) -> Literal:
    return Literal(f"{int(y):04d}", datatype=XSD.gYear)


def _int(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.integer)


def _nonneg(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.nonNegativeInteger)


def decimal_literal(value: float) -> Literal:
    """xsd:decimal in its canonical lexical form (3.0, 2.5, 0.015; never 1E+3), which Turtle round-trips."""
    lexical = format(Decimal(repr(float(value))).normalize(), "f")
    if "." not in lexical:
        lexical += ".0"
    return Literal(lexical, datatype=XSD.decimal)


def build_dataset(corpus: Corpus, base: str, include_ontology: bool = True) -> Dataset:
    iris = IRIs(base)
    ds = Dataset(default_union=True)
    ds.bind("plan", str(PLAN))
    ds.bind("skos", str(SKOS))
    ds.bind("dct", str(DCTERMS))
    ds.bind("prov", str(PROV))
    ds.bind("id", iris.base)
    for ex in corpus.documents:
        write_graph(ds.graph(iris.graph(ex.document.id)), pg.document(corpus, ex.document.id), iris)
    write_graph(ds.graph(iris.graph("gazetteer")), pg.context(corpus), iris)
    if include_ontology:
        from kg.ontology import path

        ds.graph(iris.graph("ontology")).parse(path("plan.ttl"), format="turtle")
    return ds


def write_graph(g: TripleSink, graph: PropertyGraph, iris: IRIs) -> None:
    """Every node of the property graph with its properties, every edge as one triple."""
    classes, predicates = mapping()
    for node in graph.nodes.values():
        s = iris.node(node.ref.path)
        for label in (node.kind, *node.labels):
            g.add((s, RDF.type, classes[label]))
        _WRITERS[node.kind](g, s, node, iris)
    for e in graph.edges.values():
        g.add((iris.node(e.source.path), predicates[e.type], iris.node(e.target.path)))


def _plan(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    p = node.props
    g.add((s, RDFS.label, _zh(p["title"])))
    g.add((s, PLAN.title, _zh(p["title"])))
    g.add((s, DCTERMS.identifier, Literal(p["id"])))
    g.add((s, PLAN.documentKind, Literal(p["kind"])))
    g.add((s, PLAN.sha256, Literal(p["sha256"])))
    if p["source"]:
        g.add((s, PLAN.sourceFile, Literal(p["source"])))
    if p["issuer"]:
        g.add((s, PLAN.issuer, _zh(p["issuer"])))
    if p["start_year"] is not None:
        g.add((s, PLAN.startYear, _year(p["start_year"])))
    if p["end_year"] is not None:
        g.add((s, PLAN.endYear, _year(p["end_year"])))
    # summary counts, so listing a thousand documents need not count their mentions
    g.add((s, PLAN.measureCount, _nonneg(p["measure_count"])))
    g.add((s, PLAN.projectCount, _nonneg(p["project_count"])))
    g.add((s, PLAN.targetCount, _nonneg(p["target_count"])))


def _in_plan(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    g.add((s, PLAN.inPlan, iris.node(pg.plan_ref(node.props["document"]).path)))


def _section(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    p = node.props
    _in_plan(g, s, node, iris)
    g.add((s, PLAN.number, _int(p["number"])))
    g.add((s, RDFS.label, _zh(p["title"] or p["intro"] or f"第{p['number']}部分")))
    if p["label"]:
        g.add((s, PLAN.sectionLabel, Literal(p["label"])))
    if p["title"]:
        g.add((s, PLAN.title, _zh(p["title"])))
    if p["intro"]:
        g.add((s, PLAN.intro, _zh(p["intro"])))
    if p["year"]:
        g.add((s, PLAN.targetYear, _year(p["year"])))


def _measure(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    p = node.props
    _in_plan(g, s, node, iris)
    g.add((s, PLAN.number, _int(p["number"])))
    g.add((s, RDFS.label, _zh(p["title"])))
    g.add((s, PLAN.title, _zh(p["title"])))
    g.add((s, PLAN.text, _zh(p["text"])))
    if p["deadline"]:
        g.add((s, PLAN.deadline, _zh(p["deadline"])))


def _in_measure_and_section(g: TripleSink, s: URIRef, node: Node, iris: IRIs, measure: bool) -> None:
    """The measure and section numbers of a target or a mention, written as links."""
    doc, p = node.props["document"], node.props
    if p["section"]:
        g.add((s, PLAN.inSection, iris.node(pg.section_ref(doc, p["section"]).path)))
    if measure and p["measure"] is not None:
        g.add((s, PLAN.inMeasure, iris.node(pg.measure_ref(doc, p["measure"]).path)))


def _target(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    p = node.props
    g.add((s, RDFS.label, _zh(p["text"])))
    g.add((s, PLAN.text, _zh(p["text"])))
    _in_plan(g, s, node, iris)
    ind = iris.indicator(p["indicator"])
    g.add((s, PLAN.indicator, ind))
    g.add((ind, RDF.type, PLAN.Indicator))
    g.add((ind, SKOS.prefLabel, _zh(p["indicator"])))
    g.add((s, PLAN.comparator, COMPARATOR[p["comparator"]]))
    if p["value"] is not None:
        g.add((s, PLAN.value, decimal_literal(p["value"])))
    if p["unit"]:
        u = iris.unit(p["unit"])
        g.add((s, PLAN.unit, u))
        g.add((u, RDF.type, PLAN.Unit))
        g.add((u, RDFS.label, _zh(p["unit"])))
        if p["unit"] in QUDT_UNITS:
            g.add((u, OWL.sameAs, URIRef("http://qudt.org/vocab/unit/" + QUDT_UNITS[p["unit"]])))
    if p["year"]:
        g.add((s, PLAN.targetYear, _year(p["year"])))
    if p["scope"]:
        g.add((s, PLAN.scope, _zh(p["scope"])))
    _in_measure_and_section(g, s, node, iris, measure=True)


def _mention(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    p = node.props
    g.add((s, PLAN.start, _nonneg(p["start"])))
    g.add((s, PLAN.end, _nonneg(p["end"])))
    g.add((s, PLAN.exact, _zh(p["text"])))
    _in_measure_and_section(g, s, node, iris, measure=False)  # the IN_MEASURE edge says the measure
    sentence: SentenceValue | None = p["sentence"]
    if sentence is not None:
        doc = p["document"]
        sent = iris.sentence(doc, sentence.number)
        g.add((s, PLAN.inSentence, sent))
        g.add((sent, RDF.type, PLAN.Sentence))
        g.add((sent, PLAN.inPlan, iris.node(pg.plan_ref(doc).path)))
        g.add((sent, PLAN.text, _zh(sentence.text)))
        g.add((sent, PLAN.start, _nonneg(sentence.start)))
        g.add((sent, PLAN.end, _nonneg(sentence.end)))
        if sentence.measure is not None:
            g.add((sent, PLAN.inMeasure, iris.node(pg.measure_ref(doc, sentence.measure).path)))


def _names(g: TripleSink, s: URIRef, node: Node) -> None:
    p = node.props
    g.add((s, RDFS.label, _zh(p["name"])))
    g.add((s, SKOS.prefLabel, _zh(p["name"])))
    for alias in p["aliases"]:
        g.add((s, SKOS.altLabel, _zh(alias)))
    # every way of naming it, as a plain string: saved queries look entities up by exact match on these
    for key in {p["name"], *p["aliases"], p.get("name_en"), p.get("code")}:
        if key:
            g.add((s, SKOS.hiddenLabel, Literal(key)))


def _project(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    _names(g, s, node)
    g.add((s, PLAN.projectKind, PLAN[f"kind-{node.props['kind']}"]))
    if node.props["status"]:
        g.add((s, PLAN.status, _zh(node.props["status"])))


def _place(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    p = node.props
    _names(g, s, node)
    g.add((s, PLAN.placeKind, Literal(p["kind"])))
    if p["name_en"]:
        g.add((s, RDFS.label, Literal(p["name_en"], lang="en")))
        g.add((s, SKOS.prefLabel, Literal(p["name_en"], lang="en")))
    if p["code"]:
        g.add((s, PLAN.adminCode, Literal(p["code"])))
    if p["level"]:
        g.add((s, PLAN.adminLevel, _int(p["level"])))


def _organization(g: TripleSink, s: URIRef, node: Node, iris: IRIs) -> None:
    _names(g, s, node)
    g.add((s, PLAN.orgKind, Literal(node.props["kind"])))


_WRITERS = {"Plan": _plan, "Section": _section, "Measure": _measure, "Target": _target, "Mention": _mention,
            "Project": _project, "Place": _place, "Organization": _organization}
