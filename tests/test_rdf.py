"""The RDF projection: ontology, determinism, SHACL, exports."""
from __future__ import annotations

import json

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, SKOS

from kg.corpus import Corpus
from kg.graph import load_dataset
from kg.rdf.build import build_dataset
from kg.rdf.namespace import PLAN

BASE = "https://plan-kg.org/id/"


def test_namespace_module_is_generated_from_the_ontology():
    from pathlib import Path

    from kg.rdf.vocab import render_namespace

    generated = Path(__file__).parent.parent / "kg" / "rdf" / "namespace.py"
    assert generated.read_text(encoding="utf-8") == render_namespace(), "run: python -m kg.rdf.vocab"


def test_ontology_terms_have_chinese_and_english_labels():
    from kg.ontology import path

    g = Graph().parse(path("plan.ttl"))
    terms = set(g.subjects(RDF.type, OWL.Class)) | set(g.subjects(RDF.type, OWL.ObjectProperty)) | \
        set(g.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(terms) > 50
    for t in terms:
        langs = {lbl.language for lbl in g.objects(t, RDFS.label)}
        assert {"zh", "en"} <= langs, t
    # our classes are aligned to standard vocabularies
    for cls in (PLAN.Plan, PLAN.Project, PLAN.Place, PLAN.Organization, PLAN.Target, PLAN.Mention):
        assert any(not str(sup).startswith(str(PLAN)) for sup in g.objects(cls, RDFS.subClassOf)), cls


def test_one_named_graph_per_document(built_workspace):
    ds = load_dataset(built_workspace, BASE)
    graphs = {str(g.identifier) for g in ds.graphs()}
    for doc in built_workspace.document_ids():
        assert BASE + "graph/" + doc in graphs
    assert BASE + "graph/gazetteer" in graphs and BASE + "graph/ontology" in graphs


def test_readable_stable_iris(built_workspace):
    ds = load_dataset(built_workspace, BASE)
    bishan = URIRef(BASE + "place/500120")
    assert (bishan, SKOS.prefLabel, Literal("璧山", lang="zh")) in ds
    assert (bishan, PLAN.memberOf, URIRef(BASE + "place/chongqing-new-urban-districts")) in ds
    m7 = URIRef(BASE + "plan/chongqing-twin-city-action-plan-2023-2027/measure/7")
    assert (m7, PLAN.title, Literal("构建多元现代的能源保障体系", lang="zh")) in ds
    airport = URIRef(BASE + "project/重庆新机场")
    assert (airport, RDF.type, PLAN.Project) in ds


def test_rebuild_is_byte_identical(built_workspace, tmp_path, runner):
    from kg.cli import main

    outs = []
    for i in range(2):
        from kg import graph as kg_graph

        kg_graph._corpus.cache_clear()
        kg_graph._dataset.cache_clear()
        out = tmp_path / f"g{i}.nt"
        r = runner.invoke(main, ["-w", str(built_workspace.path), "export", "--format", "nt", "-o", str(out)])
        assert r.exit_code == 0, r.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    lines = outs[0].decode().splitlines()
    assert lines == sorted(lines) and len(lines) > 10000


def test_rebuilding_from_the_model_gives_an_isomorphic_graph(built_workspace):
    corpus = Corpus.build(built_workspace.extractions())
    a, b = build_dataset(corpus, BASE), build_dataset(Corpus.build(built_workspace.extractions()), BASE)
    for ga in a.graphs():
        assert isomorphic(ga, b.graph(ga.identifier))


def test_every_fact_has_its_sentence(built_workspace):
    ds = load_dataset(built_workspace, BASE)
    q = """PREFIX plan: <https://plan-kg.org/ontology#>
           SELECT (COUNT(?m) AS ?n)
           WHERE { ?m a plan:Mention . FILTER NOT EXISTS { ?m plan:inSentence/plan:text ?t } }"""
    assert int(list(ds.query(q))[0][0]) == 0


@pytest.mark.parametrize("fmt, reader", [("ttl", "turtle"), ("nt", "nt"), ("xml", "xml"), ("nq", "nquads"),
                                         ("trig", "trig"), ("jsonld", "json-ld")])
def test_rdf_exports_read_back(built_workspace, tmp_path, runner, fmt, reader):
    from kg.cli import main

    out = tmp_path / f"graph.{fmt}"
    r = runner.invoke(main, ["-w", str(built_workspace.path), "export", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    ds = load_dataset(built_workspace, BASE)
    merged = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    if fmt in ("nq", "trig", "jsonld"):
        back = Dataset()
        back.parse(out, format=reader)
        assert len({g.identifier for g in back.graphs()} & {g.identifier for g in ds.graphs()}) >= 5
        assert {(s, p, o) for s, p, o, _ in back.quads((None, None, None, None))} == merged
    else:
        back = Graph().parse(out, format=reader)
        assert len(back) == len(merged)
    if fmt == "jsonld":
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert doc["@context"]["plan"] == "https://plan-kg.org/ontology#" and "locatedIn" in doc["@context"]


# -- SHACL ---------------------------------------------------------------------------------

def test_the_sample_graph_conforms(built_workspace, runner):
    from kg.cli import main

    r = runner.invoke(main, ["-w", str(built_workspace.path), "validate"])
    assert r.exit_code == 0, r.output
    assert "conforms" in r.stdout


@pytest.fixture(scope="module")
def small_graph():
    from conftest import SAMPLE_PLAN
    from kg.extract import extract_file

    ds = build_dataset(Corpus.build([extract_file(str(SAMPLE_PLAN))]), BASE)
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _messages(g):
    from kg.rdf.validate import validate

    return [v.message for v in validate(g)]


def test_shapes_catch_a_target_without_a_value(small_graph):
    g = Graph() + small_graph
    target = next(g.subjects(RDF.type, PLAN.Target))
    g.remove((target, PLAN.value, None))
    assert "a target needs exactly one numeric value" in _messages(g)


def test_shapes_catch_a_measure_without_a_plan(small_graph):
    g = Graph() + small_graph
    measure = next(g.subjects(RDF.type, PLAN.Measure))
    g.remove((measure, PLAN.inPlan, None))
    assert "a measure must belong to exactly one plan" in _messages(g)


def test_shapes_catch_a_place_without_its_code(small_graph):
    g = Graph() + small_graph
    bishan = URIRef(BASE + "place/500120")
    g.remove((bishan, PLAN.adminCode, None))
    g.remove((bishan, RDF.type, PLAN.AdministrativeDivision))
    msgs = _messages(g)
    assert any("needs its administrative code" in m for m in msgs)


def test_shapes_catch_a_mention_ending_before_it_starts(small_graph):
    from rdflib import XSD

    g = Graph() + small_graph
    mention = next(g.subjects(RDF.type, PLAN.Mention))
    g.remove((mention, PLAN.end, None))
    g.add((mention, PLAN.end, Literal(0, datatype=XSD.nonNegativeInteger)))
    assert _messages(g) == ["a mention's end offset must come after its start"]


def test_shapes_catch_a_project_no_mention_backs(small_graph):
    from kg.rdf.validate import validate

    g = Graph() + small_graph
    project = next(g.subjects(RDF.type, PLAN.Project))
    for mention in list(g.subjects(PLAN.mentionOf, project)):
        g.remove((mention, RDF.type, PLAN.Mention))  # no longer a mention: nothing backs the project
        g.remove((mention, PLAN.mentionOf, project))
    found = [(v.focus, v.path, v.message) for v in validate(g)]
    assert found == [(str(project), "^plan:mentionOf", "every project must be backed by at least one mention")]


def test_validate_exits_non_zero_on_violations(tmp_path, runner, monkeypatch):
    from conftest import SAMPLE_PLAN
    from kg.cli import main
    from kg.rdf import validate as validate_mod

    ws = str(tmp_path / "ws")
    assert runner.invoke(main, ["-w", ws, "build", str(SAMPLE_PLAN)]).exit_code == 0
    original = validate_mod.corpus_graph

    def broken(corpus, base):  # the real graph, with a defect injected
        g = original(corpus, base)
        g.remove((next(g.subjects(RDF.type, PLAN.Target)), PLAN.value, None))
        return g

    monkeypatch.setattr(validate_mod, "corpus_graph", broken)
    r = runner.invoke(main, ["-w", ws, "validate", "--format", "json"])
    assert r.exit_code == 1
    rows = json.loads(r.stdout)
    assert rows and rows[0]["message"] == "a target needs exactly one numeric value"
    assert r.stderr == "Error: 1 SHACL violation(s)\n"  # no progress lines: stderr is not a terminal


def test_validate_shows_its_steps_on_a_terminal_only(built_workspace):
    """`kg validate` says what it is doing on a terminal (a live line), nothing in a pipe or under --quiet."""
    from test_progress import run_in_pipe, run_on_terminal

    ws = str(built_workspace.path)
    status, out, terminal = run_on_terminal(["-w", ws, "validate"])
    assert status == 0 and out == "the graph conforms to the plan-kg shapes\n"
    assert "validating" in terminal and "building the RDF graph of 3 document(s)" in terminal
    assert " triples against 12 shapes" in terminal and "\r" in terminal
    status, out, terminal = run_on_terminal(["-q", "-w", ws, "validate"])
    assert status == 0 and terminal == ""
    r = run_in_pipe(["-w", ws, "validate"])
    assert r.returncode == 0 and r.stderr == ""


def test_jsonld_gives_a_plain_graph_reader_every_triple(built_workspace, tmp_path, runner):
    """rdflib.Graph().parse() reads the default graph only: the export puts the merge there."""
    from kg.cli import main

    out = tmp_path / "graph.jsonld"
    r = runner.invoke(main, ["-w", str(built_workspace.path), "export", "--format", "jsonld", "-o", str(out)])
    assert r.exit_code == 0, r.output
    merged = {(s, p, o) for s, p, o, _ in load_dataset(built_workspace, BASE).quads((None, None, None, None))}
    plain = Graph().parse(out, format="json-ld")
    assert set(plain) == merged
    assert f"{len(merged):,} triples" in r.stderr


def test_neo4j_csv_reports_nodes_and_relationships_not_files(built_workspace, tmp_path, runner):
    import csv

    from kg.cli import main

    out = tmp_path / "csv"
    r = runner.invoke(main, ["-w", str(built_workspace.path), "export", "--format", "neo4j-csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    nodes = sum(sum(1 for _ in csv.reader(f.open(encoding="utf-8"))) - 1 for f in out.glob("nodes_*.csv"))
    rels = sum(sum(1 for _ in csv.reader(f.open(encoding="utf-8"))) - 1 for f in out.glob("relationships_*.csv"))
    files = len(list(out.iterdir()))
    assert nodes > 100 and rels > 100
    assert f"{nodes:,} nodes, {rels:,} relationships, {files:,} files" in r.stderr
