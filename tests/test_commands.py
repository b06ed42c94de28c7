"""What users run, with its real output on the sample: the analytics commands, kg demo, view defaults.

Every row that names a document carries a sentence, and that sentence is in the document's text.
"""
from __future__ import annotations

import json

import pytest

from kg.cli import main

PLAN = "chongqing-twin-city-action-plan-2023-2027"
REPORT = "sichuan-2026-government-work-report"


@pytest.fixture(scope="module")
def ws(built_workspace):
    return str(built_workspace.path)


@pytest.fixture(scope="module")
def texts(built_workspace):
    from kg.graph import load_corpus

    return {ex.document.id: ex.document.text for ex in load_corpus(built_workspace).documents}


def _json(runner, *args):
    r = runner.invoke(main, [*args, "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _sourced(rows, texts):
    """Rows that name a document quote a sentence of it."""
    for row in rows:
        if row.get("document"):
            assert row["sentence"] and row["sentence"] in texts[row["document"]], row


def test_shared_projects(runner, ws, texts):
    rows = _json(runner, "-w", ws, "shared-projects", "--place", "璧山", "--indirect", "--limit", "3")
    assert {k: rows[0][k] for k in ("places", "size", "shared", "projects", "tie", "via", "why")} == \
        {"places": ["璧山", "铜梁"], "size": 2, "shared": 1, "projects": ["璧铜线"], "tie": "direct", "via": [],
         "why": "璧铜线 is located in both places (measure 6)"}
    assert rows[0]["evidence"][0]["project"] == "璧铜线" and rows[0]["evidence"][0]["measure"] == 6
    assert "建成璧铜线" in rows[0]["evidence"][0]["sentence"]
    assert all("璧山" in r["places"] for r in rows)
    _sourced([e for r in rows for e in r["evidence"]], texts)
    # the whole list: ranked by tie, then by how many projects are shared
    everything = _json(runner, "-w", ws, "shared-projects", "--limit", "0")
    keys = [(r["tie"] != "direct", -r["shared"], -r["size"]) for r in everything]
    assert keys == sorted(keys) and everything[0]["shared"] >= 5
    assert any(set(r["places"]) == {"成都", "重庆"} and "成渝中线高铁" in r["projects"] for r in everything)
    table = runner.invoke(main, ["-w", ws, "shared-projects", "--place", "璧山", "--limit", "1"]).stdout.splitlines()
    assert table[0].split() == ["places", "shared", "projects", "why"]
    assert table[2].split()[:3] == ["璧山、铜梁", "1", "璧铜线"]


def test_place_profile(runner, ws, texts):
    rows = _json(runner, "-w", ws, "place", "Bishan")
    assert rows[0] == {"aspect": "place", "item": "璧山", "detail": "code 500120; district; Bishan District; in 重庆",
                       "document": "", "measure": None, "sentence": ""}
    assert {r["item"] for r in rows if r["aspect"] == "region"} >= {"主城新区", "主城都市区", "渝西"}
    project = next(r for r in rows if r["aspect"] == "project")
    assert (project["item"], project["document"], project["measure"]) == ("璧铜线", PLAN, 6)
    assert project["detail"].startswith("urban_rail; ") and project["detail"].endswith("; direct")
    assert {r["measure"] for r in rows if r["aspect"] == "measure"} >= {3, 6}
    assert any(r["aspect"] == "project (indirect)" for r in rows)
    _sourced(rows, texts)
    assert _json(runner, "-w", ws, "place", "500120") == rows  # the code names the same place


def test_project_profile(runner, ws, texts):
    rows = _json(runner, "-w", ws, "project", "成渝中线高铁")
    assert rows[0]["aspect"] == "project" and rows[0]["item"] == "成渝中线高铁"
    assert {r["item"] for r in rows if r["aspect"] == "place"} == {"成都", "重庆"}
    mentions = [r for r in rows if r["aspect"] == "mention"]
    assert mentions and {r["document"] for r in mentions} == {PLAN, REPORT}
    _sourced(rows, texts)
    r = runner.invoke(main, ["-w", ws, "project", "没有这个项目"])
    assert r.exit_code == 1 and r.stderr == "Error: no project called '没有这个项目' in the workspace\n"


def test_hubs(runner, ws, built_workspace):
    from kg import projection
    from kg.graph import load_corpus

    rows = _json(runner, "-w", ws, "hubs", "--limit", "3")
    assert [(r["entity"], r["type"]) for r in rows] == [("重庆", "Place"), ("四川", "Place"), ("成都", "Place")]
    assert rows[0]["betweenness"] > rows[1]["betweenness"] > rows[2]["betweenness"] > 0
    # a place's links are the projects located in it
    graph = projection.project(load_corpus(built_workspace))
    names = {n.props["name"]: n.id for n in graph.of_kind("Place")}
    assert [r["links"] for r in rows] == [len(graph.incoming(names[r["entity"]], "LOCATED_IN")) for r in rows]
    railways = _json(runner, "-w", ws, "hubs", "--kind", "railway", "--limit", "50")
    assert railways and all(r["kind"] == "railway" for r in railways if r["type"] == "Project")


def test_clusters(runner, ws):
    rows = _json(runner, "-w", ws, "clusters")
    assert [r["cluster"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["size"] for r in rows] == sorted((r["size"] for r in rows), reverse=True)
    bishan = next(r for r in rows if "璧山" in r["places"])
    assert "铜梁" in bishan["places"] and "璧铜线" in bishan["projects"]
    assert all(r["shared_projects"] == len(r["projects"]) for r in rows)


def test_path_with_its_sentences(runner, ws, texts):
    rows = _json(runner, "-w", ws, "path", "璧山", "铜梁")
    assert [(r["step"], r["from"], r["relation"], r["to"], r["measure"]) for r in rows] == [
        (1, "璧山", "located in", "璧铜线", 6), (2, "璧铜线", "located in", "铜梁", 6)]
    assert all("璧铜线" in r["sentence"] for r in rows)
    _sourced(rows, texts)
    rows = _json(runner, "-w", ws, "path", "重庆新机场", "成渝中线高铁")
    assert rows[0]["from"] == "重庆新机场" and rows[-1]["to"] == "成渝中线高铁"
    assert all(r["sentence"] for r in rows)
    _sourced(rows, texts)
    r = runner.invoke(main, ["-w", ws, "path", "璧山", "火星"])
    assert r.exit_code == 1 and r.stderr == "Error: no entity called '火星' in the workspace\n"


def test_demo(runner, tmp_path, monkeypatch):
    """`kg demo` as the README's first command: the answers it prints and the files it writes, readable."""
    from rdflib import Graph

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_WORKSPACE", raising=False)
    r = runner.invoke(main, ["demo"])
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "== What the plan contains" in out and "measures       56" in out
    assert "== Saved query projects-in-place --param place=璧山 (SPARQL)" in out
    assert ["璧铜线", "urban_rail", "direct"] in [line.split() for line in out.splitlines()]
    assert "== Top shared projects (places that share them)" in out
    assert out.rstrip().endswith("next: kg -w kg-demo/workspace queries")
    demo = tmp_path / "kg-demo"
    assert len(json.loads((demo / "plan.json").read_text(encoding="utf-8"))["measures"]) == 56
    assert len(Graph().parse(demo / "plan.ttl", format="turtle")) > 10000
    for view in ("overview", "districts-projects"):
        page = (demo / f"{view}.html").read_text(encoding="utf-8")
        assert "璧山" in page and "https://" not in page.split("<script>")[0]
    files = out[out.index("== Files"):].splitlines()[3:]
    assert [line.split()[-1] for line in files if line.strip()][:2] == ["kg-demo/plan.json", "kg-demo/plan.ttl"]


SMALL_PLAN = """乙市推动交通发展行动方案(2025—2027年)
交通是先行官。到2027年,高速公路通车里程超过3500公里。
1.建设交通枢纽。建成成渝中线高铁,推进璧山综合交通枢纽建设。市发展改革委牵头抓总。
2.完善路网。建成快速路120公里,开工建设宝山大桥,建成璧铜线。
"""


def test_view_defaults_fit_any_workspace(tmp_path, runner):
    """No default names the sample: every view renders with its defaults on a workspace without it."""
    from kg.build import build as build_docs
    from kg.graph import load_corpus
    from kg.views import build, views
    from kg.workspace import Workspace

    plan = tmp_path / "other-plan.txt"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    assert not build_docs([str(plan)], ws).failed
    corpus = load_corpus(ws)
    for name, view in views().items():
        assert all(PLAN not in p.default and "璧山" not in p.default for p in view.params), name
        assert build(corpus, name).nodes, name
    measure = build(corpus, "measure")
    assert measure.title == "任务 Measure 1: 建设交通枢纽"
    assert {n["label"] for n in measure.nodes} >= {"成渝中线高铁", "璧山"}
    assert build(corpus, "place").nodes[0]["label"] in {"璧山", "成都", "重庆"}
    for name in ("measure", "place"):
        r = runner.invoke(main, ["-w", str(ws.path), "view", name, "-o", str(tmp_path / f"{name}.html")])
        assert r.exit_code == 0, r.output
        assert (tmp_path / f"{name}.html").stat().st_size > 10000


def test_neo4j_import_needs_an_export(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    r = runner.invoke(main, ["neo4j", "import", str(tmp_path / "empty"), "--home", str(tmp_path / "home")])
    assert r.exit_code == 1
    assert r.stderr == (f"Error: {tmp_path / 'empty'} holds no nodes_*.csv: write it with "
                        "'kg export --format neo4j-csv'\n")
