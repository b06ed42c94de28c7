#!/usr/bin/env python3
"""The analytics commands (shared-projects, place, project, hubs, clusters, path) on the sample plan
and on the 1000-document synthetic corpus (about 900× the sample's graph).

Workspaces are reused from bench/scale.py when present.

    python bench/analytics.py [--sizes 1000]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import WORK, corpus, kg, probe, sample_dir, save, table  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000")
    args = ap.parse_args()
    rows = []
    for label, docs in [("sample", sample_dir())] + [(s, corpus(int(s))) for s in args.sizes.split(",")]:
        ws = WORK / f"ws-{label}"
        if not (ws / "manifest.json").exists():
            kg("-q", "-w", str(ws), "build", str(docs))
        r = probe("analytics", str(ws))
        for name, c in r["commands"].items():
            rows.append({"corpus": label, "command": name, "seconds": c["seconds"], "rows": c["rows"]})
        rows.append({"corpus": label, "command": "(load the corpus)", "seconds": r["corpus_seconds"],
                     "rows": None, "peak_mb": r["peak_mb"]})
        save("analytics", {"rows": rows})
    print(table(rows, ["corpus", "command", "seconds", "rows", "peak_mb"]))


if __name__ == "__main__":
    main()
