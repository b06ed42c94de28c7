"""The README's examples are what the commands print today (regenerate: python scripts/readme.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_examples_are_current():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme.py"), "--check"], capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, "README.md is stale; regenerate: python scripts/readme.py\n" + r.stdout[-4000:]


def test_the_readme_runs_its_examples_and_reads_timings_from_the_benchmarks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- readme: run") >= 4 and "<!-- bench: latency after" in text
    assert "~4 min" not in text
