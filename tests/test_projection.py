"""The one projection (kg/projection.py): its schema is ontology/mapping.csv, its rules hold, and RDF, networkx,
the graph-tool exports and neo4j-csv all hold the same graph (Neo4j: tests/test_neo4j.py)."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from kg import projection
from kg.model import Organization, Place
from kg.projection import EDGE_KINDS, NODE_KINDS

BASE = "https://plan-kg.org/id/"


def _mapping_rows() -> list[dict]:
    from kg.ontology import path

    with open(path("mapping.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_schema_is_the_mapping_table():
    rows = _mapping_rows()
    classes = {r["neo4j"].lstrip(":"): r["on"] for r in rows if r["kind"] == "class"}
    assert classes == {**{k: "" for k in NODE_KINDS},
                       **{label: kind.name for kind in NODE_KINDS.values() for label in kind.labels}}
    relationships = {r["neo4j"]: r["on"] for r in rows if r["kind"] == "relationship"}
    assert relationships == {k.name: f"{'|'.join(k.sources)}->{'|'.join(k.targets)}" for k in EDGE_KINDS.values()}
    table = Counter((r["neo4j"], on) for r in rows if r["kind"] == "property" for on in r["on"].split("|"))
    schema = Counter([(p, k.name) for k in NODE_KINDS.values() for p in k.properties] +
                     [(p, k.name) for k in EDGE_KINDS.values() for p in k.properties])
    assert table == schema  # each property of each kind once, nothing else


def test_docs_show_the_mapping_table():
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "ontology.md").read_text(encoding="utf-8")
    for r in _mapping_rows():
        assert f"| {r['neo4j']} | {r['on']} |" in doc.replace("`", "").replace("\\|", "|"), r


@pytest.fixture(scope="module")
def corpus(built_workspace):
    from kg.graph import load_corpus

    return load_corpus(built_workspace)


@pytest.fixture(scope="module")
def graph(corpus):
    return projection.project(corpus)


def test_nodes_and_edges_follow_the_schema(graph):
    kinds = Counter(n.kind for n in graph.nodes.values())
    assert set(kinds) == set(NODE_KINDS) and kinds["Plan"] == 3
    for n in graph.nodes.values():
        kind = NODE_KINDS[n.kind]
        assert list(n.props) == list(kind.properties), n.id
        assert n.props[kind.key] == n.id and set(n.labels) <= set(kind.labels)
    assert set(e.type for e in graph.edges.values()) == set(EDGE_KINDS)
    for e in graph.edges.values():
        kind = EDGE_KINDS[e.type]
        assert e.source.kind in kind.sources and e.target.kind in kind.targets, e
        assert e.source.id in graph.nodes and e.target.id in graph.nodes, e
        assert sorted(e.props) == sorted(kind.properties), e


def test_a_place_is_a_division_a_region_or_a_place():
    assert projection.place_labels(Place(id="place:500120", name="璧山", kind="district", code="500120")) == \
        ("AdministrativeDivision",)
    assert projection.place_labels(Place(id="place:r", name="主城新区", kind="area", members=["place:500120"])) == \
        ("Region",)
    assert projection.place_labels(Place(id="place:z", name="两江新区", kind="zone")) == ("Region",)
    assert projection.place_labels(Place(id="place:y", name="长江", kind="river")) == ()
    assert projection.organization_labels(Organization(id="org:x", name="市政府", kind="government")) == \
        ("GovernmentBody",)
    assert projection.organization_labels(Organization(id="org:y", name="某公司", kind="enterprise")) == ()


def test_a_mention_belongs_to_its_measure_else_its_section_else_the_plan():
    assert projection.holder("d", 7, 2).id == "d/measure/7"
    assert projection.holder("d", None, 2).id == "d/section/2"
    assert projection.holder("d", None, None).id == "d"
    assert projection.holder("d", 0, None).id == "d/measure/0"  # measure 0 is a measure
    assert projection.holder("d", 9, 2, known={"d/section/2"}).id == "d/section/2"  # a measure the plan lacks
    assert projection.holder("d", 9, 3, known=set()).id == "d"


def test_keys_and_iri_paths_are_written_once(graph):
    mention = projection.mention_ref("doc", projection.entity_ref("org:重庆市:市政府"), 3, 6)
    assert mention.id == "doc/mention/org/3-6/org:重庆市:市政府"
    assert mention.path == ("plan", "doc", "mention", "org", "3-6", "重庆市", "市政府")
    target_mention = projection.mention_ref("doc", projection.target_ref("doc", 4), 10, 12)
    assert target_mention.id == "doc/mention/target/10-12/4"
    assert target_mention.path[-1] == "4"
    # every node of the sample: its key is what the mapping table documents, its IRI what decision 0001 says
    for n in graph.nodes.values():
        if n.kind in ("Section", "Measure", "Target"):
            doc, number = n.props["document"], n.id.rsplit("/", 1)[1]
            assert n.id == f"{doc}/{n.kind.lower()}/{number}" and n.ref.path == ("plan", doc, n.kind.lower(), number)


def _rdf_counts(corpus) -> Counter:
    """Nodes per class and edges per predicate (between nodes of the edge kind's classes), from SPARQL."""
    from kg.rdf.build import build_dataset, mapping
    from kg.rdf.sparql import engine_for

    classes, predicates = mapping()
    engine = engine_for(build_dataset(corpus, BASE), "oxigraph")
    out: Counter = Counter()
    for label, cls in classes.items():
        _, rows = engine.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")
        out[label] = rows[0]["n"]
    for kind in EDGE_KINDS.values():
        sources = " ".join(f"<{classes[k]}>" for k in kind.sources)
        targets = " ".join(f"<{classes[k]}>" for k in kind.targets)
        _, rows = engine.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{predicates[kind.name]}> ?o . "
            f"?s a ?sc . ?o a ?oc . VALUES ?sc {{ {sources} }} VALUES ?oc {{ {targets} }} }} }}")
        out[kind.name] = rows[0]["n"]
    return out


