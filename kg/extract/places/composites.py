"""Composite abbreviations: 川渝, 万达开, 渝昆高铁, 成（绵）南达万, 中欧班列, 疆电入渝.

Plans name lines and cooperations by one character of each place.  A
composite is read only with evidence, each character scored by what the
document supports:

====================================================================  ========
reading of one character                                              strength
====================================================================  ========
a division the document names (达 -> 达州, when 达州 is named)           4
the province of an abbreviation when it is the issuer's or named       4
a prefecture of the issuer's province; a district of a municipality    3
a province abbreviation of a neighbour of the issuer                   3
the customary abbreviation of a city (蓉 成都, 穗 广州, 甬 宁波)            3
a primary province abbreviation with no other support (粤, 桂)           2
====================================================================  ========

Every character must read clearly (one best reading), at strength 3 or more
- a province abbreviation may be 2 - and one reading must be evidence from
the document itself (strength 4).  So 临江 is not read as 临海 + 江山, and 银巴
does not turn 巴 into 巴中 because a Sichuan city exists.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.lexicon import boundary_ending_at, boundary_starting_at
from kg.extract.places.model import PlaceMatch
from kg.extract.words import common_words, cuts_word
from kg.loaders.gazetteer import Division, Gazetteer

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
# Province abbreviations that are also everyday characters (新, 青, 宁…): weaker without evidence.
COMMON_ABBR = set("新青宁台吉黑云贵港澳秦陇申")
# Customary one-character names of cities: strong (蓉, 穗) and everyday characters that need evidence (汉, 宁).
CITY_ABBR = {"蓉": "成都", "穗": "广州", "榕": "福州", "甬": "宁波", "邕": "南宁", "筑": "贵阳", "鹏": "深圳",
             "昆": "昆明", "杭": "杭州", "厦": "厦门"}
WEAK_CITY_ABBR = {"汉": "武汉", "锡": "无锡", "宁": "南京"}
COUNTRY_ABBR = {"中": "中国", "欧": "欧洲", "新": "新加坡", "老": "老挝", "俄": "俄罗斯", "蒙": "蒙古国",
                "美": "美国", "日": "日本", "韩": "韩国", "孟": "孟加拉国", "印": "印度", "缅": "缅甸",
                "巴": "巴基斯坦", "哈": "哈萨克斯坦", "泰": "泰国", "越": "越南", "柬": "柬埔寨",
                "马": "马来西亚", "菲": "菲律宾", "德": "德国", "法": "法国", "英": "英国", "非": "非洲"}
# What follows a composite: transport lines, cooperation words.
HEADS = re.compile(
    r"^(高速铁路|高铁|城际|铁路|高速公路|高速|快速通道|线|段|走廊|经济带|经济区|经济走廊|经济圈|都市圈|城市群|"
    r"地区|一体化|协同|协作|合作|毗邻|班列|特高压|直流|交流|扩容|扩能|输电|管道|航线|东西部|中线|主轴|产业园|工业协同|（|\()")
_COUNTRY_HEADS = re.compile(r"^(班列|经济走廊|合作|互联互通|自贸|铁路|金融|友好|战略|国际|中小企业|企业|博览会|"
                            r"论坛|峰会|交流|贸易|经贸|旅游|人文|产业|投资|会议|边境|口岸|跨境|三方|双边|（|\()")
# A list of composites shares the head that follows it: 大保、丽香、弥蒙等新线; 苏陕、津陕协作.
_LIST_TAIL = re.compile(r"^等?(?:\d+条)?新?")
_SPELLED = re.compile(r"(?:[\u4e00-\u9fff][（(][\u4e00-\u9fff]{1,2}[)）]){2,}")
_COUNTRY_CHARS = "".join(c for c in COUNTRY_ABBR if c != "中")
_COUNTRY_LIST = re.compile(f"(?<![{_COUNTRY_CHARS}])([{_COUNTRY_CHARS}]{{3,}})等")
_AIDED = re.compile(r"援([\u4e00-\u9fff])")
_RESOURCE_FLOW = re.compile(r"([\u4e00-\u9fff])[电煤气油水]([入送])([\u4e00-\u9fff])")


@dataclass(frozen=True)
class Evidence:
    """What the document itself says about places: the issuer and what it names."""

    issuer: str | None
    provinces: frozenset[str]  # provinces of the divisions the document names
    named: frozenset[str]  # codes of the divisions the document names

    def neighbours(self, gaz: Gazetteer) -> set[str]:
        return set(gaz.neighbours.get(self.issuer, set())) if self.issuer else set()


def readings(ch: str, gaz: Gazetteer, evidence: Evidence) -> list[tuple[float, Division]]:
    """The places one character of a composite may stand for, with their strength (0 = none)."""
    out: list[tuple[float, Division]] = []
    if ch in "一二三四五六七八九十两":
        return out  # 三资, 南三高速: a numeral is a number, not a place
    neighbours = evidence.neighbours(gaz)
    strength: float  # 2.5 sits between a county and a city (below)
    for code in gaz.abbreviations.get(ch, []):
        if code == evidence.issuer or code in evidence.provinces:
            strength = 4
        elif code in neighbours:
            strength = 3 if ch not in COMMON_ABBR else 2
        elif gaz.primary_abbr.get(code) == ch and ch not in COMMON_ABBR:
            strength = 2
        else:
            continue
        out.append((strength, gaz.divisions[code]))
    for table, strong in ((CITY_ABBR, True), (WEAK_CITY_ABBR, False)):
        if ch in table:
            city = next((d for d in gaz.lookup(table[ch]) if d.level == 2), None)
            if city is None:
                continue
            if city.code in evidence.named or city.province == evidence.issuer:
                out.append((4, city))
            else:
                out.append((3 if strong else 2, city))  # 汉 (武汉) only before a line's head: 沪汉蓉高铁
    for d in gaz.by_first_char.get(ch, []):
        if d.code in evidence.named:
            strength = 4
        elif d.province == evidence.issuer and (d.level == 2 or evidence.issuer in MUNICIPALITIES):
            strength = 3
        elif d.province == evidence.issuer and d.kind == "county_city":
            strength = 2.5  # below a city, so 万 in 成达万 is the neighbour's 万州 rather than the home 万源
        elif d.province == evidence.issuer:
            strength = 2  # a county of the issuer's own: only before a line's head (隆泸叙铁路)
        elif d.province in neighbours and d.province in evidence.provinces and (
                d.level == 2 or d.province in MUNICIPALITIES):
            strength = 3  # a city of a neighbour the document names (达州 in 万达开, 万州 in 成达万)
        else:
            continue
        out.append((strength, d))
    return out


def read_token(token: str, gaz: Gazetteer, evidence: Evidence, read=None) -> tuple[list[Division], float] | None:
    """The places a composite names, one per character, and the weakest reading; None unless all are clear.

    ``read`` maps a character to its readings (a cache of :func:`readings` for one document)."""
    chars = re.sub(r"[（()）]", "", token)
    if not 2 <= len(chars) <= 5:
        return None
    read = read or (lambda ch: readings(ch, gaz, evidence))
    places, strengths = [], []
    for ch in chars:
        # a province's own abbreviation is the reading of a character, at equal strength, over a city's
        options = sorted(read(ch), key=lambda t: (t[0], t[1].level == 1), reverse=True)
        if not options:
            return None
        if len(options) > 1 and options[0][0] == options[1][0] and options[0][1].level == options[1][1].level \
                and options[0][1].code != options[1][1].code:
            return None  # two equally good readings: do not guess
        strength, place = options[0]
        places.append(place)
        strengths.append(strength)
    if len({p.code for p in places}) < len(places) or max(strengths) < 3:
        return None  # the same place twice, or nothing the document itself supports
    return places, min(strengths)


def find_composites(text: str, gaz: Gazetteer, taken: bytearray, evidence: Evidence) -> list[PlaceMatch]:
    out = _spelled(text, gaz, taken)
    read = functools.lru_cache(maxsize=None)(lambda ch: tuple(readings(ch, gaz, evidence)))
    # positions whose character can stand for a place: a composite is a run of them
    readable = [ch in "（()）" or bool(read(ch)) for ch in text]
    for run in re.finditer(r"[\u4e00-\u9fff（()）]{2,}", text):
        end = run.end()
        while end >= run.start() + 2:  # right to left, so 川黔粤桂走廊 is read whole
            if not readable[end - 1] or not readable[end - 2]:
                end -= 1
                continue
            found = _token_ending_at(text, gaz, taken, run.start(), end, evidence, read, readable)
            if found:
                start, places = found
                out.extend(PlaceMatch(start, end, text[start:end], p, "composite") for p in places)
                taken[start:end] = b"\x01" * (end - start)
                end = start
            else:
                end -= 1
    out += _countries(text, gaz, taken)
    out += _resource_flows(text, gaz, taken)
    out += _aided(text, gaz, taken)
    return out


def _head_after(text: str, end: int, heads: re.Pattern = HEADS) -> bool:
    """Is ``end`` followed by a line's head, directly or after the other items of a list (…、弥蒙等新线)?"""
    pos = end
    for _ in range(8):
        if heads.match(text[pos:pos + 6]):
            return True
        if text[pos:pos + 1] != "、":
            break
        # the next item: the shortest run of two to four characters followed by 、, 等 or a head
        for size in (2, 3, 4):
            after = pos + 1 + size
            if text[after:after + 1] in ("、", "等") or heads.match(text[after:after + 6]):
                pos = after
                break
        else:
            return False
    tail = _LIST_TAIL.match(text[pos:pos + 6])
    pos += tail.end() if tail else 0
    return bool(heads.match(text[pos:pos + 6])) or (pos > end and text[pos:pos + 1] == "线")


