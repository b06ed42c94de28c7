"""Faults on a real Neo4j: the server stops in the middle of a load; credentials stay secret.

These tests start a second, private server (its own home and port) with the
project's launcher, so stopping it does not disturb the shared test server.
"""
from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from kg.config import Neo4jSettings
from kg.errors import Neo4jUnavailable

pytestmark = pytest.mark.neo4j

PASSWORD = "fault-secret-7f3a9c"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def private_server(tmp_path_factory):
    if os.environ.get("KG_SKIP_NEO4J") == "1":
        pytest.skip("KG_SKIP_NEO4J=1")
    from kg.neo4j import server

    home = tmp_path_factory.mktemp("neo4j-fault")
    port = _free_port()
    server.start(home, port=port, password=PASSWORD, wait=180, heap="512m")
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password=PASSWORD)
    yield home, port, settings
    server.stop(home)


@pytest.fixture(scope="module")
def synthetic_corpus(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from kg.build import build
    from kg.graph import load_corpus
    from kg.workspace import Workspace
    from synth import generate

    root = tmp_path_factory.mktemp("synthetic")
    generate(40, root / "docs")
    ws = Workspace(root / "ws")
    build([str(root / "docs")], ws)
    return ws, load_corpus(ws)


def _wipe(settings):
    from kg.neo4j.connection import driver

    with driver(settings) as drv, drv.session(database=settings.database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def test_server_stopping_mid_load_then_rerun_gives_the_same_graph(private_server, synthetic_corpus):
    from kg.neo4j import server
    from kg.neo4j.loader import counts, load

    home, port, settings = private_server
    _ws, corpus = synthetic_corpus
    load(corpus, settings)
    expected = counts(settings)
    _wipe(settings)

    failure: list[BaseException] = []
    progressed = threading.Event()

    def run():
        try:
            load(corpus, settings, progress=lambda line: progressed.set() if line.startswith("document") else None)
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            failure.append(exc)

    t = threading.Thread(target=run)
    t.start()
    assert progressed.wait(120), "the load never reached the documents"
    server.stop(home)
    t.join(180)
    assert not t.is_alive()
    assert failure, "the load finished before the server stopped; use a bigger corpus"
    exc = failure[0]
    assert isinstance(exc, Neo4jUnavailable), repr(exc)
    assert "\n" not in str(exc) and "re-run" in str(exc) and PASSWORD not in str(exc)

    server.start(home, port=port, password=PASSWORD, wait=180, heap="512m")
    partial = counts(settings)
    assert partial != expected  # the interruption really left the database half-loaded
    load(corpus, settings)
    assert counts(settings) == expected
    load(corpus, settings)  # and once more: still no duplicates
    assert counts(settings) == expected


def test_cli_reports_a_server_that_went_away(private_server, synthetic_corpus, runner):
    from kg.cli import main

    home, port, settings = private_server
    ws, _corpus = synthetic_corpus
    r = runner.invoke(main, ["-w", str(ws.path), "load", "neo4j", "--uri", f"bolt://127.0.0.1:{_free_port()}",
                             "--password", PASSWORD])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert PASSWORD not in r.stderr + r.stdout


def test_credentials_never_leave_the_process(private_server, synthetic_corpus, runner, tmp_path):
    from kg.cli import main

    home, port, settings = private_server
    ws, _corpus = synthetic_corpus
    env_before = os.environ.get("NEO4J_PASSWORD")
    os.environ["NEO4J_PASSWORD"] = PASSWORD
    try:
        r = runner.invoke(main, ["-w", str(ws.path), "load", "neo4j", "--uri", settings.uri, "--all"])
        assert r.exit_code == 0, r.output
        outputs = [r.output]
        for args in (["neo4j", "status", "--home", str(home), "--format", "json"],
                     ["cypher", "--uri", settings.uri, "MATCH (p:Plan) RETURN p.id AS id LIMIT 3", "--format", "json"],
                     ["export", "--format", "nq", "-o", str(tmp_path / "all.nq")],
                     ["export", "--format", "neo4j-csv", "-o", str(tmp_path / "csv")]):
            r = runner.invoke(main, ["-w", str(ws.path), *args])
            assert r.exit_code == 0, (args, r.output)
            outputs.append(r.output)
    finally:
        if env_before is None:
            os.environ.pop("NEO4J_PASSWORD", None)
        else:
            os.environ["NEO4J_PASSWORD"] = env_before
    assert all(PASSWORD not in o for o in outputs)
    # files the server, the workspace and the exports wrote: logs, state, sync records, exported graphs
    for root in (home, ws.path, tmp_path):
        for f in root.rglob("*"):
            if f.is_file() and f.stat().st_size < 50 * 2**20:
                assert PASSWORD.encode() not in f.read_bytes(), f
    # the command line of the running server (visible to every user in ps) does not carry it
    state = json.loads((home / "server.json").read_text())
    cmdline = Path(f"/proc/{state['pid']}/cmdline").read_bytes()
    assert PASSWORD.encode() not in cmdline


def test_stop_checks_the_pid_is_still_the_launcher(private_server, tmp_path, runner):
    """server.json names a pid; once that pid is another process (the server died, the pid was reused), stop
    leaves it alone - and the running launcher of another home is not this home's either."""
    import signal
    import subprocess

    from kg.cli import main
    from kg.neo4j import server

    home, _port, _settings = private_server
    launcher = json.loads((home / "server.json").read_text())["pid"]
    assert server.is_launcher(launcher, home) and not server.is_launcher(launcher, tmp_path)
    other = subprocess.Popen(["sleep", "300"], start_new_session=True)  # a process group of its own, like ours
    try:
        for pid in (other.pid, launcher):  # a stranger, then another home's live server
            (tmp_path / "server.json").write_text(json.dumps({"pid": pid, "uri": "bolt://127.0.0.1:1", "port": 1}))
            assert server.stale_pid(tmp_path) == pid and not server.status(tmp_path).running
            r = runner.invoke(main, ["neo4j", "stop", "--home", str(tmp_path)])
            assert r.exit_code == 0, r.output
            assert r.stdout == (f"no Neo4j server of {tmp_path} is running; pid {pid} in its server.json is another "
                                "process now (left alone)\n")
            assert not (tmp_path / "server.json").exists()
        time.sleep(0.5)
        assert other.poll() is None and server.is_launcher(launcher, home)  # both still running
        r = runner.invoke(main, ["neo4j", "stop", "--home", str(tmp_path)])
        assert r.stdout == f"no Neo4j server of {tmp_path} is running\n"
    finally:
        os.kill(other.pid, signal.SIGKILL)
        other.wait()
