"""Finding an entity by the name a user types: 璧山 / 璧山区 / Bishan / 500120.

Exact names, aliases, codes and English names first (English case-blind), then
the name without its administrative suffix, then a unique partial match.  When
several entities fit equally, the user gets the choices, never a guess; when
none fits, the nearest names ("did you mean …").

Names are compared in a canonical form where the general abbreviations of plan
language are one word: the plans write 成渝中线高铁 where a user may type
成渝中线高速铁路, 抽蓄 for 抽水蓄能 (云阳建全抽蓄电站), 经开区 for
经济技术开发区.  Only abbreviations that mean the same in every plan are
listed; a place-specific short name (川渝, 万达开) is an alias in the gazetteer.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from kg.errors import KGError

_SUFFIXES = ("自治县", "自治州", "自治区", "特别行政区", "省", "市", "区", "县", "旗")

# (full form, the short form plans also write); longer full forms are replaced first, so 高速铁路 becomes 高铁
# before 高速公路 becomes 高速.
EQUIVALENCES = (
    ("高速铁路", "高铁"),
    ("高速公路", "高速"),
    ("抽水蓄能", "抽蓄"),
    ("城市轨道交通", "城轨"),
    ("轨道交通", "轨交"),
    ("经济技术开发区", "经开区"),
    ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("自由贸易试验区", "自贸区"),
    ("自贸试验区", "自贸区"),
    ("综合保税区", "综保区"),
    ("物流园区", "物流园"),
    ("产业园区", "产业园"),
)
_EQUIV = sorted(EQUIVALENCES, key=lambda pair: -len(pair[0]))


class AmbiguousName(KGError):
    def __init__(self, name: str, choices: list):
        self.choices = choices
        listed = "; ".join(f"{c.name} ({_describe(c)})" for c in choices[:8])
        super().__init__(f"'{name}' fits {len(choices)} entities: {listed} - use the full name, code or id")


class UnknownName(KGError):
    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        if self.suggestions:
            message += "; did you mean " + ", ".join(self.suggestions) + "?"
        super().__init__(message)


def _describe(e) -> str:
    bits = [e.id]
    if getattr(e, "parent", None):
        bits.append(f"in {e.parent}")
    return ", ".join(bits)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = re.sub(r"[\s“”\"'‘’《》·\-—]", "", text)
    for full, short in _EQUIV:
        if full in text:
            text = text.replace(full, short)
    return text


def _strip(text: str) -> str:
    for s in _SUFFIXES:
        if text.endswith(s) and len(text) - len(s) >= 2:
            return text[: -len(s)]
    return text


def _keys(e) -> frozenset[str]:
    # cached by what the keys are made of: every name lookup scans all entities (the workbench resolves
    # names on every page, and normalising thousands of names each time cost a page 0.3 s at 100 documents)
    return _keys_of(e.id, e.name, tuple(e.aliases), getattr(e, "code", None), getattr(e, "name_en", None))


@lru_cache(maxsize=200_000)
def _keys_of(eid: str, name: str, aliases: tuple, code: str | None, name_en: str | None) -> frozenset[str]:
    keys = {_norm(name), *(_norm(a) for a in aliases)}
    for attr, v in (("code", code), ("name_en", name_en)):
        if v:
            keys.add(_norm(v))
            if attr == "name_en":
                keys.add(_norm(v.split(" ")[0]))  # "Bishan District" -> bishan
    keys |= {_strip(k) for k in list(keys)}
    keys.add(_norm(eid))
    return frozenset(keys)


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
    raise UnknownName(f"no {what} called '{name}' in the workspace", suggest(entities, name))


def suggest(candidates, name: str, limit: int = 5, cutoff: float = 0.5) -> list[str]:
    """The names of ``candidates`` nearest to ``name``, best first (for "did you mean").

    Near means: many characters in common (璧三 → 璧山), the same sound when
    pypinyin is installed (壁山 → 璧山, tongliang → 铜梁), or a known name inside
    what was typed (璧山区政府 → 璧山).  Entities the plans mention come first.
    """
    q = _strip(_norm(name))
    if not q:
        return []
    q_sound = _sound(q)
    latin = q.isascii() and q.isalpha()
    best: dict[str, tuple[float, bool]] = {}
    for e in candidates:
        score = 0.0
        for key in {_norm(e.name), *(_norm(a) for a in e.aliases)}:
            key = _strip(key)
            if not key:
                continue
            s = difflib.SequenceMatcher(None, q, key).ratio()
            if len(key) >= 2 and key in q:
                s = max(s, 0.8)
            if latin and s < 0.9:  # pinyin typed for a name without an English form: chengyuzhongxian
                k_sound = _sound(key)
                if k_sound:
                    s = max(s, difflib.SequenceMatcher(None, q, "".join(k_sound)).ratio())
            if q_sound and s < 0.9:
                k_sound = _sound(key)
                if len(k_sound) == len(q_sound):
                    heard = sum(difflib.SequenceMatcher(None, a, b).ratio()
                                for a, b in zip(q_sound, k_sound, strict=True))
                    heard /= len(q_sound)
                    if heard >= 0.8:  # sounds alike syllable by syllable (bi san ~ bi shan), not 火星 ~ 楚雄
                        s = max(s, 0.95 * heard)
            score = max(score, s)
        en = getattr(e, "name_en", None)
        if en:
            score = max(score, difflib.SequenceMatcher(None, q, _norm(en.split(" ")[0])).ratio())
        if score >= cutoff:
            prev = best.get(e.name)
            mentioned = bool(getattr(e, "mentions", None))
            if prev is None or (score, mentioned) > prev:
                best[e.name] = (score, mentioned)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], not kv[1][1], len(kv[0]), kv[0]))
    if not ranked:
        return []
    top = ranked[0][1][0]  # far worse guesses than the best one only add noise
    return [n for n, (score, _) in ranked[:limit] if score >= top - 0.15]


@lru_cache(maxsize=1)
def _pinyin():
    """pypinyin's converter when installed (the 'pinyin' extra); it is imported only to suggest names."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return None
    return lazy_pinyin