def _networkx_counts(corpus) -> Counter:
    from kg.analytics.network import to_networkx

    g = to_networkx(corpus)
    out = Counter(a["type"] for _, a in g.nodes(data=True))
    out.update(label for _, a in g.nodes(data=True) for label in a["labels"])
    out.update(a["type"] for _, _, a in g.edges(data=True))
    return out


def _neo4j_csv_counts(directory) -> Counter:
    from kg.exports.graphs import ARRAY_DELIMITER

    out: Counter = Counter()
    for f in sorted(directory.glob("*.csv")):
        with open(f, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if f.name.startswith("nodes_"):
                    out.update(row[":LABEL"].split(ARRAY_DELIMITER))
                else:
                    out[row[":TYPE"]] += 1
    return out


def test_rdf_networkx_and_neo4j_csv_hold_the_same_graph(corpus, graph, tmp_path):
    from kg.exports import get

    expected = Counter(graph.counts())
    assert expected["Mention"] > 1000 and expected["MENTIONS"] > 500 and expected["Region"] > 10
    assert _rdf_counts(corpus) == expected
    assert _networkx_counts(corpus) == expected
    get("neo4j-csv").write(corpus, tmp_path / "csv", BASE)
    assert _neo4j_csv_counts(tmp_path / "csv") == expected
    summary = get("graphml").write(corpus, tmp_path / "g.graphml", BASE)
    assert (summary["nodes"], summary["edges"]) == (len(graph.nodes), len(graph.edges))


def test_the_rdf_writer_says_each_property_with_its_mapped_term(corpus, graph):
    """Every property a node has is in RDF under the ontology term the mapping table gives it."""
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, RDFS, SKOS

    from kg.rdf.build import build_dataset
    from kg.rdf.iri import IRIs
    from kg.rdf.namespace import PLAN

    ds, iris = build_dataset(corpus, BASE), IRIs(BASE)
    prefixes = {"plan": str(PLAN), "rdfs": str(RDFS), "skos": str(SKOS), "dct": str(DCTERMS)}
    terms: dict[tuple[str, str], URIRef] = {}
    for r in _mapping_rows():
        if r["kind"] == "property" and r["ontology_term"]:
            prefix, _, local = r["ontology_term"].partition(":")
            for on in r["on"].split("|"):
                terms[(r["neo4j"], on)] = URIRef(prefixes[prefix] + local)
    checked = Counter()
    for n in graph.nodes.values():
        said = set(ds.predicates(iris.node(n.ref.path), None))
        for prop, value in n.props.items():
            if value not in (None, "", []) and (prop, n.kind) in terms:
                assert terms[(prop, n.kind)] in said, (n.id, prop)
                checked[n.kind] += 1
    assert set(checked) == set(NODE_KINDS)
