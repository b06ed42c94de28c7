#!/usr/bin/env python3
"""Extraction F1 on every hand-annotated document, one row per document.

    python scripts/score_golds.py                       # every gold in tests/fixtures/gold
    python scripts/score_golds.py GOLD.json ... --show projects   # missed/spurious of one kind
    python scripts/score_golds.py --json                # the full reports

Each gold names its document; the document is looked up in the bundled
samples and the test fixtures (or next to the gold).  Scores come from the
project's copy of the team's scorer (``tests/score_extraction.py``).  The
``split`` column says whether the rules were developed on the document
(``dev``) or it was annotated and scored only after they were written
(``held-out``), as recorded in ``tests/fixtures/gold/SPLITS.json``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from score_extraction import score  # noqa: E402

GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SEARCH = [ROOT / "kg" / "data" / "samples", ROOT / "tests" / "fixtures" / "corpus",
          ROOT / "tests" / "fixtures" / "documents"]
KINDS = ("measures", "projects", "places", "organizations", "targets", "project_places")


def find_document(name: str, gold_path: Path) -> Path:
    for folder in [gold_path.parent, *SEARCH]:
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(f"score_golds: no document {name} for {gold_path} (looked in {', '.join(map(str, SEARCH))})")


def splits() -> dict[str, str]:
    path = GOLD_DIR / "SPLITS.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def markdown(rows: list[dict], reports: dict, split: dict) -> str:
    """The quality table: one row per document, developed-on documents first, then held-out ones."""
    titles = {"measures": "measures", "projects": "projects (lenient)", "places": "places",
              "organizations": "organizations", "targets": "targets", "project_places": "project → place"}
    head = "| document | rules developed on it? | " + " | ".join(titles[k] for k in KINDS) + " | page leftovers |"
    lines = [head, "|" + "---|" * (len(KINDS) + 3)]
    for row in sorted(rows, key=lambda r: (r["split"] != "dev", r["document"])):
        dev = "yes" if row["split"] == "dev" else "no (held out)"
        cells = [row[k] for k in KINDS]
        lines.append(f"| {row['name']} | {dev} | " + " | ".join(cells) + f" | {row['noise']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("golds", nargs="*", type=Path)
    parser.add_argument("--show", metavar="KIND", help="print missed and spurious items of this kind")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (the README's quality table)")
    parser.add_argument("--held-out", action="store_true",
                        help="also score held-out golds (by default they are skipped, so nobody tunes on them)")
    args = parser.parse_args(argv)
    from kg.extract import extract_file

    golds = args.golds or sorted(GOLD_DIR.glob("*.gold.json")) + sorted(GOLD_DIR.glob("seed-gold.json"))
    split = splits()
    rows, reports = [], {}
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if split.get(gold["document"]) == "held-out" and not args.held_out:
            continue
        doc = find_document(gold["document"], gold_path)
        out = json.loads(json.dumps(extract_file(str(doc)).to_dict(), ensure_ascii=False))
        report = score(gold, out)
        reports[doc.name] = report
        row = {"document": doc.stem[:34], "name": doc.stem, "split": split.get(doc.name, "dev")}
        for kind in KINDS:
            has_gold = report[kind]["gold"] > 0 or report[kind]["pred"] > 0
            row[kind] = f"{report[kind]['f1']:.2f}" if has_gold else "–"
        row["noise"] = len(report["noise_leaks"])
        rows.append(row)
        if args.show:
            for what in ("missed", "spurious"):
                items = report[args.show][what]
                print(f"# {doc.stem} {args.show} {what} ({len(items)}): " + " | ".join(map(str, items)))
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=1))
        return 0
    columns = ["document", "split", *KINDS, "noise"]
    if args.markdown:
        print(markdown(rows, reports, split))
        return 0
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