def _token_ending_at(text, gaz, taken, run_start, end, evidence, read, readable):
    """The longest clear composite ending at ``end`` that starts after a boundary."""
    best = None
    head = _head_after(text, end)
    quoted = text[end:end + 1] == "”"
    for start in range(max(run_start, end - 7), end - 1):
        if not all(readable[start:end]) or any(taken[start:end]) or text[start] in "（()）":
            continue
        token = text[start:end]
        found = read_token(token, gaz, evidence, read)
        if found is None:
            continue
        if token in common_words() or cuts_word(text, start, end):
            continue  # 通达, 通道: everyday words, not composites
        lead = boundary_starting_at(token, 0)
        if lead and len(lead) <= len(token) - 2:
            continue  # the token starts with a verb: 建成闽宁 is 闽宁
        places, weakest = found
        if quoted and all(p.level == 1 for p in places):
            head = True  # “川渝” in quotes
        # before a line's head (渝昆高铁, 川黔粤桂走廊) any clear reading; elsewhere only strong ones, and
        # two characters of cities only with a head (they are too easily a word)
        if not head and (weakest < 3 or (len(places) < 3 and not all(p.level == 1 for p in places))):
            continue
        after_boundary = (start == run_start or bool(boundary_ending_at(text, start)) or text[start - 1] in "、“新"
                          or bool(taken[start - 1]) or _word_ends_at(text, start))
        if not after_boundary:
            continue  # 一单通达: a composite starts where a phrase starts
        key = (after_boundary, end - start)
        if best is None or key > best[0]:
            best = (key, start, places)
    return (best[1], best[2]) if best else None


