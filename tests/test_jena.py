"""Conformance with Apache Jena, the reference implementation, on the bundled documents.

* RIOT validates every RDF export, and reads from each the statements plan-kg wrote;
* ARQ runs every saved query (parameters bound by substitution) and gets the
  rows both of plan-kg's stores give;
* Jena's SHACL engine reports what ``kg validate`` reports, on the graph and on
  a deliberately broken copy;
* ``rsparql`` and ARQ's HTTP client read ``kg serve``'s answers in every
  result format.

Jena comes from Maven Central (``scripts/setup.sh`` installs it, see
tests/jena_tools.py).  Set KG_ALLOW_SKIP=1 to skip these tests on a machine
without Java.
"""
from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

import jena_tools
import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef

BASE = "https://plan-kg.org/id/"
PLAN = Namespace("https://plan-kg.org/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
QUAD_FORMATS = ("nq", "trig", "jsonld")

pytestmark = pytest.mark.jena


@pytest.fixture(scope="module")
def jena():
    why = jena_tools.missing()
    if why:
        if os.environ.get("KG_ALLOW_SKIP") == "1":
            pytest.skip(why)
        pytest.fail(why)
    return jena_tools


@pytest.fixture(scope="module")
def corpus(built_workspace):
    from kg.graph import load_corpus

    return load_corpus(built_workspace)


@pytest.fixture(scope="module")
def dataset(built_workspace):
    from kg.graph import load_dataset

    return load_dataset(built_workspace, BASE)


@pytest.fixture(scope="module")
def exports(corpus, tmp_path_factory) -> dict[str, Path]:
    from kg.exports import get

    out = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt in RDF_FORMATS:
        paths[fmt] = out / f"plan.{'rdf' if fmt == 'xml' else fmt}"
        get(fmt).write(corpus, paths[fmt], BASE)
    return paths


def _problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.search(r"\b(WARN|ERROR|Exception)\b", line)]


# -- RIOT ----------------------------------------------------------------------------------------------

def test_riot_validates_every_rdf_export(jena, exports):
    r = jena.run("riotcmd.riot", "--validate", *exports.values())
    assert r.returncode == 0, r.stderr
    assert _problems(r.stderr) == []


def _quads(ds) -> set[tuple]:
    """(s, p, o, graph IRI or None for the default graph)."""
    return {(s, p, o, g if isinstance(g, URIRef) and str(g).startswith(BASE) else None)
            for s, p, o, g in ds.quads((None, None, None, None))}


def test_jena_reads_the_statements_plan_kg_wrote_from_every_format(jena, exports, dataset, tmp_path):
    r = jena.run("Conformance", "parse", tmp_path, *exports.values())
    assert r.returncode == 0 and _problems(r.stderr) == [], r.stderr
    named = {q for q in _quads(dataset) if q[3] is not None}
    triples = {q[:3] for q in named}
    for fmt, path in exports.items():
        read = Dataset()
        read.parse(tmp_path / (path.name + ".nq"), format="nquads")
        got = _quads(read)
        default = {q[:3] for q in got if q[3] is None}
        if fmt in QUAD_FORMATS:  # one named graph per document, and a default graph that is empty or their merge
            assert {q for q in got if q[3] is not None} == named, fmt
            assert default in (set(), triples), fmt
        else:
            assert got == {(*t, None) for t in triples}, fmt


# -- ARQ: the saved queries -----------------------------------------------------------------------------

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_FLOAT = {_XSD + t for t in ("decimal", "double", "float")}


def plain(term: dict | None):
    """A SPARQL JSON term as the project's engines give values (kg.rdf.sparql)."""
    if term is None:
        return None
    if term["type"] != "literal":
        return term["value"]
    dt = term.get("datatype", _XSD + "string")
    if dt in _INTEGER:
        return int(term["value"])
    if dt in _FLOAT:
        return float(term["value"])
    if dt == _XSD + "boolean":
        return term["value"] == "true"
    return term["value"]


