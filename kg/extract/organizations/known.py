"""Bodies whose names carry no type word, from the lists of ``kg/data/organizations.yaml``.

中国石化, 国网 and 亚投行 say nothing of what they are; the lists name them,
each list with its public source.  A two-character form (国网, 中煤) is read
only at a word boundary, so that 集中建设 holds no 中建 and 全国能源 no 国能.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from kg.extract.organizations.names import lead_word_ending_at

_DATA = Path(__file__).resolve().parent.parent.parent / "data" / "organizations.yaml"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=1)
def known_bodies() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    """{written form: (name, kind)} and one pattern matching every written form, longest first."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    forms: dict[str, tuple[str, str]] = {}
    for group in data.values():
        for entry in group["entries"]:
            for form in entry:
                forms.setdefault(form, (entry[0], group["kind"]))
    pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    return forms, pattern


def canonical_name(form: str) -> str | None:
    """The name a known body's written form stands for: 中石化 -> 中国石油化工集团."""
    entry = known_bodies()[0].get(form)
    return entry[0] if entry else None


def find_known(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, written form, kind) of the known bodies in text[start:end]."""
    forms, pattern = known_bodies()
    found = []
    for m in pattern.finditer(text, start, end):
        s, e = m.span()
        if e - s <= 2 and s > 0 and _HAN.match(text[s - 1]) and not lead_word_ending_at(text, s):
            continue
        found.append((s, e, m.group(), forms[m.group()][1]))
    return found
