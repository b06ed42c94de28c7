"""Neo4j for real: the bundled server (started by scripts/test.sh), the loader, parity with SPARQL.

These tests need a Neo4j server at $NEO4J_URI (default bolt://127.0.0.1:7687).
They fail when none answers; set KG_SKIP_NEO4J=1 to skip them on a machine
without Java.
"""
from __future__ import annotations

import json
import os

import pytest

from kg.config import Neo4jSettings
from kg.errors import Neo4jUnavailable

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def neo():
    if os.environ.get("KG_SKIP_NEO4J") == "1":
        pytest.skip("KG_SKIP_NEO4J=1")
    settings = Neo4jSettings.from_env()
    from kg.neo4j.connection import driver

    try:
        with driver(settings):
            pass
    except Neo4jUnavailable as exc:
        pytest.fail(f"{exc} - run the tests with scripts/test.sh, which starts the bundled server")
    return settings


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(settings, query, **params):
    from kg.neo4j.connection import driver

    with driver(settings) as drv, drv.session(database=settings.database) as s:
        return [r.data() for r in s.run(query, **params)]


@pytest.fixture(scope="module")
def loaded(neo, built_workspace):
    from kg.graph import load_corpus
    from kg.neo4j.loader import load

    # relationships first, in batches: on a server holding a big graph one place has 100,000s of them,
    # more than one DETACH DELETE transaction may use
    _run(neo, "MATCH ()-[r]->() WHERE r.kg_tool = 'plan-kg' CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS")
    _run(neo, "MATCH (n) WHERE n.kg_tool = 'plan-kg' CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
    corpus = load_corpus(built_workspace)
    report = load(corpus, neo)
    return corpus, report


def test_load_is_idempotent(neo, loaded):
    from kg.neo4j.loader import counts, load

    corpus, report = loaded
    before = counts(neo)
    assert before[":Project"] == len(corpus.projects)
    assert before[":Place"] == len(corpus.places)
    assert before[":Measure"] == sum(len(ex.measures) for ex in corpus.documents)
    load(corpus, neo)
    assert counts(neo) == before


def test_neo4j_holds_the_property_graph(neo, loaded):
    """Nodes per label and relationships per type: the projection's counts (RDF, networkx and neo4j-csv hold the
    same: tests/test_projection.py)."""
    from kg import projection
    from kg.neo4j.loader import counts

    corpus, _ = loaded
    expected = projection.project(corpus).counts()
    assert counts(neo) == {(f"[{k}]" if k.isupper() else f":{k}"): n for k, n in expected.items()}


def _dump(settings) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (type, ends' keys, properties), sorted."""
    nodes = _run(settings, "MATCH (n) WHERE n.kg_tool = 'plan-kg' RETURN labels(n) AS labels, properties(n) AS props")
    rels = _run(settings, "MATCH (a)-[e]->(b) WHERE e.kg_tool = 'plan-kg' RETURN type(e) AS type, "
                          "coalesce(a.uid, a.id) AS a, coalesce(b.uid, b.id) AS b, properties(e) AS props")
    for n in nodes:
        n["labels"] = sorted(n["labels"])
    return (sorted(json.dumps(n, sort_keys=True, ensure_ascii=False) for n in nodes),
            sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rels))


def test_neo4j_admin_import_of_the_csv_export_is_the_loaded_database(neo, loaded, tmp_path):
    """`kg export --format neo4j-csv` imported with neo4j-admin (from the server's own jars) into a fresh database
    answers every saved Cypher query like `kg load neo4j`, and holds the very same nodes and relationships."""
    from kg.exports import get
    from kg.neo4j import server
    from kg.neo4j.queries import run_saved_cypher
    from kg.saved_queries import registry

    corpus, _ = loaded
    get("neo4j-csv").write(corpus, tmp_path / "csv", "https://plan-kg.org/id/")
    home = tmp_path / "imported"
    server.admin_import(home, tmp_path / "csv")
    port = _free_port()
    server.start(home, port=port, wait=180, heap="512m")
    try:
        imported = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password=None)
        for name, q in registry().items():
            assert run_saved_cypher(imported, q, {}) == run_saved_cypher(neo, q, {}), name
        assert _dump(imported) == _dump(neo)
    finally:
        server.stop(home)


