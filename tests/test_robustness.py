"""Hostile input and failing parts: a clear error or a sensible result, never a traceback, nothing lost."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_PLAN
from kg.errors import KGError

PLAN = SAMPLE_PLAN.read_text(encoding="utf-8")


def _kg(*args, env=None, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=timeout)


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""),
    ("blank.txt", b"\n\n   \n"),
    ("binary.txt", bytes(range(256)) * 64),
    ("pdf-as-text.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"),
    ("image.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(500)),
    ("latin1.txt", "Ã©tÃ© Â£ ".encode("latin-1") * 50 + bytes([0x81, 0x30, 0x81]) * 3),
    ("zip.docx", b"PK\x03\x04" + bytes(100)),
])
def test_bad_files_give_one_clear_line(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    r = _kg("extract", str(p), "--json")
    assert r.returncode == 1, r.stdout[:200]
    assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_gbk_without_declaration_and_truncated_utf8(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(PLAN.encode("gb18030"))
    r = _kg("extract", str(gbk), "--json")
    assert r.returncode == 0 and len(json.loads(r.stdout)["measures"]) == 56
    cut = tmp_path / "cut.txt"
    cut.write_bytes(PLAN.encode("utf-8")[:-1])
    r = _kg("extract", str(cut), "--json")
    assert r.returncode == 0 and "middle of a UTF-8 character" in r.stderr


def test_a_huge_file_is_refused_quickly_under_the_configurable_limit(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    t0 = time.perf_counter()
    r = _kg("extract", str(big))
    assert r.returncode == 1 and "100.0 MB is over the 16.0 MB limit" in r.stderr
    assert time.perf_counter() - t0 < 20
    small = tmp_path / "small.txt"
    small.write_text(PLAN, encoding="utf-8")
    r = _kg("extract", str(small), "--max-bytes", "1000")
    assert r.returncode == 1 and "limit" in r.stderr


def test_a_document_without_measures(tmp_path):
    p = tmp_path / "prose.txt"
    p.write_text("某市关于加强城市管理的意见\n城市管理是城市发展的重要保障。要加快建设智慧城管平台,推进老旧小区改造。\n",
                 encoding="utf-8")
    r = _kg("extract", str(p), "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["measures"] == []


HOSTILE_NAMES = ["“a\\\"b'c”工程", "“<script>alert(1)</script>”计划", "“MATCH (n) DETACH DELETE n”行动",
                 "“} ; DROP ALL ; {”工程", "“\u0007控制\u0008字符”平台", "“😀表情🚄”高铁"]


def test_hostile_names_survive_every_projection(tmp_path, runner):
    from rdflib import Graph

    from kg.cli import main

    text = "某市行动方案(2024—2026年)\n交通是先行官。到2026年,高速公路通车里程超过3000公里。\n" + "".join(
        f"{i}.建设项目{i}。实施{name},推进重庆新机场建设。\n" for i, name in enumerate(HOSTILE_NAMES, start=1))
    p = tmp_path / "hostile.txt"
    p.write_text(text, encoding="utf-8")
    ws = str(tmp_path / "ws")
    r = runner.invoke(main, ["-w", ws, "build", str(p)])
    assert r.exit_code == 0, r.output
    data = json.loads(runner.invoke(main, ["extract", str(p), "--json"]).stdout)
    names = " ".join(x["name"] for x in data["projects"])
    assert "script" in names and "MATCH" in names and "😀" in names
    for fmt, parser in (("nt", "nt"), ("ttl", "turtle"), ("xml", "xml")):
        out = tmp_path / f"h.{fmt}"
        assert runner.invoke(main, ["-w", ws, "export", "--format", fmt, "-o", str(out)]).exit_code == 0
        g = Graph().parse(out, format=parser)
        assert any("script" in str(o) for o in g.objects())
    r = runner.invoke(main, ["-w", ws, "query", "source-sentences", "-p", "entity=“<script>alert(1)</script>”计划",
                             "--format", "json"])
    assert r.exit_code == 0
    for name, args in (("overview", ["--lang", "zh"]), ("measure", ["-p", "document=hostile", "-p", "measure=2"])):
        r = runner.invoke(main, ["-w", ws, "view", name, *args, "-o", str(tmp_path / f"{name}.html")])
        assert r.exit_code == 0, r.output
        page = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in page


# -- property tests: the loader and extractor on random and mutated plans ---------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=2000))
def test_random_text_never_crashes(text):
    from kg.extract import extract
    from kg.loaders import RawDocument

    raw = RawDocument(source="random.txt", text=text, format="text", encoding="utf-8", sha256="0" * 64, size=len(text))
    try:
        ex = extract(raw)
    except KGError:
        return
    d = ex.to_dict()
    for kind in ("projects", "places", "organizations", "targets"):
        for e in d[kind]:
            for m in e["mentions"]:
                assert d["document"]["text"][m["start"]:m["end"]] == m["text"]


MEASURES = [line for line in PLAN.splitlines() if line[:3].rstrip(".").isdigit()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(MEASURES) - 1), st.text(min_size=1, max_size=300),
       st.sampled_from(["replace", "insert", "truncate"]))
def test_mutating_one_measure_keeps_the_others(index, junk, how):
    """Damage one measure; the projects of every other measure are still found."""
    from kg.extract import extract
    from kg.loaders import RawDocument

    def projects_by_measure(text):
        raw = RawDocument(source="m.txt", text=text, format="text", encoding="utf-8", sha256="0" * 64, size=len(text))
        ex = extract(raw)
        out: dict[str, set] = {}
        for p in ex.projects:
            for m in p.mentions:
                out.setdefault(m.sentence, set()).add(p.name)
        return out

    base = projects_by_measure(PLAN)
    target = MEASURES[index]
    junk = junk.replace("\n", " ")
    mutated = {"replace": junk, "insert": target[: len(target) // 2] + junk + target[len(target) // 2:],
               "truncate": target[: len(target) // 3]}[how]
    text = PLAN.replace(target, mutated, 1)
    after = projects_by_measure(text)
    for sentence, names in base.items():
        if sentence in target or sentence not in text:
            continue
        assert names <= after.get(sentence, set()) | names, sentence  # same sentence, same projects
        assert after.get(sentence) == names, (sentence, names, after.get(sentence))


# -- the workspace: atomic writes, a killed build, concurrent builds --------------------------------

def test_a_killed_build_leaves_the_previous_workspace_usable(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from synth import generate

    docs = tmp_path / "docs"
    generate(40, docs)
    ws = tmp_path / "ws"
    r = _kg("-q", "-w", str(ws), "build", str(SAMPLE_PLAN))
    assert r.returncode == 0, r.stderr
    before = json.loads((ws / "manifest.json").read_text())
    for delay in (0.8, 1.6, 2.5):
        proc = subprocess.Popen([sys.executable, "-m", "kg", "-q", "-w", str(ws), "build", str(docs), "--force"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        manifest = json.loads((ws / "manifest.json").read_text())  # never torn
        assert set(before["documents"]) <= set(manifest["documents"])
        r = _kg("-w", str(ws), "stats", "--format", "json")
        assert r.returncode == 0, r.stderr
        assert not list(ws.glob("**/*.tmp")) or all(p.name.startswith(".") for p in ws.glob("**/*.tmp"))
        r = _kg("-w", str(ws), "query", "top-places", "--format", "json")
        assert r.returncode == 0 and json.loads(r.stdout)


def test_concurrent_builds_are_serialised(tmp_path):
    import fcntl

    from kg.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    ws.path.mkdir()
    fd = os.open(ws.path / ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        r = _kg("-w", str(ws.path), "build", str(SAMPLE_PLAN))
        assert r.returncode == 1 and "another kg build is writing" in r.stderr
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    assert _kg("-q", "-w", str(ws.path), "build", str(SAMPLE_PLAN)).returncode == 0


def test_corrupt_workspace_files_are_reported(tmp_path):
    ws = tmp_path / "ws"
    assert _kg("-q", "-w", str(ws), "build", str(SAMPLE_PLAN)).returncode == 0
    doc = next((ws / "documents").glob("*.json"))
    doc.write_text("{not json", encoding="utf-8")
    r = _kg("-w", str(ws), "query", "top-places")
    assert r.returncode == 1 and "unreadable" in r.stderr and "kg build" in r.stderr
    (ws / "manifest.json").write_text("[]", encoding="utf-8")
    r = _kg("-w", str(ws), "stats")
    assert r.returncode == 1 and "not a kg workspace manifest" in r.stderr


def test_endpoint_bounds_query_time(built_workspace):
    """A runaway query gets 503 and its worker process is killed: the CPU is freed, the server answers on."""
    import threading
    import urllib.error
    import urllib.request
    from urllib.parse import quote

    from kg.graph import rdf_store_path
    from kg.rdf.endpoint import make_server

    server = make_server(rdf_store_path(built_workspace, "https://plan-kg.org/id/"), port=0, timeout=0.5,
                         max_concurrent=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/sparql?query="
    try:
        worker = server.endpoint._idle["general"][0].proc
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + quote(slow), timeout=30)
        assert err.value.code == 503 and b"longer than" in err.value.read()
        worker.join(10)
        assert not worker.is_alive()  # really stopped, not left running in a thread
        ask = "ASK { ?s ?p ?o }"
        with urllib.request.urlopen(base + quote(ask), timeout=60) as r:  # waits for the replacement worker
            assert json.loads(r.read())["boolean"] is True
        processes = [w.proc for w in server.endpoint._all]
    finally:
        server.shutdown()
        server.server_close()
    assert processes and not any(p.is_alive() for p in processes)
