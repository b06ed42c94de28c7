#!/usr/bin/env python3
"""Regenerate the README's console examples from what the commands really print.

    python scripts/readme.py            # rewrite README.md in place
    python scripts/readme.py --check    # exit 1 and show the difference when README.md is stale

A ```console block right after the marker ``<!-- readme: run -->`` is executed:
each ``$ command`` line runs (in order, in one temporary directory where
``kg/data/samples`` is the bundled documents and the workspace is
``./kg-workspace``) and the lines after it become what the command printed on
stdout, or on stderr when it failed.  ``<!-- readme: run, lines=N -->`` keeps
the first N lines of each output and ends with ``…`` when there were more.
Blocks without the marker (the Neo4j server, the endpoint) are left as
written.

A number between ``<!-- bench: FILE LABEL COMMAND -->`` and ``<!-- /bench -->``
is the median wall time of COMMAND in ``bench/results/FILE.json`` (run LABEL),
so timings in the README are the benchmarks' (``python bench/latency.py``).

The lines between ``<!-- quality -->`` and ``<!-- /quality -->`` are the extraction
quality table, as ``python scripts/score_golds.py --held-out --markdown`` prints it
(every gold in tests/fixtures/gold, dev and held-out).

``tests/test_readme.py`` fails when README.md and reality differ.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- readme: run(?:, lines=(\d+))? -->$")
BENCH = re.compile(r"<!-- bench: (\S+) (\S+) (.+?) -->(.*?)<!-- /bench -->")
QUALITY = re.compile(r"<!-- quality -->\n.*?<!-- /quality -->", re.DOTALL)


def run(command: str, cwd: Path, env: dict) -> str:
    """What ``command`` prints: stdout, or stderr when it fails (an error line is part of the example)."""
    r = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    text = r.stdout if r.returncode == 0 else r.stderr
    return text.rstrip("\n")


def environment(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "NEO4J_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # this installation's kg
    env["COLUMNS"] = "120"
    env["PYTHONHASHSEED"] = "0"
    return env


def render(text: str) -> str:
    """README.md with every marked block's output as the commands print it today."""
    lines = text.split("\n")
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kg-readme-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "kg" / "data").mkdir(parents=True)
        (tmp / "kg" / "data" / "samples").symlink_to(ROOT / "kg" / "data" / "samples")
        env = environment(tmp)
        i = 0
        while i < len(lines):
            line = lines[i]
            out.append(line)
            m = MARKER.match(line.strip())
            if not m or i + 1 >= len(lines) or lines[i + 1].strip() != "```console":
                i += 1
                continue
            keep = int(m.group(1)) if m.group(1) else None
            out.append(lines[i + 1])
            j = i + 2
            while lines[j].strip() != "```":
                if lines[j].startswith("$ "):
                    command = lines[j][2:]
                    out.append(lines[j])
                    printed = run(command, tmp, env)
                    if printed:
                        shown = printed.split("\n")
                        if keep is not None and len(shown) > keep:
                            shown = shown[:keep] + ["…"]
                        out.extend(shown)
                j += 1
            out.append(lines[j])
            i = j + 1
    return QUALITY.sub(lambda _: _quality(), BENCH.sub(_bench, "\n".join(out)))


def _quality() -> str:
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_golds.py"), "--held-out", "--markdown"],
                       capture_output=True, text=True, timeout=1200, check=True)
    return f"<!-- quality -->\n{r.stdout.strip()}\n<!-- /quality -->"


def _bench(m: re.Match) -> str:
    name, label, command = m.group(1), m.group(2), m.group(3)
    data = json.loads((ROOT / "bench" / "results" / f"{name}.json").read_text(encoding="utf-8"))
    row = next(r for r in data["runs"][label]["rows"] if r["command"] == command)
    return f"<!-- bench: {name} {label} {command} -->{row['median_s']:.2g} s<!-- /bench -->"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare only; exit 1 when README.md is stale")
    args = ap.parse_args()
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if args.check:
        if fresh != current:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), fresh.splitlines(True),
                                                       "README.md", "README.md (regenerated)"))
            return 1
        return 0
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
        print("README.md regenerated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

