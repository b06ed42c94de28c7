"""Saved queries: the registry, safe parameters, both SPARQL stores, the CLI."""
from __future__ import annotations

import json

import pytest

from kg.errors import QueryError
from kg.graph import load_dataset
from kg.rdf.sparql import engine_for, run_saved
from kg.saved_queries import registry

BASE = "https://plan-kg.org/id/"


def test_registry_has_the_saved_questions():
    reg = registry()
    assert len(reg) >= 12
    for q in reg.values():
        assert q.title and q.description, q.name
        assert set(q.engines) == {"sparql", "cypher"}, q.name


def test_every_sparql_query_parses_and_selects_its_parameters():
    """pyoxigraph binds only selected variables: a saved query selects each parameter it uses (and the answer
    leaves it out, so a parameter is never also a column)."""
    from rdflib.plugins.sparql import prepareQuery

    from kg.rdf.sparql import query_variables

    for q in registry().values():
        prepareQuery(q.texts["sparql"])
        projected, used = query_variables(q.texts["sparql"])
        for p in q.params:
            if p.name == "limit":  # SPARQL's LIMIT takes no variable: run_saved cuts the rows
                assert "limit" not in used, q.name
            else:  # selected by name, in every saved query
                assert p.name in (projected or ()), (q.name, p.name)
            assert p.name not in _cypher_columns(q), (q.name, p.name)


def _cypher_columns(q) -> set[str]:
    import re

    return set(re.findall(r"\bAS\s+(\w+)", q.texts["cypher"]))


@pytest.fixture(scope="module")
def engines(built_workspace):
    ds = load_dataset(built_workspace, BASE)
    return engine_for(ds, "rdflib"), engine_for(ds, "oxigraph")


@pytest.mark.parametrize("name", sorted(registry()))
def test_rdflib_and_oxigraph_agree(engines, name):
    q = registry()[name]
    a = run_saved(engines[0], q, {})
    b = run_saved(engines[1], q, {})
    assert a[0] == b[0]
    assert sorted(map(json.dumps, a[1])) == sorted(map(json.dumps, b[1]))


def test_answers_on_the_sample(engines):
    rdflib_engine = engines[0]
    reg = registry()
    _, rows = run_saved(rdflib_engine, reg["projects-in-place"], {"place": "璧山"})
    assert {"project": "璧铜线", "kind": "urban_rail", "via": "direct"} in rows
    assert any(r["via"] != "direct" for r in rows)  # through a region 璧山 belongs to
    _, rows = run_saved(rdflib_engine, reg["projects-in-place"], {"place": "500120"})  # by code
    assert any(r["project"] == "璧铜线" for r in rows)
    _, rows = run_saved(rdflib_engine, reg["places-of-project"], {"project": "成渝中线高铁"})
    assert {r["place"] for r in rows} == {"成都", "重庆"}
    _, rows = run_saved(rdflib_engine, reg["region-members"], {"region": "主城新区"})
    assert len(rows) == 12 and {"member": "璧山", "code": "500120"} in rows
    _, rows = run_saved(rdflib_engine, reg["source-sentences"], {"entity": "重庆新机场"})
    assert rows and "开工建设重庆新机场" in rows[0]["sentence"]
    _, rows = run_saved(rdflib_engine, reg["targets-by-indicator"], {"words": "地区生产总值"})
    assert any(r["comparator"] == ">" and r["value"] == 3 and r["unit"] == "万亿元" for r in rows)
    _, rows = run_saved(rdflib_engine, reg["top-places"], {"limit": "3"})
    assert len(rows) == 3 and rows[0]["projects"] >= rows[1]["projects"] >= rows[2]["projects"]
    _, rows = run_saved(rdflib_engine, reg["cross-province-projects"], {})
    assert {"project": "成渝中线高铁"} in rows


@pytest.mark.parametrize("hostile", ['璧山" } ?s ?p ?o . { "', "璧山'))) } UNION { ?x ?y ?z } #",
                                     "\\u0022; DROP ALL", "<script>alert(1)</script>", "a\"\nb\\c"])
