"""Search across places, projects, organizations and documents (``kg search``, the workbench's type-ahead).

A hit is found by any name a user may type: the name, an alias, the short name
(璧山 for 璧山区), a division code (500120), the English name (Bishan) or the
pinyin of the name, whole or by initials (bishan, bs).  Exact matches rank
first, then names that begin with what was typed, then names that contain it;
among equals, entities the plans mention more often come first.

Every hit carries the ``key`` its page is found by (``/place/KEY``): the name
when no other entity of its type has it, else its code or id - and
:func:`kg.analytics.names.resolve` finds the same entity from that key.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.corpus import Corpus

TYPES = ("place", "project", "organization", "document")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s“”\"'‘’《》·\-—()（）]", "", text)


@lru_cache(maxsize=1)
def _pinyin():
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # the 'pinyin' extra: without it, places still match by their English names
        return None
    return lazy_pinyin


@cache
def _char_sound(ch: str) -> str:
    return _pinyin()(ch)[0]


def _sounds(name: str, phrase: bool = False) -> set[str]:
    """The pinyin of ``name``, whole and as initials (璧山 -> bishan, bs).

    Place names are read as phrases (重庆 is chongqing, not zhongqing: pypinyin knows the phrase); other
    names character by character from a cache, since reading thousands of project names as phrases
    costs seconds at a thousand documents and a polyphone in a project name rarely matters."""
    convert = _pinyin()
    if convert is None or not re.search(r"[\u4e00-\u9fff]", name):
        return set()
    syllables = convert(name) if phrase else [_char_sound(ch) for ch in name]
    syllables = [s.lower() for s in syllables if s.strip() and s.isascii() and s.isalpha()]
    return {"".join(syllables), "".join(s[0] for s in syllables)} if syllables else set()


@dataclass
class Entry:
    type: str
    id: str
    name: str
    key: str
    detail: str
    weight: int  # mentions: the tie-breaker
    names: tuple[str, ...]  # normalised names, aliases, codes (exact-worthy)
    sounds: tuple[str, ...]  # pinyin, whole and initials

    def to_row(self, matched: str = "") -> dict:
        return {"type": self.type, "name": self.name, "key": self.key, "id": self.id, "detail": self.detail,
                "matched": matched}


class SearchIndex:
    def __init__(self, corpus: Corpus):
        self.entries: list[Entry] = []
        for kind, entities in (("place", corpus.places), ("project", corpus.projects),
                               ("organization", corpus.organizations)):
            counts: dict[str, int] = {}
            for e in entities.values():
                counts[_norm(e.name)] = counts.get(_norm(e.name), 0) + 1
            for e in entities.values():
                self.entries.append(self._entry(kind, e, unique=counts[_norm(e.name)] == 1))
        for ex in corpus.documents:
            d = ex.document
            names = {_norm(d.id), _norm(d.title)}
            self.entries.append(Entry("document", d.id, d.title, d.id, f"{d.kind} · {d.id}",
                                      len(ex.measures), tuple(names), tuple(_sounds(d.title))))

    @staticmethod
    def _entry(kind: str, e, unique: bool) -> Entry:
        code = getattr(e, "code", None)
        names = {_norm(e.name), *(_norm(a) for a in e.aliases)}
        if code:
            names.add(code)
        en = getattr(e, "name_en", None)
        if en:
            names |= {_norm(en), _norm(en.split(" ")[0])}
        sounds = set()
        for n in {e.name, *e.aliases}:
            sounds |= _sounds(n, phrase=kind == "place")
        detail = {"place": lambda: " · ".join(x for x in (code or e.kind, getattr(e, "parent", None) or "",
                                                          en or "") if x),
                  "project": lambda: " · ".join(x for x in (e.kind, getattr(e, "status", None) or "") if x),
                  "organization": lambda: e.kind}[kind]()
        key = e.name if unique else (code or e.id)
        return Entry(kind, e.id, e.name, key, detail, len(e.mentions), tuple(sorted(names)), tuple(sorted(sounds)))

    def by_id(self, entity_id: str) -> Entry | None:
        if not hasattr(self, "_by_id"):
            self._by_id = {e.id: e for e in self.entries}
        return self._by_id.get(entity_id)

    def search(self, text: str, types=None, limit: int = 20) -> list[dict]:
        q = _norm(text)
        if not q:
            return []
        latin = q.isascii()
        scored = []
        for e in self.entries:
            if types and e.type not in types:
                continue
            score, matched = 0, ""
            for n in e.names:
                s = 100 if n == q else 80 if n.startswith(q) else 50 if (q in n and (len(q) >= 2 or not latin)) else 0
                if s > score:
                    score, matched = s, n
            if latin and len(q) >= 2:
                for n in e.sounds:
                    s = 90 if n == q else 70 if n.startswith(q) else 0
                    if s > score:
                        score, matched = s, n
            if score:
                scored.append((-score, -e.weight, len(e.name), e.name, e, matched))
        scored.sort(key=lambda t: t[:4])
        return [t[4].to_row(t[5]) for t in scored[:limit]]


_INDEXES: dict[int, tuple[Corpus, SearchIndex]] = {}


def index(corpus: Corpus) -> SearchIndex:
    """The search index of ``corpus``, built once per corpus object."""
    hit = _INDEXES.get(id(corpus))
    if hit is None or hit[0] is not corpus:
        _INDEXES.clear()
        hit = _INDEXES[id(corpus)] = (corpus, SearchIndex(corpus))
    return hit[1]


def search(corpus: Corpus, text: str, types=None, limit: int = 20) -> list[dict]:
    """Hits for ``text``, best first: type, name, key (for the page URL), id, detail, matched."""
    return index(corpus).search(text, types=types, limit=limit)
