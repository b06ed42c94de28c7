"""Finding an entity by the name a user types: 璧山 / 璧山区 / Bishan / 500120.

Exact names, aliases, codes and English names first (English case-blind), then
the name without its administrative suffix, then a unique partial match.  When
several entities fit equally, the user gets the choices, never a guess.
"""
from __future__ import annotations

import re
import unicodedata

from kg.errors import KGError

_SUFFIXES = ("自治县", "自治州", "自治区", "特别行政区", "省", "市", "区", "县", "旗")


class AmbiguousName(KGError):
    def __init__(self, name: str, choices: list):
        self.choices = choices
        listed = "; ".join(f"{c.name} ({_describe(c)})" for c in choices[:8])
        super().__init__(f"'{name}' fits {len(choices)} entities: {listed} - use the full name, code or id")


class UnknownName(KGError):
    pass


def _describe(e) -> str:
    bits = [e.id]
    if getattr(e, "parent", None):
        bits.append(f"in {e.parent}")
    return ", ".join(bits)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s“”\"'‘’《》·\-—]", "", text)


def _strip(text: str) -> str:
    for s in _SUFFIXES:
        if text.endswith(s) and len(text) - len(s) >= 2:
            return text[: -len(s)]
    return text


def _keys(e) -> set[str]:
    keys = {_norm(e.name), *(_norm(a) for a in e.aliases)}
    for attr in ("code", "name_en"):
        v = getattr(e, attr, None)
        if v:
            keys.add(_norm(v))
            if attr == "name_en":
                keys.add(_norm(v.split(" ")[0]))  # "Bishan District" -> bishan
    keys |= {_strip(k) for k in list(keys)}
    keys.add(_norm(e.id))
    return keys


def resolve(candidates, name: str, what: str = "entity", prefer_mentioned: bool = True):
    """The one entity of ``candidates`` the user means by ``name``."""
    entities = list(candidates)
    q = _norm(name)
    tiers = [
        [e for e in entities if q in _keys(e)],
        [e for e in entities if _strip(q) in _keys(e)],
        [e for e in entities if any(q in k for k in _keys(e))] if len(q) >= 2 else [],
    ]
    for hits in tiers:
        if not hits:
            continue
        if prefer_mentioned and len(hits) > 1:
            mentioned = [e for e in hits if getattr(e, "mentions", None)]
            hits = mentioned or hits
        if len(hits) == 1:
            return hits[0]
        exact = [e for e in hits if _norm(e.name) == q]
        if len(exact) == 1:
            return exact[0]
        raise AmbiguousName(name, sorted(hits, key=lambda e: e.id))
    raise UnknownName(f"no {what} called '{name}' in the workspace")
