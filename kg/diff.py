"""What changed between two plans, or two versions of one (``kg diff OLD NEW``).

Targets are matched by indicator (normalised) and year; a matched target whose
value, comparator or unit differs is *changed*.  Projects are matched by the
same rules as cross-document resolution (names and aliases), so 成渝中线 and
成渝中线高铁 are one project.
"""
from __future__ import annotations

import re
import unicodedata

from kg.model import Extraction, Target
from kg.resolve import key as name_key


def _indicator_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s“”\"'（）()、，]", "", text)


def _target_rows(old: Extraction, new: Extraction) -> list[dict]:
    def index(ex):
        out: dict[tuple, list] = {}
        for t in ex.targets:
            out.setdefault((_indicator_key(t.indicator), t.year), []).append(t)
        return out

    a, b = index(old), index(new)
    rows = []

    def show(t):
        return f"{t.comparator} {t.value:g} {t.unit} ({t.year})" if t.value is not None else t.comparator

    pairs: list[tuple[Target, Target]] = []
    lone_old: list[Target] = []
    lone_new: list[Target] = []
    for k in sorted(set(a) | set(b), key=lambda k: (k[0], k[1] or 0)):
        olds, news = a.get(k, []), b.get(k, [])
        for i in range(max(len(olds), len(news))):
            o = olds[i] if i < len(olds) else None
            n = news[i] if i < len(news) else None
            if o and n:
                pairs.append((o, n))
            elif n:
                lone_new.append(n)
            elif o:
                lone_old.append(o)
    # a target moved to another year (two plans, or a postponed goal): pair it when the indicator is unique
    by_ind_old: dict[str, list[Target]] = {}
    for o in lone_old:
        by_ind_old.setdefault(_indicator_key(o.indicator), []).append(o)
    still_new = []
    for n in lone_new:
        olds = by_ind_old.get(_indicator_key(n.indicator), [])
        same = sum(1 for x in lone_new if _indicator_key(x.indicator) == _indicator_key(n.indicator))
        if len(olds) == 1 and same == 1:
            pairs.append((olds.pop(), n))
        else:
            still_new.append(n)
    for o, n in pairs:
        if (o.value, o.comparator, o.unit, o.year) != (n.value, n.comparator, n.unit, n.year):
            rows.append({"change": "target changed", "item": n.indicator, "old": show(o), "new": show(n),
                         "sentence": n.mentions[0].sentence if n.mentions else n.text})
    for n in still_new:
        rows.append({"change": "target added", "item": n.indicator, "old": "", "new": show(n),
                     "sentence": n.mentions[0].sentence if n.mentions else n.text})
    for olds in by_ind_old.values():
        for o in olds:
            rows.append({"change": "target removed", "item": o.indicator, "old": show(o), "new": "",
                         "sentence": o.mentions[0].sentence if o.mentions else o.text})
    return sorted(rows, key=lambda r: (r["change"], r["item"]))


def _project_rows(old: Extraction, new: Extraction) -> list[dict]:
    def names(p):
        return {name_key(n) for n in [p.name, *p.aliases]}

    rows = []
    for p in old.projects:
        if not any(names(p) & names(q) for q in new.projects):
            rows.append({"change": "project dropped", "item": p.name, "old": p.kind, "new": "",
                         "sentence": p.mentions[0].sentence if p.mentions else ""})
    for q in new.projects:
        if not any(names(q) & names(p) for p in old.projects):
            rows.append({"change": "project added", "item": q.name, "old": "", "new": q.kind,
                         "sentence": q.mentions[0].sentence if q.mentions else ""})
    return sorted(rows, key=lambda r: (r["change"], r["item"]))


def diff(old: Extraction, new: Extraction) -> list[dict]:
    return _target_rows(old, new) + _project_rows(old, new)
