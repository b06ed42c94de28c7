"""Places named outright: divisions, regions, rivers and other features, countries.

Which names are read, and where:

* full division names everywhere (璧山区, 南充市), but a two-character county
  name (范县, 郊区) only in its own province - it hides inside words (示范县);
* short names of provinces and prefectures everywhere (四川, 遂宁);
* short names of counties and districts in the issuer's province, and
  anywhere when no other division in China has that short name (合川, 铜梁);
* regions, rivers, features, countries and blocs of the gazetteer.

A name is a mention only when it does not cut an everyday word in two (同心
in 共同心声, 长治 in 长治久安), and a short name that is itself an everyday
word (延长, 城关, 东方) only when written with its suffix (延长县).  Where one
name fits several divisions (江北: 重庆 and 宁波 each have a 江北区) the
document decides - the issuer's province, else the provinces the document
names; a name it cannot decide is reported, not guessed.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract.places.model import PlaceMatch
from kg.extract.words import cuts_word, everyday_words
from kg.loaders.gazetteer import Area, Division, Gazetteer

# Composite names that are fixed expressions (customary or literary) rather than read character by character.
FIXED_COMPOSITES = {
    "巴蜀": ["重庆", "四川"], "港澳台": ["香港", "澳门", "台湾"], "港澳": ["香港", "澳门"],
    "京津冀": ["北京", "天津", "河北"], "江浙沪": ["江苏", "浙江", "上海"], "苏浙沪": ["江苏", "浙江", "上海"],
    "黑吉辽": ["黑龙江", "吉林", "辽宁"], "陕甘宁": ["陕西", "甘肃", "宁夏"], "云贵川": ["云南", "贵州", "四川"],
    "成渝": ["成都", "重庆"], "川渝": ["四川", "重庆"],
}
# Literary names of cities, read as the city (蓉城 is 成都).
LITERARY = {"蓉城": "成都", "鹏城": "深圳", "羊城": "广州", "泉城": "济南", "春城": "昆明", "冰城": "哈尔滨",
            "榕城": "福州", "星城": "长沙", "江城": "武汉", "鹭岛": "厦门", "山城": "重庆", "雾都": "重庆"}
# Words after 中国 that make it part of a name: 中国（四川）自由贸易试验区, 健康中国.
_CHINA_IN_NAME_BEFORE = re.compile(r"(健康|美丽|平安|数字|法治|幸福|书香|智慧|创新|文化|体育|网络|信用|美丽乡村)$")
# Zones that act as places: 西部(重庆)科学城, and a high-tech zone named at the start of a phrase (稀土高新区管委会).
_ZONE_PLACE = re.compile(r"((?:西部|东部|中部|中国|[\u4e00-\u9fff]{2}(?=[（(]))"
                         r"[（(][\u4e00-\u9fff]{2,4}[)）](?:科学城|科技城))|"
                         r"((?<![\u4e00-\u9fff])(?![在以从对把将向为由被与和及同])[\u4e00-\u9fff]{2,4}高新区)")
_DIVISION_SUFFIX = re.compile(r"^(?:省|市|区|县|自治州|自治县|州|盟|旗|地区|新区)")


@dataclass
class NameIndex:
    """Every name a place can be written with, indexed by first character, longest first."""

    gaz: Gazetteer
    issuer: str | None
    refs: dict[str, list] = field(default_factory=dict)
    common: set[str] = field(default_factory=set)  # names that are also everyday words (合作, 延长, 南岸)
    prefixes: dict[str, list[str]] = field(default_factory=dict)  # names by first two characters, longest first

    @classmethod
    @functools.lru_cache(maxsize=8)
    def build(cls, gaz: Gazetteer, issuer: str | None) -> NameIndex:
        index = cls(gaz, issuer)
        shorts = Counter(d.short for d in gaz.divisions.values() if d.short)
        words = everyday_words()
        for d in gaz.divisions.values():
            if len(d.name) > 2 or d.level < 3 or d.province == issuer:
                index.add(d.name, d)
            home = d.province == issuer
            if d.short and d.short != d.name and len(d.short) >= 2:
                if d.level <= 2 or home or shorts[d.short] == 1:
                    index.add(d.short, d)
        for name, area in gaz.area_index.items():
            if area.context and area.context != issuer:
                continue
            index.add(name, area)
        for name in FIXED_COMPOSITES:
            index.refs.setdefault(name, [])
        for name, city in LITERARY.items():
            for d in gaz.lookup(city):
                if d.level <= 2:
                    index.add(name, d)
        index.common = {n for n in index.refs if n in words}
        index.prefixes = index.by_prefix()
        return index

    def add(self, name: str, ref) -> None:
        refs = self.refs.setdefault(name, [])
        if ref not in refs:
            refs.append(ref)

    def by_prefix(self) -> dict[str, list[str]]:
        """Names by their first two characters, longest first (every name has two or more)."""
        out: dict[str, list[str]] = {}
        for name in sorted(self.refs, key=len, reverse=True):
            out.setdefault(name[:2], []).append(name)
        return out


def _is_short(name: str, refs: list) -> bool:
    return any(isinstance(r, Division) and r.short == name and r.name != name for r in refs)


def _acceptable(text: str, start: int, name: str, index: NameIndex) -> bool:
    """Evidence that ``name`` at ``start`` names a place rather than being part of other words."""
    end = start + len(name)
    refs = index.refs[name]
    if name in FIXED_COMPOSITES or name in LITERARY:
        return True
    if name == "中国" and (text[end:end + 1] in "（(" or _CHINA_IN_NAME_BEFORE.search(text[max(0, start - 4):start])):
        return False  # 中国(重庆)自由贸易试验区, 健康中国: a name, not a mention of the country
    # written in full (延长县, 合作市): a division, whatever the words around it
    with_suffix = _written_in_full(text, start, refs) and not any(
        isinstance(r, Division) and r.name == name for r in refs)
    divisions = any(isinstance(r, Division) for r in refs)
    if (divisions or len(name) == 2) and not with_suffix and cuts_word(text, start, end):
        return False  # 同心 in 共同心声, 长治 in 长治久安, 西安区 in 西安区域
    if divisions and name[0] in "东西南北中" and start and text[start - 1] in "东西南北中":
        return False  # 中南部县城 is not 南部县
    return True


def _written_in_full(text: str, start: int, refs: list) -> bool:
    return any(isinstance(r, Division) and text.startswith(r.name, start) for r in refs)


def _needs_support(text: str, match: PlaceMatch, refs: list, index: NameIndex) -> bool:
    """A county's short name from another province (合川 in a Sichuan plan), and a short name that is an
    everyday word (合作, 南岸), are read only with support - unless written in full (合作市)."""
    if not refs or _written_in_full(text, match.start, refs) or not all(isinstance(r, Division) for r in refs):
        return False
    if match.surface in index.common and all(r.level >= 2 for r in refs):
        return True  # (provinces are never everyday words, though 上海 is as frequent as one)
    return all(r.level == 3 and r.province != index.issuer and r.short == match.surface for r in refs)


def scan_names(text: str, index: NameIndex, taken: bytearray) -> list[tuple[PlaceMatch, list]]:
    """(match, candidate refs) for every name, longest first at each position; marks what it takes."""
    found: list[tuple[PlaceMatch, list]] = []
    for m in _ZONE_PLACE.finditer(text):  # 西部(重庆)科学城: a zone named with its place
        found.append((PlaceMatch(m.start(), m.end(), m.group(0), ("zone", m.group(0), None), "pattern"), []))
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    prefixes = index.prefixes
    i = 0
    while i < len(text):
        if taken[i]:
            i += 1
            continue
        hit = next((name for name in prefixes.get(text[i:i + 2], ()) if text.startswith(name, i)
                    and not any(taken[i:i + len(name)]) and _acceptable(text, i, name, index)), None)
        if hit is None:
            i += 1
            continue
        via = "composite" if hit in FIXED_COMPOSITES else "name"
        size = len(hit)
        if text[i + size:i + size + 1] == "州" and any(
                isinstance(r, Division) and r.kind == "autonomous_prefecture" for r in index.refs[hit]):
            size += 1  # 大理州, 凉山州: the customary form of an autonomous prefecture
        found.append((PlaceMatch(i, i + size, text[i:i + size], None, via), list(index.refs[hit])))
        taken[i:i + size] = b"\x01" * size
        i += size
    return found


_CLAUSE = re.compile(r"[，。；：！？,;:!?\n]")


def _supported(text: str, match: PlaceMatch, refs: list, nearby: list[tuple[PlaceMatch, list]],
               index: NameIndex) -> bool:
    """Support for a county's short name from another province: its suffix (合川区), or another place of the
    same province in the same clause (与合川、铜梁协同; 重庆合川).  ``nearby``: the names found in that clause."""
    provinces = {r.province for r in refs}
    for other, other_refs in nearby:
        if other.surface == match.surface:
            continue
        if not any(isinstance(r, Division) and r.province in provinces for r in other_refs):
            continue
        if not _needs_support(text, other, other_refs, index):
            return True
        between = text[min(match.end, other.end):max(match.start, other.start)]
        if between in ("、", "和", "与", "及"):
            return True  # two short names side by side in a list support each other: 合川、铜梁
    return False


def _clause_of(text: str, match: PlaceMatch, bounds: list[int]) -> tuple[int, int]:
    """The clause holding ``match``: between the punctuation marks around it (``bounds``: their offsets)."""
    i = bisect.bisect_left(bounds, match.start)
    lo = bounds[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(bounds, match.end)
    hi = bounds[j] if j < len(bounds) else len(text)
    return lo, hi


def _in_clause(found: list[tuple[PlaceMatch, list]], starts: list[int], lo: int, hi: int):
    i = bisect.bisect_left(starts, lo)
    while i < len(found) and found[i][0].start < hi:
        if found[i][0].end <= hi:
            yield found[i]
        i += 1


def resolve(text: str, found: list[tuple[PlaceMatch, list]], index: NameIndex) -> tuple[list[PlaceMatch], list[str]]:
    """Pick each match's place.  Homonyms go to the issuer's province, else to a province the document names
    without ambiguity; the rest are reported as ambiguous (kept as unresolved places, never guessed)."""
    gaz = index.gaz
    bounds = [m.start() for m in _CLAUSE.finditer(text)]
    ordered = sorted(found, key=lambda t: t[0].start)
    starts = [m.start for m, _ in ordered]

    def kept(m: PlaceMatch, refs: list) -> bool:
        if not _needs_support(text, m, refs, index):
            return True
        lo, hi = _clause_of(text, m, bounds)
        return _supported(text, m, refs, list(_in_clause(ordered, starts, lo, hi)), index)

    found = [(m, refs) for m, refs in found if kept(m, refs)]
    named: Counter = Counter()
    for _match, refs in found:
        provinces = {r.province for r in refs if isinstance(r, Division)}
        if len(provinces) == 1:
            named[provinces.pop()] += 1
    out: list[PlaceMatch] = []
    warnings: list[str] = []
    reported: set[str] = set()
    for match, refs in found:
        if match.ref is not None:
            out.append(match)
            continue
        if match.surface in FIXED_COMPOSITES:
            out.extend(_fixed_composite(match, gaz))
            continue
        choice = _choose(refs, index.issuer, named)
        if choice is None:
            options = "、".join(sorted({_describe(r, gaz) for r in refs}))
            if match.surface not in reported:
                warnings.append(f"place '{match.surface}' could be {options}; left unresolved")
                reported.add(match.surface)
            out.append(PlaceMatch(match.start, match.end, match.surface,
                                  ("ambiguous", match.surface, None), "name"))
            continue
        out.append(PlaceMatch(match.start, match.end, match.surface, choice, match.via))
    return out, warnings


def _fixed_composite(match: PlaceMatch, gaz: Gazetteer) -> list[PlaceMatch]:
    """京津冀 is a region of its own; 川渝 stands for its members."""
    area = gaz.area(match.surface)
    if area is not None:
        return [PlaceMatch(match.start, match.end, match.surface, area, "name")]
    out = []
    for member in FIXED_COMPOSITES[match.surface]:
        ref = next((d for d in gaz.lookup(member) if d.level <= 2), None) or gaz.area(member)
        if ref is not None:
            out.append(PlaceMatch(match.start, match.end, match.surface, ref, "composite"))
    return out


def _choose(refs: list, issuer: str | None, named: Counter):
    areas = [r for r in refs if isinstance(r, Area)]
    if areas:
        return areas[0]
    divisions = [r for r in refs if isinstance(r, Division)]
    if len(divisions) <= 1:
        return divisions[0] if divisions else None
    home = [d for d in divisions if d.province == issuer]
    for pick in (home, _most_named(divisions, named), divisions):
        top = _shallowest(pick)
        if top is not None and (pick is not divisions or top.level <= 2):
            return top  # 吉林 the province over 吉林市; a homonym in the issuer's or a named province
    return None


def _shallowest(divisions: list[Division]) -> Division | None:
    """The one division at the shallowest level, or None when several share it."""
    if not divisions:
        return None
    top = min(d.level for d in divisions)
    at_top = [d for d in divisions if d.level == top]
    return at_top[0] if len(at_top) == 1 else None


def _most_named(divisions: list[Division], named: Counter) -> list[Division]:
    counts = [(named.get(d.province, 0), d) for d in divisions]
    best = max(c for c, _ in counts)
    return [d for c, d in counts if c == best] if best > 0 else []


def _describe(ref, gaz: Gazetteer) -> str:
    if isinstance(ref, Division):
        chain = gaz.chain(ref)
        return "".join(d.name for d in reversed(chain))
    return getattr(ref, "name", str(ref))