@lru_cache(maxsize=65536)
def _sound(text: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of ``text`` (other characters kept as they are), or () without pypinyin."""
    convert = _pinyin()
    if convert is None or not re.search(r"[\u4e00-\u9fff]", text):
        return ()
    return tuple(convert(text))


# Saved-query parameters that name an entity, and what kind of entity (queries/*.rq headers).
NAME_PARAMS = {"place": "place", "region": "place", "province_a": "place", "province_b": "place",
               "project": "project", "entity": "entity"}


def canonical_params(corpus, values: dict[str, str]) -> dict[str, str]:
    """For the name parameters among ``values``, the name the graph uses (成渝中线高速铁路 → 成渝中线高铁).

    Raises :class:`UnknownName` (with the nearest names) for a name that fits nothing; an ambiguous name
    is left as given (it matched something, the query decides).
    """
    pools = {"place": lambda: corpus.places.values(), "project": lambda: corpus.projects.values(),
             "entity": lambda: [e for _, e in corpus.entities()]}
    out = {}
    for key, value in values.items():
        kind = NAME_PARAMS.get(key)
        if kind is None or not str(value).strip():
            continue
        try:
            out[key] = resolve(pools[kind](), value, kind).name
        except AmbiguousName:
            out[key] = value
        except UnknownName as exc:
            raise UnknownName(f"{key}={value} matched nothing: no {kind} of that name in the workspace",
                              exc.suggestions) from None
    return out


def project_kind(corpus, kind: str | None) -> str | None:
    """``kind`` if some project has it; else an error listing the kinds, nearest first."""
    if not kind:
        return kind
    kinds = sorted({p.kind for p in corpus.projects.values() if p.kind})
    if kind in kinds:
        return kind
    near = difflib.get_close_matches(kind, kinds, n=3, cutoff=0.6)
    raise UnknownName(f"no project of kind '{kind}' (kinds: {', '.join(kinds)})", near)
