#!/usr/bin/env python3
"""What a user waits for: the wall clock of one command, start-up included, on the three bundled documents.

Each command runs as a fresh process (``python -m kg …``), as a user types it, a few times after one warm-up
run; the median is kept.  ``--python`` runs another installation (e.g. a venv of an older commit) so a change
is measured before and after on the same machine; ``--label`` names the run in bench/results/latency.json.

    python bench/latency.py --label after
    python bench/latency.py --label before --python /tmp/venv-old/bin/python
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
    ap.add_argument("--label", default="after", help="name of this run in the results (before, after, …)")
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose kg is measured")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-latency-") as tmp:
        ws = str(Path(tmp) / "ws")
        built = run([args.python, "-m", "kg", "-q", "-w", ws, "build", str(SAMPLES)])
        if built["status"] != "ok":
            raise SystemExit(f"kg build failed: {built['stderr'][-800:]}")
        rows = []
        for name, argv in COMMANDS.items():
            cmd = [args.python, "-m", "kg", "-w", ws, *argv]
            run(cmd)  # warm-up: compiled bytecode, the store brought up to date, the OS file cache
            times = []
            for _ in range(args.repeat):
                r = run(cmd)
                if r["status"] != "ok":
                    raise SystemExit(f"{name} failed: {r['stderr'][-800:]}")
                times.append(r["seconds"])
            rows.append({"command": name, "median_s": statistics.median(times), "max_s": max(times)})
    path = RESULTS / "latency.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"runs": {}}
    data.setdefault("runs", {})[args.label] = {"machine": machine(), "python": args.python, "rows": rows}
    save("latency", {"runs": data["runs"]})
    print(table(rows, ["command", "median_s", "max_s"]))


if __name__ == "__main__":
    main()