def _word_ends_at(text: str, pos: int) -> bool:
    """Does an everyday word end right before ``pos`` (重点工程|隆泸叙铁路)?"""
    words = common_words()
    return any(text[pos - n:pos] in words for n in (2, 3, 4) if pos >= n)


def _spelled(text: str, gaz: Gazetteer, taken: bytearray) -> list[PlaceMatch]:
    """合(川)广(安)长(寿) -> 合川, 广安, 长寿: each place spelled out in brackets."""
    out: list[PlaceMatch] = []
    for m in _SPELLED.finditer(text):
        parts = re.findall(r"([\u4e00-\u9fff])[（(]([\u4e00-\u9fff]{1,2})[)）]", m.group(0))
        refs = [next(iter(sorted(gaz.lookup(a + b), key=lambda d: d.level)), None) for a, b in parts]
        if refs and all(refs):
            out.extend(PlaceMatch(m.start(), m.end(), m.group(0), ref, "composite") for ref in refs)
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return out


def _countries(text: str, gaz: Gazetteer, taken: bytearray) -> list[PlaceMatch]:
    """中欧班列, 中老铁路, 孟中印缅经济走廊: countries by one character, before a head that says so."""
    out = []
    for m in re.finditer(f"[{''.join(COUNTRY_ABBR)}]{{2,}}", text):  # runs of country characters only
        seg = m.group(0)
        for i in range(len(seg)):
            for j in range(min(len(seg), i + 6), i + 1, -1):
                token, start = seg[i:j], m.start() + i
                if "中" not in token or any(taken[start:start + len(token)]):
                    continue
                if all(c in COUNTRY_ABBR for c in token) and _head_after(text, start + len(token), _COUNTRY_HEADS):
                    for c in token:
                        out.append(PlaceMatch(start, start + len(token), token,
                                              gaz.area(COUNTRY_ABBR[c]) or COUNTRY_ABBR[c], "composite"))
                    taken[start:start + len(token)] = b"\x01" * len(token)
                    break
    # 欧美日韩等: a list of three or more countries by one character each, closed by 等 (two are too
    # easily a word: 非美市场 is "markets other than the US")
    for m in _COUNTRY_LIST.finditer(text):
        start, token = m.start(1), m.group(1)
        if any(taken[start:start + len(token)]):
            continue
        for c in token:
            out.append(PlaceMatch(start, start + len(token), token, gaz.area(COUNTRY_ABBR[c]) or COUNTRY_ABBR[c],
                                  "composite"))
        taken[start:start + len(token)] = b"\x01" * len(token)
    return out


def _aided(text: str, gaz: Gazetteer, taken: bytearray) -> list[PlaceMatch]:
    """援藏援疆, 对口援青: the province a paired-assistance programme helps, by its one-character name."""
    out = []
    for m in _AIDED.finditer(text):
        ch, pos = m.group(1), m.start(1)
        provinces = [c for c in gaz.abbreviations.get(ch, []) if gaz.divisions[c].level == 1]
        if len(provinces) == 1 and not taken[pos]:
            out.append(PlaceMatch(pos, pos + 1, ch, gaz.divisions[provinces[0]], "composite"))
            taken[pos] = 1
    return out


def _resource_flows(text: str, gaz: Gazetteer, taken: bytearray) -> list[PlaceMatch]:
    """疆电入渝, 北煤入渝: the provinces a resource flows between."""
    out = []
    for m in _RESOURCE_FLOW.finditer(text):
        for ch, pos in ((m.group(1), m.start(1)), (m.group(3), m.start(3))):
            codes = gaz.abbreviations.get(ch, [])
            if codes and not taken[pos]:
                out.append(PlaceMatch(pos, pos + 1, ch, gaz.divisions[codes[0]], "composite"))
    return out
