#!/usr/bin/env python3
"""What a user waits for: the wall clock of one command, start-up included, on the three bundled documents.

Each command runs as a fresh process (``python -m kg …``), as a user types it, a few times after one warm-up
run; the median is kept.  ``--run LABEL=PYTHON`` (repeatable) measures other installations too, e.g. a venv of
an older commit: their runs are interleaved, command by command, so a busy machine slows them alike.
Results go to bench/results/latency.json under each label.

    python bench/latency.py                                   # this installation, as "after"
    python bench/latency.py --run before=/tmp/venv-old/bin/python --run after=.venv/bin/python
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, machine, run, save, table  # noqa: E402

SAMPLES = ROOT / "kg" / "data" / "samples"
COMMANDS = {
    "kg --help": ["--help"],
    "kg query projects-in-place -p place=璧山": ["query", "projects-in-place", "-p", "place=璧山"],
    "kg query targets-by-year -p year=2027": ["query", "targets-by-year", "-p", "year=2027"],
    "kg query shared-projects": ["query", "shared-projects"],
    "kg sparql (count projects)": ["sparql", "PREFIX plan: <https://plan-kg.org/ontology#> "
                                             "SELECT (COUNT(?p) AS ?n) WHERE { ?p a plan:Project }"],
    "kg place 璧山": ["place", "璧山"],
    "kg shared-projects": ["shared-projects"],
    "kg path 璧山 铜梁": ["path", "璧山", "铜梁"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run", action="append", default=[], metavar="LABEL=PYTHON",
                    help="an installation to measure (repeatable); default: after=this interpreter")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    runs = dict(r.split("=", 1) for r in args.run) or {"after": sys.executable}
    results: dict[str, list[dict]] = {label: [] for label in runs}
    with tempfile.TemporaryDirectory(prefix="kg-latency-") as tmp:
        workspaces = {}
        for label, python in runs.items():
            ws = workspaces[label] = str(Path(tmp) / f"ws-{label}")
            # cwd: not the repository, where `python -m kg` would import this checkout's kg, whatever PYTHON is
            built = run([python, "-m", "kg", "-q", "-w", ws, "build", str(SAMPLES)], cwd=tmp)
            if built["status"] != "ok":
                raise SystemExit(f"{label}: kg build failed: {built['stderr'][-800:]}")
        for name, argv in COMMANDS.items():
            times: dict[str, list[float]] = {label: [] for label in runs}
            for round_ in range(args.repeat + 1):  # round 0 warms up: bytecode, the store, the OS file cache
                for label, python in runs.items():
                    r = run([python, "-m", "kg", "-w", workspaces[label], *argv], cwd=tmp)
                    if r["status"] != "ok":
                        raise SystemExit(f"{label}: {name} failed: {r['stderr'][-800:]}")
                    if round_:
                        times[label].append(r["seconds"])
            for label in runs:
                results[label].append({"command": name, "median_s": statistics.median(times[label]),
                                       "max_s": max(times[label])})
    path = RESULTS / "latency.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"runs": {}}
    for label, python in runs.items():
        data.setdefault("runs", {})[label] = {"machine": machine(), "python": python, "rows": results[label]}
    save("latency", {"runs": data["runs"]})
    labels = list(runs)
    rows = [{"command": r["command"], **{f"{label}_s": results[label][i]["median_s"] for label in labels}}
            for i, r in enumerate(results[labels[0]])]
    print(table(rows, ["command", *[f"{label}_s" for label in labels]]))


if __name__ == "__main__":
    main()
