"""Shared fixtures: the bundled sample plans, their gold annotations, temporary workspaces."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "data" / "samples"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"
SAMPLE_PLAN = SAMPLES / "chongqing-twin-city-action-plan-2023-2027.txt"
REPORT = SAMPLES / "sichuan-2026-government-work-report.txt"
TASKS = SAMPLES / "baotou-2022-digital-government-tasks.txt"


@pytest.fixture(scope="session")
def sample_extraction():
    from kg.extract import extract_file

    return extract_file(str(SAMPLE_PLAN))


@pytest.fixture(scope="session")
def sample_json(sample_extraction):
    # through a JSON round trip, as `kg extract --json` prints it
    return json.loads(json.dumps(sample_extraction.to_dict(), ensure_ascii=False))


@pytest.fixture(scope="session")
def built_workspace(tmp_path_factory):
    """A workspace built from the three bundled documents (read-only for tests)."""
    from kg.build import build
    from kg.workspace import Workspace

    ws = Workspace(tmp_path_factory.mktemp("ws"))
    report = build([str(SAMPLES)], ws)
    assert not report.failed, report.failed
    return ws


@pytest.fixture
def workspace(tmp_path):
    from kg.workspace import Workspace

    return Workspace(tmp_path / "ws")


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


def gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


# Real headless Chromium (Debian's chromium, driven by Playwright) for the pages' tests.
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("KG_SKIP_BROWSER") == "1":
        pytest.skip("KG_SKIP_BROWSER=1")
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: run scripts/setup.sh (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        yield b
        b.close()
