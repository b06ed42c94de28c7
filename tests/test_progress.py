"""Progress where people wait: a live line on a terminal (a real pseudo-terminal here), nothing of it in
a log or a pipe, nothing at all under --quiet."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys

import pytest

from conftest import SAMPLES


def run_on_terminal(args: list[str], env: dict | None = None, timeout: float = 300) -> tuple[int, str, str]:
    """Run ``python -m kg ARGS`` with stderr on a pseudo-terminal; (status, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=timeout)
    os.close(master)
    return proc.returncode, out, seen.decode("utf-8", errors="replace")


def run_in_pipe(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = tmp_path_factory.mktemp("progress") / "ws"
    status, _, terminal = run_on_terminal(["-w", str(ws), "build", str(SAMPLES)])
    assert status == 0, terminal
    return ws, terminal


def test_build_draws_a_bar_on_a_terminal(workspace):
    _, terminal = workspace
    assert "building [" in terminal and "3/3" in terminal and "\r" in terminal
    assert "[####################] 3/3" in terminal  # it reached the end
    assert "workspace " in terminal  # the summary line stays


def test_no_live_line_in_a_pipe_or_a_log(tmp_path):
    r = run_in_pipe(["-w", str(tmp_path / "ws"), "build", str(SAMPLES)])
    assert r.returncode == 0, r.stderr
    assert "\r" not in r.stderr and "building [" not in r.stderr
    assert "built" in r.stderr  # a log still says what happened, one line per document


def test_quiet_means_silent_even_on_a_terminal(workspace, tmp_path):
    ws, _ = workspace
    status, out, terminal = run_on_terminal(["-q", "-w", str(ws), "export", "--format", "nt",
                                             "-o", str(tmp_path / "g.nt")])
    assert status == 0 and terminal == "" and out == ""


def test_export_shows_its_steps(workspace, tmp_path):
    ws, _ = workspace
    status, _, terminal = run_on_terminal(["-w", str(ws), "export", "--format", "ttl", "-o", str(tmp_path / "g.ttl")])
    assert status == 0, terminal
    assert "exporting ttl" in terminal and "wrote ttl to" in terminal


@pytest.mark.slow
def test_the_maven_fetch_counts_the_jars(tmp_path):
    """A fresh lib directory: Maven copies the jars (from its local repository) and the line counts them."""
    if not shutil.which("mvn") or not shutil.which("java"):
        pytest.fail("Maven and Java are needed: run scripts/setup.sh")
    lib = tmp_path / "lib"
    status, _, terminal = run_on_terminal(["neo4j", "install"], env={"KG_NEO4J_LIB": str(lib)}, timeout=600)
    assert status == 0, terminal[-2000:]
    assert "Maven" in terminal and ("copied " in terminal or "downloaded " in terminal)
    assert any(lib.glob("neo4j-kernel-*.jar"))
