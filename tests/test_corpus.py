"""Many plans in one graph: cross-document resolution, curation, incremental updates, diff, corpus JSON."""
from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.graph import load_corpus
from kg.workspace import Workspace

PLAN_A = """甲市推动交通发展行动方案(2024—2026年)
交通是先行官。到2026年,高速公路通车里程超过3000公里。
1.建设交通枢纽。加快建设成渝中线高铁,推进璧山区综合交通枢纽建设。市发展改革委牵头抓总。
2.完善路网。建成快速路100公里,开工建设白市驿隧道。
"""
PLAN_B = """乙市推动交通发展行动方案(2025—2027年)
交通是先行官。到2027年,高速公路通车里程超过3500公里。
1.建设交通枢纽。建成成渝中线,推进璧山综合交通枢纽建设。市发展改革委牵头抓总。
2.完善路网。建成快速路120公里,开工建设宝山大桥。
"""


@pytest.fixture
def two_plans(tmp_path):
    d = tmp_path / "plans"
    d.mkdir()
    (d / "plan-a.txt").write_text(PLAN_A, encoding="utf-8")
    (d / "plan-b.txt").write_text(PLAN_B, encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    report = build([str(d)], ws)
    assert not report.failed
    return d, ws


def test_same_project_and_place_across_documents(two_plans):
    _, ws = two_plans
    corpus = load_corpus(ws)
    hsr = [p for p in corpus.projects.values() if "成渝中线" in p.name]
    assert len(hsr) == 1 and hsr[0].name == "成渝中线高铁" and "成渝中线" in hsr[0].aliases
    assert hsr[0].documents == ["plan-a", "plan-b"]
    bishan = corpus.places["place:500120"]
    assert bishan.documents == ["plan-a", "plan-b"]
    merge = next(m for m in corpus.merges if m["into"] == "成渝中线高铁")
    assert "高铁" in merge["evidence"] and merge["documents"] == ["plan-a", "plan-b"]


def test_relative_organizations_stay_apart(two_plans):
    _, ws = two_plans
    corpus = load_corpus(ws)
    ndrc = [o for o in corpus.organizations.values() if o.name == "市发展改革委"]
    assert len(ndrc) == 2 and {o.id.split(":")[1] for o in ndrc} == {"甲市", "乙市"}


def test_curation_survives_rebuilds(two_plans):
    d, ws = two_plans
    ws.curation_path.write_text("no_merge:\n  - [成渝中线, 成渝中线高铁]\nrename:\n  白市驿隧道: 白市驿隧道工程\n",
                                encoding="utf-8")
    corpus = load_corpus(ws)
    names = {p.name for p in corpus.projects.values()}
    assert {"成渝中线", "成渝中线高铁", "白市驿隧道工程"} <= names
    build([str(d)], ws, force=True)
    corpus = load_corpus(ws)
    assert {"成渝中线", "成渝中线高铁", "白市驿隧道工程"} <= {p.name for p in corpus.projects.values()}
    ws.curation_path.write_text("merge:\n  - [白市驿隧道, 宝山大桥]\n", encoding="utf-8")
    corpus = load_corpus(ws)
    merged = [p for p in corpus.projects.values()
              if "宝山大桥" in [p.name, *p.aliases] and "白市驿隧道" in [p.name, *p.aliases]]
    assert len(merged) == 1
    assert any(m["evidence"] == "curation.yaml merge" for m in corpus.merges)


def test_bad_curation_file_is_a_clear_error(two_plans, runner):
    from kg.cli import main

    _, ws = two_plans
    ws.curation_path.write_text("merge: [unclosed", encoding="utf-8")
    r = runner.invoke(main, ["-w", str(ws.path), "merges"])
    assert r.exit_code == 1 and "not valid YAML" in r.stderr


def test_incremental_rebuild_touches_only_the_changed_document(two_plans):
    from kg.sync import open_store, sync_rdf_store

    d, ws = two_plans
    base = "https://plan-kg.org/id/"
    sync_rdf_store(ws, load_corpus(ws), base)
    (d / "plan-b.txt").write_text(PLAN_B.replace("建成快速路120公里", "建成快速路150公里"), encoding="utf-8")
    report = build([str(d)], ws)
    assert [r.status for r in report.results] == ["unchanged", "built"]
    sync = sync_rdf_store(ws, load_corpus(ws), base)
    assert sync.rewritten == ["plan-b"] and sync.unchanged >= 3
    # the incrementally updated store holds exactly what a full rebuild holds
    incremental = {str(q) for q in open_store(ws, read_only=True).quads_for_pattern(None, None, None, None)}
    full = sync_rdf_store(ws, load_corpus(ws), base, force=True)
    assert len(full.rewritten) == 4
    assert {str(q) for q in open_store(ws, read_only=True).quads_for_pattern(None, None, None, None)} == incremental


def test_store_answers_like_rdflib(two_plans):
    from kg.graph import sparql_engine
    from kg.rdf.sparql import run_saved
    from kg.saved_queries import registry

    _, ws = two_plans
    base = "https://plan-kg.org/id/"
    a, b = sparql_engine(ws, base, "rdflib"), sparql_engine(ws, base, "oxigraph")
    for q in registry().values():
        ra, rb = run_saved(a, q, {}), run_saved(b, q, {})
        assert sorted(map(json.dumps, ra[1])) == sorted(map(json.dumps, rb[1])), q.name


def test_corpus_json_export(two_plans, tmp_path, runner):
    from kg.cli import main

    _, ws = two_plans
    out = tmp_path / "corpus.json"
    r = runner.invoke(main, ["-w", str(ws.path), "export", "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ["plan-a", "plan-b"]
    for kind in ("projects", "places", "organizations", "targets"):
        for e in data[kind]:
            assert all(m["document"] in ("plan-a", "plan-b") for m in e["mentions"])
    assert data["merges"]


def test_diff(two_plans, runner):
    from kg.cli import main

    _, ws = two_plans
    r = runner.invoke(main, ["-w", str(ws.path), "diff", "plan-a", "plan-b", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    changes = {(x["change"], x["item"]) for x in rows}
    assert ("project added", "宝山大桥") in changes and ("project dropped", "白市驿隧道") in changes
    assert any(x["change"] == "target changed" and x["item"] == "高速公路通车里程" and "3500" in x["new"]
               and "2026" in x["old"] for x in rows)
    assert any(x["change"] == "target changed" and "120" in x["new"] for x in rows)


def test_one_failed_document_does_not_stop_the_build(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "good.txt").write_text(PLAN_A, encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    ws = Workspace(tmp_path / "ws")
    report = build([str(d)], ws)
    assert [r.status for r in sorted(report.results, key=lambda r: r.source)] == ["failed", "built"]
    assert ws.document_ids() == ["good"]


def test_an_organization_leads_measures_per_document(tmp_path):
    """One organization across two plans leads measure 1 of one and measure 2 of the other, nothing else."""
    from kg.graph import load_dataset
    from kg.rdf.sparql import RdflibEngine

    d = tmp_path / "plans"
    d.mkdir()
    (d / "a.txt").write_text("甲方案(2024—2026年)\n1.建设枢纽。推进成渝中线高铁建设。重庆市发展改革委牵头。\n"
                             "2.完善路网。开工建设白市驿隧道。重庆市交通局牵头。\n", encoding="utf-8")
    (d / "b.txt").write_text("乙方案(2024—2026年)\n1.建设枢纽。推进重庆新机场建设。重庆市交通局牵头。\n"
                             "2.完善路网。开工建设宝山大桥。重庆市发展改革委牵头。\n", encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    assert not build([str(d)], ws).failed
    corpus = load_corpus(ws)
    ndrc = next(o for o in corpus.organizations.values() if o.name == "重庆市发展改革委")
    file_of = {ex.document.id: ex.document.source for ex in corpus.documents}
    assert sorted((file_of[d], n) for d, n in ndrc.led_measures()) == [("a.txt", 1), ("b.txt", 2)]
    _, rows = RdflibEngine(load_dataset(ws, "https://plan-kg.org/id/")).select(
        "PREFIX plan: <https://plan-kg.org/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?m WHERE { ?o skos:prefLabel ?n ; plan:responsibleFor ?m . FILTER (STR(?n) = '重庆市发展改革委') }")
    led = sorted((file_of[m.split("/plan/")[1].split("/")[0]], m.rsplit("/", 1)[1]) for m in (r["m"] for r in rows))
    assert led == [("a.txt", "1"), ("b.txt", "2")]


def test_a_store_written_by_other_code_is_rewritten(two_plans, monkeypatch):
    """The RDF store and the Neo4j load records remember the projection code that wrote them."""
    import kg.sync as sync

    _, ws = two_plans
    corpus = load_corpus(ws)
    sync.sync_rdf_store(ws, corpus, "https://plan-kg.org/id/")
    assert sync.store_is_current(ws, corpus, "https://plan-kg.org/id/")
    monkeypatch.setattr(sync, "projection_version", lambda target="rdf": "another-version")
    assert not sync.store_is_current(ws, corpus, "https://plan-kg.org/id/")
    report = sync.sync_rdf_store(ws, corpus, "https://plan-kg.org/id/")
    assert sorted(report.rewritten) == sorted(ex.document.id for ex in corpus.documents)
    assert sync.store_is_current(ws, corpus, "https://plan-kg.org/id/")


def test_auto_store_is_the_persistent_store_and_rdflib_without_pyoxigraph(two_plans, monkeypatch):
    import sys

    import kg.graph as graph
    from kg.rdf.sparql import OxigraphEngine, RdflibEngine

    _, ws = two_plans
    engine = graph.sparql_engine(ws, "https://plan-kg.org/id/")
    assert isinstance(engine, OxigraphEngine)
    _, rows = engine.select("PREFIX plan: <https://plan-kg.org/ontology#> SELECT ?d WHERE { ?d a plan:Plan }")
    assert len(rows) == 2
    monkeypatch.setitem(sys.modules, "pyoxigraph", None)  # as if not installed: the import fails
    assert isinstance(graph.sparql_engine(ws, "https://plan-kg.org/id/"), RdflibEngine)


def test_a_current_store_is_used_without_loading_the_corpus(two_plans, monkeypatch):
    """The warm path of `kg query`: the store's stamp matches the workspace, so no corpus is built."""
    import kg.graph as graph
    from kg import sync

    _, ws = two_plans
    base = "https://plan-kg.org/id/"
    graph.rdf_store_path(ws, base)  # brought up to date (and stamped)
    assert sync.store_is_fresh(ws, base)
    monkeypatch.setattr(graph, "load_corpus", lambda ws: (_ for _ in ()).throw(AssertionError("corpus loaded")))
    assert graph.rdf_store_path(ws, base) == sync.store_path(ws)
    # a changed curation file is a changed workspace: the quick check fails and the store is synced again
    before = ws.curation_path.read_text(encoding="utf-8") if ws.curation_path.exists() else None
    ws.curation_path.write_text((before or "") + "\n# reviewed\n", encoding="utf-8")
    assert not sync.store_is_fresh(ws, base)
    monkeypatch.undo()
    graph.rdf_store_path(ws, base)
    assert sync.store_is_fresh(ws, base)
    if before is None:
        ws.curation_path.unlink()
    else:
        ws.curation_path.write_text(before, encoding="utf-8")


def test_documents_from_another_extractor_version_are_extracted_again(two_plans):
    """An upgrade of plan-kg reaches old workspaces: a document extracted by other code is not 'unchanged'."""
    d, ws = two_plans
    manifest = ws.manifest()
    manifest["documents"]["plan-a"]["extractor"] = "an-older-version"
    ws.write_manifest(manifest)
    report = build([str(d)], ws)
    assert sorted(r.status for r in report.results) == ["built", "unchanged"]
    assert [r.document for r in report.results if r.status == "built"] == ["plan-a"]
