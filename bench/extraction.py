#!/usr/bin/env python3
"""Extraction throughput (KB/s of cleaned text) and peak memory, each run in its own process.

Documents: the three bundled samples, and the sample plan concatenated 50 times
(about 2.8 MB, one document with 2,800 measures).

    python bench/extraction.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, WORK, probe, save, table  # noqa: E402


def main() -> None:
    samples = sorted((ROOT / "kg" / "data" / "samples").glob("*.txt"))
    plan = next(p for p in samples if "chongqing" in p.name)
    big = WORK / "sample-x50.txt"
    big.parent.mkdir(parents=True, exist_ok=True)
    text = plan.read_text(encoding="utf-8")
    big.write_text("\n".join([text] * 50), encoding="utf-8")
    rows = []
    for path, repeat in [(p, "5") for p in samples] + [(big, "1")]:
        r = probe("extract", str(path), repeat)
        rows.append({"document": path.name, "kb": r["bytes"] / 1024, "seconds": r["extract_seconds"],
                     "kb_per_s": r["kb_per_s"], "peak_mb": r["peak_mb"], "measures": r["measures"],
                     "projects": r["projects"], "places": r["places"], "targets": r["targets"]})
        print(rows[-1], flush=True)
    save("extraction", {"rows": rows})
    print(table(rows))


if __name__ == "__main__":
    main()
