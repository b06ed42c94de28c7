"""The command line: exact exit codes, one-line errors, the three row formats."""
from __future__ import annotations

import csv
import io
import json

from conftest import SAMPLE_PLAN
from kg.cli import main


def test_extract_json_is_the_contract(runner):
    r = runner.invoke(main, ["extract", str(SAMPLE_PLAN), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    keys = {"document", "sections", "measures", "projects", "places", "organizations", "targets", "removed"}
    assert keys <= set(data)
    assert len(data["measures"]) == 56


def test_extract_rows_in_three_formats(runner):
    table = runner.invoke(main, ["extract", str(SAMPLE_PLAN), "--type", "places"])
    assert table.exit_code == 0 and "璧山" in table.stdout and "500120" in table.stdout
    r = runner.invoke(main, ["extract", str(SAMPLE_PLAN), "--type", "targets", "--format", "json"])
    rows = json.loads(r.stdout)
    assert isinstance(rows, list) and {"indicator", "comparator", "value", "unit", "year"} <= set(rows[0])
    out = runner.invoke(main, ["extract", str(SAMPLE_PLAN), "--type", "projects", "--format", "csv"]).stdout
    reader = csv.DictReader(io.StringIO(out))
    assert reader.fieldnames[:2] == ["name", "kind"] and any(r["name"] == "重庆新机场" for r in reader)


def test_build_then_stats(runner, tmp_path):
    ws = str(tmp_path / "ws")
    r = runner.invoke(main, ["-w", ws, "build", str(SAMPLE_PLAN)])
    assert r.exit_code == 0, r.output
    again = runner.invoke(main, ["-w", ws, "build", str(SAMPLE_PLAN)])
    assert "unchanged" in again.stderr
    stats = json.loads(runner.invoke(main, ["-w", ws, "stats", "--format", "json"]).stdout)
    assert stats == [{"document": "chongqing-twin-city-action-plan-2023-2027",
                      "title": "重庆市推动成渝地区双城经济圈建设行动方案(2023—2027年)", **{
                          k: stats[0][k] for k in ("sections", "measures", "projects", "places", "organizations",
                                                   "targets")}}]
    assert stats[0]["measures"] == 56 and stats[0]["projects"] > 100


def test_workspace_from_the_environment(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_WORKSPACE", str(tmp_path / "env-ws"))
    assert runner.invoke(main, ["build", str(SAMPLE_PLAN)]).exit_code == 0
    assert (tmp_path / "env-ws" / "manifest.json").exists()


def test_user_errors_are_one_line(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    for args in (["extract", str(empty)], ["extract", str(binary)], ["extract", str(tmp_path / "nope.txt")],
                 ["-w", str(tmp_path / "none"), "stats"]):
        r = runner.invoke(main, args)
        assert r.exit_code == 1, (args, r.output)
        assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1, r.stderr
        assert "Traceback" not in r.output


def test_build_reports_failures_and_builds_the_rest(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.txt").write_bytes(SAMPLE_PLAN.read_bytes())
    (docs / "broken.txt").write_bytes(b"")
    r = runner.invoke(main, ["-w", str(tmp_path / "ws"), "build", str(docs), "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = {row["source"].split("/")[-1]: row for row in json.loads(r.stdout)}
    assert rows["broken.txt"]["status"] == "failed" and "empty" in rows["broken.txt"]["error"]
    assert rows["plan.txt"]["status"] == "built"


def test_not_a_plan_gives_a_sensible_empty_result(runner, tmp_path):
    p = tmp_path / "letter.txt"
    p.write_text("亲爱的朋友：\n好久不见，最近天气很好，我们周末去公园散步吧。\n祝好！", encoding="utf-8")
    r = runner.invoke(main, ["extract", str(p), "--json"])
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["measures"] == [] and data["projects"] == [] and data["targets"] == []
    assert any("may not be a plan" in w for w in data["warnings"])


def test_help_for_every_command(runner):
    for cmd in main.commands:
        r = runner.invoke(main, [cmd, "--help"])
        assert r.exit_code == 0 and "Usage:" in r.output, cmd


def test_cli_reference_is_current():
    from pathlib import Path

    from kg.cli.reference import render

    doc = Path(__file__).parent.parent / "docs" / "cli.md"
    assert doc.read_text(encoding="utf-8") == render(), "regenerate: python -m kg.cli.reference > docs/cli.md"


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("kg, version")


def test_help_is_fast_and_imports_nothing_heavy():
    import subprocess
    import sys

    code = "import sys, kg.cli; heavy = {'rdflib','networkx','pyvis','matplotlib','neo4j','pyoxigraph','pyshacl'}; " \
           "print(sorted(heavy & set(sys.modules)))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.strip() == "[]", r.stdout