def jena_rows(path: Path, saved, cols: list[str]) -> list[tuple]:
    """ARQ's rows in ``cols``.  A parameter the query also selects (SELECT ?project ?province_a) is one of
    ARQ's columns, holding the value it was given; kg.rdf.sparql.run_saved leaves it out (the user gave
    it).  Every other column must be the same."""
    data = json.loads(path.read_text(encoding="utf-8"))
    theirs = data["head"]["vars"]
    assert [c for c in theirs if c not in _used_bindings(saved)] == cols, (cols, theirs)
    return [tuple(plain(b.get(c)) for c in cols) for b in data["results"]["bindings"]]


def _used_bindings(saved) -> dict:
    """The parameters a saved query's text uses, with their default values (as kg.rdf.sparql.run_saved binds)."""
    body = "\n".join(line for line in saved.texts["sparql"].splitlines() if not line.lstrip().startswith("#"))
    return {k: v for k, v in saved.bindings({}).items() if re.search(rf"[?$]{k}\b", body)}


def _spec(tmp_path: Path, accept: str | None = None, names=None) -> Path:
    from kg.saved_queries import registry

    spec = []
    for name, saved in registry().items():
        if "sparql" not in saved.texts or (names and name not in names):
            continue
        query = tmp_path / f"{name}.rq"
        query.write_text(saved.texts["sparql"], encoding="utf-8")
        item = {"name": name, "query": str(query),
                "bindings": {k: Literal(v).n3() for k, v in _used_bindings(saved).items()}}
        if accept:
            item["accept"] = accept
        spec.append(item)
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def arq_answers(jena, exports, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("arq")
    r = jena.run("Conformance", "local", exports["trig"], _spec(out), out)
    assert r.returncode == 0 and _problems(r.stderr) == [], r.stderr
    return out


def _project_rows(engine, saved) -> tuple[list[str], list[tuple]]:
    from kg.rdf.sparql import run_saved

    cols, rows = run_saved(engine, saved, {})
    return cols, [tuple(row[c] for c in cols) for row in rows]


def _compare(cols, ours, theirs, saved):
    limit = saved.bindings({}).get("limit")
    if limit is not None and "limit" not in _used_bindings(saved):
        theirs = theirs[:limit]  # run_saved cuts the rows of a query that cannot say LIMIT ?limit
    assert sorted(ours, key=repr) == sorted(theirs, key=repr)
    if re.search(r"\bORDER\s+BY\b", saved.texts["sparql"], re.IGNORECASE):
        assert len(ours) == len(theirs)


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_saved_queries_give_arqs_rows(built_workspace, arq_answers, store):
    from kg.graph import sparql_engine
    from kg.saved_queries import registry

    engine = sparql_engine(built_workspace, BASE, store)
    checked = 0
    for name, saved in registry().items():
        if "sparql" not in saved.texts:
            continue
        cols, ours = _project_rows(engine, saved)
        theirs = jena_rows(arq_answers / f"{name}.srj", saved, cols)
        assert ours, f"{name} gives no rows on the sample: the comparison would prove nothing"
        _compare(cols, ours, theirs, saved)
        checked += 1
    assert checked == len([q for q in registry().values() if "sparql" in q.texts]) >= 15


# -- SHACL ------------------------------------------------------------------------------------------------

def _jena_shacl(jena, shapes: Path, data: Path) -> list[tuple[str, str]]:
    r = jena.run("shacl.shacl_validate", "--shapes", shapes, "--data", data)
    assert r.returncode == 0 and _problems(r.stderr) == [], r.stderr
    report = Graph().parse(data=r.stdout, format="turtle")

    def path(res) -> str:
        p = report.value(res, SH.resultPath)
        inverse = report.value(p, SH.inversePath) if isinstance(p, BNode) else None
        return f"^{inverse}" if inverse is not None else str(p or "")

    return sorted((str(report.value(res, SH.focusNode)), path(res))
                  for res in report.subjects(RDF.type, SH.ValidationResult))


def _ours(graph) -> list[tuple[str, str]]:
    from kg.rdf.validate import validate

    expand = {"plan:": str(PLAN), "rdfs:": "http://www.w3.org/2000/01/rdf-schema#",
              "skos:": "http://www.w3.org/2004/02/skos/core#"}

    def full(path):
        if path.startswith("^"):  # an inverse path: ^plan:mentionOf
            return "^" + full(path[1:])
        for short, iri in expand.items():
            if path.startswith(short):
                return iri + path[len(short):]
        return path

    return sorted((v.focus, full(v.path)) for v in validate(graph))


def broken_copy(dataset) -> Graph:
    """One document's graph (the smallest: pyshacl takes a minute on all three) and the ontology's, with one
    error of each kind the shapes catch.  A document's graph holds its plan, structure, mentions and the
    entities it names; the ontology, the project kinds."""
    g = Graph()
    for name in ("baotou-2022-digital-government-tasks", "ontology"):
        for t in dataset.graph(URIRef(BASE + "graph/" + name)):
            g.add(t)
    plan = next(g.subjects(RDF.type, PLAN.Plan))
    g.remove((plan, PLAN.title, None))  # minCount
    g.set((plan, PLAN.sha256, Literal("not-a-hash")))  # pattern
    g.set((plan, PLAN.documentKind, Literal("memo")))  # sh:in
    sections = sorted(g.subjects(RDF.type, PLAN.Section))
    g.set((sections[0], PLAN.number, Literal("3")))  # datatype
    g.add((sections[1], PLAN.number, Literal(99)))  # maxCount
    measure = sorted(g.subjects(RDF.type, PLAN.Measure))[0]
    g.set((measure, PLAN.inPlan, sections[0]))  # class
    targets = sorted(g.subjects(RDF.type, PLAN.Target))
    g.set((targets[0], PLAN.value, Literal("3.5")))  # datatype
    g.remove((targets[1], PLAN.indicator, None))  # minCount
    projects = sorted(g.subjects(RDF.type, PLAN.Project))
    g.add((projects[0], PLAN.locatedIn, measure))  # class
    for m in list(g.subjects(PLAN.mentionOf, projects[1])):  # SPARQL: a project with no mention
        g.remove((m, None, None))
    mention = sorted(g.subjects(RDF.type, PLAN.Mention))[0]
    g.set((mention, PLAN.end, g.value(mention, PLAN.start)))  # SPARQL: end <= start
    division = sorted(g.subjects(RDF.type, PLAN.AdministrativeDivision))[0]
    g.set((division, PLAN.adminLevel, Literal(7)))  # sh:in
    g.set((division, PLAN.adminCode, Literal("12345")))  # pattern
    org = sorted(g.subjects(RDF.type, PLAN.Organization))[0]
    g.add((org, PLAN.responsibleFor, plan))  # class
    return g


def test_jena_shacl_agrees_with_kg_validate(jena, exports, dataset, tmp_path):
    from kg.ontology import path as onto_path

    shapes = Path(str(onto_path("shapes.ttl")))
    # the bundled graph conforms for Jena as for kg validate (tests/test_rdf.py::test_the_sample_graph_conforms)
    assert _jena_shacl(jena, shapes, exports["ttl"]) == []
    broken = broken_copy(dataset)
    data = tmp_path / "broken.ttl"
    broken.serialize(data, format="turtle")
    ours = _ours(broken)
    assert len(ours) == 14  # each change caught once
    assert _jena_shacl(jena, shapes, data) == ours


def test_rdfs_inference_over_the_bundled_graph_then_shacl_still_conforms(jena, exports, tmp_path):
    """Jena's RDFS reasoner over all three documents with plan.ttl and the standard vocabularies' axioms:
    no node gets a class it did not have, and Jena's SHACL finds the inferred graph conforming.  (riot's
    streaming RDFS does not apply a super-property's domain and range, as observed with Jena 5.6: those
    are checked with owlrl in tests/test_ontology.py.)"""
    from test_ontology import STANDARD, foreign_types

    from kg.ontology import path as onto_path

    schema = Graph().parse(str(onto_path("plan.ttl")), format="turtle") + Graph().parse(STANDARD, format="turtle")
    vocabulary = tmp_path / "vocabulary.ttl"
    schema.serialize(vocabulary, format="turtle")
    r = jena.run("riotcmd.riot", f"--rdfs={vocabulary}", "--output=nt", exports["nt"])
    assert r.returncode == 0 and _problems(r.stderr) == [], r.stderr
    inferred = tmp_path / "inferred.nt"
    inferred.write_text(r.stdout, encoding="utf-8")
    data = Graph().parse(exports["nt"], format="nt")
    closure = Graph().parse(inferred, format="nt")
    assert len(closure) > len(data) * 1.3  # inference did add statements
    assert foreign_types(data, closure, schema) == {}
    assert _jena_shacl(jena, Path(str(onto_path("shapes.ttl"))), inferred) == []


# -- the endpoint ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def endpoint(built_workspace):
    from kg.graph import rdf_store_path
    from kg.rdf.endpoint import make_server

    srv = make_server(rdf_store_path(built_workspace, BASE), port=0, timeout=30)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/sparql"
    srv.shutdown()
    srv.server_close()


def test_rsparql_reads_kg_serve(jena, endpoint, built_workspace):
    from kg.graph import sparql_engine
    from kg.saved_queries import get

    saved = get("documents")
    r = jena.run("arq.rsparql", "--service", endpoint, "--results", "json", saved.texts["sparql"])
    assert r.returncode == 0 and _problems(r.stderr) == [], r.stderr
    cols, ours = _project_rows(sparql_engine(built_workspace, BASE, "oxigraph"), saved)
    data = json.loads(r.stdout)
    assert data["head"]["vars"] == cols and len(ours) == 3
    assert [tuple(plain(b.get(c)) for c in cols) for b in data["results"]["bindings"]] == ours


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/tab-separated-values"])
def test_arq_reads_every_saved_query_from_kg_serve(jena, endpoint, built_workspace, tmp_path, accept):
    from kg.graph import sparql_engine
    from kg.saved_queries import registry

    r = jena.run("Conformance", "remote", endpoint, _spec(tmp_path, accept), tmp_path)
    assert r.returncode == 0 and _problems(r.stderr) == [], r.stderr
    engine = sparql_engine(built_workspace, BASE, "oxigraph")
    for name, saved in registry().items():
        if "sparql" in saved.texts:
            cols, ours = _project_rows(engine, saved)
            _compare(cols, ours, jena_rows(tmp_path / f"{name}.srj", saved, cols), saved)


def test_arq_reads_csv_and_graphs_from_kg_serve(jena, endpoint, tmp_path, dataset):
    # CSV carries lexical forms only: Jena's reading must give the lexical forms of the JSON answer
    for accept, sub in (("text/csv", "csv"), ("application/sparql-results+json", "json")):
        (tmp_path / sub).mkdir()
        r = jena.run("Conformance", "remote", endpoint, _spec(tmp_path / sub, accept, {"targets-by-year"}),
                     tmp_path / sub)
        assert r.returncode == 0 and _problems(r.stderr) == [], r.stderr

    def lexical(path):
        data = json.loads(path.read_text(encoding="utf-8"))
        return sorted(tuple(b.get(v, {}).get("value", "") for v in data["head"]["vars"])
                      for b in data["results"]["bindings"])

    assert lexical(tmp_path / "csv" / "targets-by-year.srj") == lexical(tmp_path / "json" / "targets-by-year.srj")
    construct = tmp_path / "construct.rq"
    construct.write_text("PREFIX plan: <https://plan-kg.org/ontology#> "
                         "CONSTRUCT { ?p a plan:Plan ; plan:title ?t ; plan:startYear ?y } "
                         "WHERE { ?p a plan:Plan ; plan:title ?t . OPTIONAL { ?p plan:startYear ?y } }",
                         encoding="utf-8")
    expected = {t for t in dataset.query(construct.read_text(encoding="utf-8"))}
    for accept in ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"):
        spec = tmp_path / "graph.json"
        spec.write_text(json.dumps([{"name": "graph", "query": str(construct), "bindings": {}, "accept": accept}]))
        r = jena.run("Conformance", "remote", endpoint, spec, tmp_path)
        assert r.returncode == 0 and _problems(r.stderr) == [], (accept, r.stderr)
        assert set(Graph().parse(tmp_path / "graph.nt", format="nt")) == expected, accept
