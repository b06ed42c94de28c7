#!/usr/bin/env python3
"""Extraction throughput (KB/s of cleaned text) and peak memory, each run in its own process.

Documents: the three bundled samples, and one big document about 50 times the
sample plan's size: the 100 synthetic plans of ``bench/synth.py`` joined into
one file (about 2.6 MB).  Concatenating the sample with itself would measure
nothing: the cleaner drops repeated lines (scraped pages repeat themselves).

    python bench/extraction.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, WORK, corpus, probe, save, table  # noqa: E402


def main() -> None:
    samples = sorted((ROOT / "kg" / "data" / "samples").glob("*.txt"))
    big = WORK / "synthetic-x100-joined.txt"
    big.parent.mkdir(parents=True, exist_ok=True)
    parts = [p.read_text(encoding="utf-8") for p in sorted(corpus(100).glob("*.txt"))]
    big.write_text("\n".join(parts), encoding="utf-8")
    rows = []
    for path, repeat in [(p, "5") for p in samples] + [(big, "1")]:
        r = probe("extract", str(path), repeat)
        rows.append({"document": path.name, "kb": r["bytes"] / 1024, "seconds": r["extract_seconds"],
                     "kb_per_s": r["kb_per_s"], "peak_mb": r["peak_mb"], "measures": r["measures"],
                     "projects": r["projects"], "places": r["places"], "targets": r["targets"],
                     "removed_lines": r.get("removed")})
        print(rows[-1], flush=True)
    save("extraction", {"rows": rows})
    print(table(rows))


if __name__ == "__main__":
    main()