def test_parameters_cannot_inject_sparql(engines, hostile):
    q = registry()["projects-in-place"]
    for engine in engines:
        cols, rows = run_saved(engine, q, {"place": hostile})
        assert rows == []


HOSTILE = ['a"b', "it's", "?x", "} UNION { ?s ?p ?o }", "line one\nline two", 'x" } ?s ?p ?o . { "\\', "?name"]


@pytest.fixture(scope="module")
def hostile_engines():
    """Both stores over a tiny graph whose labels are the hostile values themselves."""
    from rdflib import Dataset, Literal, URIRef

    ds = Dataset(default_union=True)  # as kg.rdf.build makes it
    g = ds.graph(URIRef("http://x/g"))
    for i, value in enumerate(HOSTILE):
        g.add((URIRef(f"http://x/s{i}"), URIRef("http://x/n"), Literal(value)))
    return engine_for(ds, "rdflib"), engine_for(ds, "oxigraph")


@pytest.mark.parametrize("value", HOSTILE)
def test_parameters_are_bound_by_the_engines(hostile_engines, value):
    """Quotes, ?x, braces and newlines are values: each finds exactly its own subject, in nested groups too, and a
    '?name' inside a string of the query stays text."""
    q = ('SELECT ?s ?name WHERE { { ?s <http://x/n> ?n . FILTER (STR(?n) = ?name) } '
         'FILTER (?name != "?name" || STR(?n) = "?name") }')
    for engine in hostile_engines:
        cols, rows = engine.select(q, {"name": value})
        assert cols == ["s", "name"]
        assert rows == [{"s": f"http://x/s{HOSTILE.index(value)}", "name": value}], engine.name


def test_a_parameter_must_be_selected_in_both_stores(hostile_engines):
    for engine in hostile_engines:
        with pytest.raises(QueryError, match=r"cannot bind \?name: a parameter must be a variable the query selects"):
            engine.select("SELECT ?s WHERE { ?s ?p ?name }", {"name": "x"})
        with pytest.raises(QueryError, match="cannot bind"):  # ?name is only in a FILTER: not in SELECT *'s scope
            engine.select("SELECT * WHERE { ?s ?p ?o FILTER (STR(?o) = ?name) }", {"name": "x"})
        cols, rows = engine.select("SELECT * WHERE { ?s <http://x/n> ?name }", {"name": "?x"})
        assert rows == [{"s": "http://x/s2", "name": "?x"}], engine.name


def test_parameter_errors_are_clear(engines):
    q = registry()["targets-by-year"]
    with pytest.raises(QueryError, match="must be an integer"):
        run_saved(engines[0], q, {"year": "twenty"})
    with pytest.raises(QueryError, match="has no parameter"):
        run_saved(engines[0], q, {"yaer": "2027"})


def test_updates_are_refused(engines):
    for engine in engines:
        with pytest.raises(QueryError, match="read-only|not allowed"):
            engine.select("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }")
        with pytest.raises(QueryError, match="read-only|not allowed"):
            engine.select("DELETE WHERE { ?s ?p ?o }")


def test_cli_queries_and_query(built_workspace, runner):
    from kg.cli import main

    ws = str(built_workspace.path)
    listing = json.loads(runner.invoke(main, ["queries", "--format", "json"]).stdout)
    assert {"name", "title", "params", "engines"} <= set(listing[0])
    assert any(q["name"] == "projects-in-place" and q["params"][0]["name"] == "place" for q in listing)
    r = runner.invoke(main, ["-w", ws, "query", "projects-in-place", "--param", "place=璧山", "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines()[0] == "project,kind,via"
    r = runner.invoke(main, ["-w", ws, "query", "projects-in-place", "--store", "oxigraph", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)
    r = runner.invoke(main, ["-w", ws, "query", "no-such-query"])
    assert r.exit_code == 1 and "available:" in r.stderr
    r = runner.invoke(main, ["-w", ws, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["n"] > 10000
    r = runner.invoke(main, ["-w", ws, "sparql", "SELEC nonsense"])
    assert r.exit_code == 1 and "syntax" in r.stderr.lower()
