"""Exports can be shared: they record each source as a file name and a content hash, never a local path.

The path stays in the workspace manifest only (so ``kg build`` can tell two
files of the same name apart).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import Graph, Literal, Namespace

from conftest import SAMPLES

PLAN = Namespace("https://plan-kg.org/ontology#")
BASE = "https://plan-kg.org/id/"


def test_no_export_contains_a_local_path(tmp_path):
    from kg.build import build
    from kg.exports import exporters
    from kg.graph import load_corpus
    from kg.workspace import Workspace

    plans = tmp_path / "home" / "analyst" / "plans"  # a path that would give the analyst away
    shutil.copytree(SAMPLES, plans)
    ws = Workspace(tmp_path / "home" / "analyst" / "ws")
    assert not build([str(plans)], ws).failed
    corpus = load_corpus(ws)
    secrets = {str(plans.resolve()), str(ws.path.resolve()), str(SAMPLES.resolve()), str(tmp_path.resolve())}

    out = tmp_path / "exports"
    written = []
    for name, exporter in exporters().items():
        target = out / name if exporter.directory else out / f"plan.{name}"
        exporter.write(corpus, target, BASE)
        written += [p for p in ([target] if target.is_file() else sorted(target.rglob("*"))) if p.is_file()]
    assert len(written) >= len(exporters())
    for path in written:
        text = path.read_text(encoding="utf-8")
        leaks = [s for s in secrets if s in text or json.dumps(s)[1:-1] in text]
        assert leaks == [], f"{path.name} contains {leaks}"

    # what the exports record instead: the file name and the content hash
    g = Graph().parse(out / "plan.ttl", format="turtle")
    recorded = {(str(g.value(plan, PLAN.sourceFile)), str(g.value(plan, PLAN.sha256)))
                for plan in g.subjects(PLAN.sourceFile, None)}
    assert recorded == {(p.name, ex.document.sha256) for ex in corpus.documents
                        for p in plans.iterdir() if p.name == ex.document.source}
    assert {name for name, _ in recorded} == {p.name for p in plans.iterdir()}
    assert (None, PLAN.sourceFile, Literal(str(plans / "x"))) not in g
    # the manifest keeps the path, for rebuilds
    manifest = ws.manifest()["documents"]
    assert {Path(d["source"]).parent for d in manifest.values()} == {plans.resolve()}


def test_an_absolute_source_is_read_back_as_its_file_name():
    """Documents saved with an absolute source (by older plan-kg, or `kg extract PATH`) carry its name only."""
    from kg.model import Document, source_name

    assert source_name("/home/analyst/plans/plan.txt") == "plan.txt"
    assert source_name("C:\\Users\\analyst\\plan.docx") == "plan.docx"
    assert Document(id="d", title="t", text="", source="/home/analyst/plans/plan.txt").source == "plan.txt"