def test_constraints_exist(neo, loaded):
    rows = _run(neo, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes, properties")
    have = {(r["labelsOrTypes"][0], r["properties"][0]) for r in rows}
    assert {("Project", "id"), ("Place", "id"), ("Measure", "uid"), ("Mention", "uid")} <= have


def test_words_searched_properties_have_only_a_text_index(neo, loaded):
    """A range index beside the text index made Neo4j send CONTAINS to the range index and fail, now and then."""
    rows = _run(neo, "SHOW INDEXES YIELD type, labelsOrTypes, properties WHERE labelsOrTypes IS NOT NULL "
                     "RETURN type, labelsOrTypes[0] AS label, properties[0] AS prop")
    text = {(r["label"], r["prop"]) for r in rows if r["type"] == "TEXT"}
    ranged = {(r["label"], r["prop"]) for r in rows if r["type"] == "RANGE"}
    assert ("Organization", "name") in text and not text & ranged


def test_a_shared_entity_is_one_node(neo, loaded):
    rows = _run(neo, "MATCH (p:Place {code: '510000'}) RETURN count(p) AS n, p.documents AS docs")
    assert rows[0]["n"] == 1 and len(rows[0]["docs"]) >= 2  # 四川 in the Chongqing plan and the Sichuan report


def test_provenance_on_mention_nodes(neo, loaded):
    rows = _run(neo, """MATCH (m:Mention)-[:MENTION_OF]->(p:Project {name: '重庆新机场'}), (m)-[:IN_DOCUMENT]->(d:Plan)
                        RETURN m.sentence AS sentence, m.start AS start, m.measure AS measure, d.id AS doc""")
    assert rows and "开工建设重庆新机场" in rows[0]["sentence"] and rows[0]["measure"] == 5


def test_replace_removes_only_what_the_tool_wrote(neo, loaded, built_workspace):
    from kg.graph import load_corpus
    from kg.neo4j.loader import counts, load

    _run(neo, "MERGE (x:Foreign {name: '重庆新机场', note: 'not ours'})")
    before = counts(neo)
    doc = "sichuan-2026-government-work-report"
    load(load_corpus(built_workspace), neo, documents=[doc], replace=True)
    assert counts(neo) == before
    assert _run(neo, "MATCH (x:Foreign) RETURN count(x) AS n")[0]["n"] == 1
    # removing one document keeps the others and what they share
    from kg.neo4j.loader import REMOVE_DOCUMENT, TOOL

    for stmt in REMOVE_DOCUMENT:
        _run(neo, stmt, tool=TOOL, docs=[doc])
    assert _run(neo, "MATCH (d:Plan) RETURN collect(d.id) AS ids")[0]["ids"].count(doc) == 0
    assert _run(neo, "MATCH (p:Place {code: '510000'}) RETURN p.documents AS d")[0]["d"] == \
        ["chongqing-twin-city-action-plan-2023-2027"]
    load(load_corpus(built_workspace), neo, documents=[doc])
    assert counts(neo) == before
    _run(neo, "MATCH (x:Foreign) DELETE x")


def test_mapping_table_matches_the_ontology_and_the_database(neo, loaded):
    import csv

    from rdflib import Graph

    from kg.ontology import path

    onto = Graph().parse(path("plan.ttl"))
    terms = {str(s) for s in onto.subjects()}
    labels = {r["label"] for r in _run(neo, "CALL db.labels() YIELD label RETURN label")}
    types = {r["relationshipType"]
             for r in _run(neo, "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType")}
    keys = {r["propertyKey"] for r in _run(neo, "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey")}
    with open(path("mapping.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 40
    for row in rows:
        prefix, _, local = row["ontology_term"].partition(":")
        if prefix == "plan":
            assert "https://plan-kg.org/ontology#" + local in terms, row
        if row["kind"] == "class":
            assert row["neo4j"].lstrip(":") in labels, row
        elif row["kind"] == "relationship":
            assert row["neo4j"] in types, row
        else:
            assert row["neo4j"] in keys, row


def test_every_saved_question_has_the_same_answer_in_sparql_and_cypher(neo, loaded, built_workspace):
    from kg.graph import load_dataset
    from kg.neo4j.queries import run_saved_cypher
    from kg.rdf.sparql import engine_for, run_saved
    from kg.saved_queries import registry

    engine = engine_for(load_dataset(built_workspace, "https://plan-kg.org/id/"), "oxigraph")
    for name, q in registry().items():
        cols_s, rows_s = run_saved(engine, q, {})
        cols_c, rows_c = run_saved_cypher(neo, q, {})
        assert cols_s == cols_c, name
        assert sorted(map(lambda r: json.dumps(r, sort_keys=True), rows_s)) == \
            sorted(map(lambda r: json.dumps(r, sort_keys=True), rows_c)), name
        assert rows_s, f"{name} returns nothing on the sample: the parity check would prove little"


def test_cypher_parameters_cannot_inject(neo, loaded):
    from kg.neo4j.queries import run_saved_cypher
    from kg.saved_queries import get

    for hostile in ["璧山' OR 1=1 //", "x}) DETACH DELETE n //", "\\'; MATCH (n) DETACH DELETE n"]:
        cols, rows = run_saved_cypher(neo, get("projects-in-place"), {"place": hostile})
        assert rows == []
    assert _run(neo, "MATCH (p:Project) RETURN count(p) AS n")[0]["n"] > 0


@pytest.mark.parametrize("value", ['a"b', "it's", "?x", "}) DETACH DELETE n //", "line one\nline two", "$value"])
def test_cypher_parameters_are_bound_by_the_engine(neo, value):
    """Quotes, ?x, braces and newlines are values: the node named so is found, and only it."""
    from kg.neo4j.queries import run_cypher

    _run(neo, "UNWIND range(0, 1) AS i CREATE (:KgParamProbe {name: CASE i WHEN 0 THEN $v ELSE 'other' END})", v=value)
    try:
        cols, rows = run_cypher(neo, "MATCH (x:KgParamProbe) WHERE x.name = $value RETURN x.name AS name",
                                {"value": value})
        assert cols == ["name"] and rows == [{"name": value}]
    finally:
        _run(neo, "MATCH (x:KgParamProbe) DELETE x")


def test_ad_hoc_cypher_is_read_only(neo, loaded, runner):
    from kg.cli import main

    r = runner.invoke(main, ["cypher", "MATCH (p:Project {name: $n}) RETURN p.name AS name", "-p", "n=重庆新机场",
                             "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == [{"name": "重庆新机场"}]
    r = runner.invoke(main, ["cypher", "MATCH (p:Project) DETACH DELETE p"])
    assert r.exit_code == 1 and "Error:" in r.stderr
    assert _run(neo, "MATCH (p:Project) RETURN count(p) AS n")[0]["n"] > 0


def test_query_command_with_cypher(neo, loaded, built_workspace, runner):
    from kg.cli import main

    r = runner.invoke(main, ["-w", str(built_workspace.path), "query", "projects-in-place", "--engine", "cypher",
                             "-p", "place=璧山", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {"project": "璧铜线", "kind": "urban_rail", "via": "direct"} in json.loads(r.stdout)


def test_unreachable_server_is_one_clear_line(runner, built_workspace):
    from kg.cli import main

    r = runner.invoke(main, ["-w", str(built_workspace.path), "load", "neo4j", "--uri", "bolt://127.0.0.1:1",
                             "--password", "s3cret-password"])
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: no Neo4j server answers at bolt://127.0.0.1:1")
    assert "s3cret-password" not in r.output + r.stderr


def test_wrong_password_does_not_leak(neo, runner, built_workspace):
    from kg.cli import main

    if not neo.password:
        pytest.skip("the server runs without auth")
    r = runner.invoke(main, ["-w", str(built_workspace.path), "load", "neo4j", "--password", "wrong-password-123"])
    assert r.exit_code == 1 and "refused the credentials" in r.stderr
    assert "wrong-password-123" not in r.stderr + r.stdout
