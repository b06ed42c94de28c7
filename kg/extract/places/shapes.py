"""Places written by a pattern rather than a name of their own.

* a province abbreviation and a direction: 渝西, 川南, 陕北 (for provinces the
  document is about);
* a province and a part of it: 宁夏南部, 四川东北部;
* a river and its reach: 长江上游 (the river alone is then not counted again);
* a city and its cluster: 西安都市圈, 关中平原城市群, 昆明都市圈;
* a town or village written after its county: 丹巴县基卡依村;
* an item of a list of features: 寨山坪等67处山体;
* a river or lake too short for the feature list, by what is said of it: 渭河流域, 甲江、乙河等河流;
* the members of a bloc: RCEP成员国.
"""
from __future__ import annotations

import re

from kg.extract.lexicon import boundary_ending_at, boundary_starting_at
from kg.extract.places.model import PlaceMatch
from kg.extract.words import common_words
from kg.loaders.gazetteer import Area, Division, Gazetteer

_DIRECTIONS = ("东北", "东南", "西北", "西南", "东", "西", "南", "北", "中")
_PART = re.compile(r"^(东北|东南|西北|西南|东|西|南|北|中)部")
_REACH = re.compile(r"(上游|中游|下游|中上游|中下游)")
_CLUSTER = re.compile(r"^(都市圈|城市群|城镇群|经济区|经济圈|次区域|城市圈)")
_LIST_OF_FEATURES = re.compile(
    r"([\u4e00-\u9fff“”\"]{2,6})等\d+[处条座个片]([\u4e00-\u9fff]{0,10}?)(山体|山岭|山峰|湖泊|河流|岛屿|水库|湿地)")
# X江, X河, X湖 (one or two characters before): a water body when a water word follows it or the list it ends
_WATER_NAME = re.compile(r"[\u4e00-\u9fff]{1,2}[江河湖]")
_WATER_WORDS = re.compile(r"^(?:等?(?:[\d一二三四五六七八九十]+条)?"
                          r"(?:流域|干流|支流|沿岸|两岸|水系|水质|河道|岸线|河湖|河流|湖泊|水环境|水生态|[\u4e00-\u9fff]{0,2}治理|[\u4e00-\u9fff]{0,2}整治|入河|入湖|上游|中游|下游))")
_NOT_WATER = re.compile(r"^(?:[大小内外长冰银天山江河运界母古新老主支干一二三四五六七八九十两百千万各本该全跨]|"
                        r"重要|主要|重点|全部|所有|相关|有关|大型|中小|城市|农村|城乡|国际|跨省|跨界|骨干|黑臭|美丽|幸福)"
                        r"[江河湖]$")
_MEMBER_STATES = re.compile(r"([A-Z]{2,10})成员国")
_SETTLEMENT = re.compile(r"([\u4e00-\u9fff]{2,4}?)(街道|村|镇|乡)")
_NOT_SETTLEMENT = re.compile(r"(城|区|县|市|乡|村|镇|美丽|示范|特色|振兴|旅游|全域|重点|中心|新型|传统|古|名)")


def find_shapes(text: str, gaz: Gazetteer, taken: bytearray, context: set[str],
                named: list[PlaceMatch]) -> tuple[list[PlaceMatch], set[int]]:
    """Places by pattern, and the starts of river mentions that a reach (长江上游) covers."""
    out = _directions(text, gaz, taken, context)
    reaches, covered = _reaches(text, gaz)
    out += reaches
    out += _parts_and_clusters(text, named + out)  # 西安都市圈, and 滇西城镇群 on a shaped 滇西
    out += _settlements(text, taken, named)
    out += _feature_lists(text, taken)
    out += _waters(text, taken)
    out += [PlaceMatch(m.start(), m.end(), m.group(0), ("bloc", m.group(0), None), "pattern")
            for m in _MEMBER_STATES.finditer(text)]
    return out, covered


def _directions(text, gaz, taken, context) -> list[PlaceMatch]:
    """渝西, 川南: a province abbreviation of the document and a direction (渝北, 渝中 are districts)."""
    out = []
    for code in sorted(context):
        abbr = gaz.primary_abbr.get(code)
        if not abbr:
            continue
        for direction in _DIRECTIONS:
            token = abbr + direction
            for m in re.finditer(re.escape(token), text):
                if any(taken[m.start():m.end()]) or token == "京东":
                    continue
                if len(direction) == 1 and text[m.end():m.end() + 1] in ("部", "方", "侧", "面", "线"):
                    continue
                division = next(iter(gaz.lookup(token)), None)
                ref = division or gaz.area(token) or ("region", token, code)
                out.append(PlaceMatch(m.start(), m.end(), token, ref, "pattern"))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return out


def _reaches(text, gaz) -> tuple[list[PlaceMatch], set[int]]:
    out, covered = [], set()
    for m in _REACH.finditer(text):
        left = text[max(0, m.start() - 6): m.start()]
        river = max((a for a in gaz.area_index if left.endswith(a)), key=len, default=None)
        area = gaz.area(river) if river else None
        if river is not None and area is not None and area.kind == "river":
            start = m.start() - len(river)
            out.append(PlaceMatch(start, m.end(), river + m.group(1), ("area", river + m.group(1), area.id), "pattern"))
            covered.add(start)
    return out, covered


def _parts_and_clusters(text, named: list[PlaceMatch]) -> list[PlaceMatch]:
    """宁夏南部 (a part of a province), 西安都市圈 (a city's cluster): built on a place named just before."""
    out = []
    for m in named:
        rest = text[m.end:m.end + 4]
        part = _PART.match(rest)
        if part and isinstance(m.ref, Division) and m.ref.level == 1 and \
                not text.startswith("片区", m.end + part.end()):  # 重庆西部片区 is a zone's part, not a region
            end = m.end + part.end()
            out.append(PlaceMatch(m.start, end, text[m.start:end], ("region", text[m.start:end], m.ref.code),
                                  "pattern"))
            continue
        cluster = _CLUSTER.match(rest)
        if cluster and (isinstance(m.ref, (Division, Area)) or (isinstance(m.ref, tuple) and m.ref[0] == "region")):
            end = m.end + cluster.end()
            within = m.ref.code if isinstance(m.ref, Division) else None
            out.append(PlaceMatch(m.start, end, text[m.start:end], ("region", text[m.start:end], within), "pattern"))
    return out


def _settlements(text, taken, named: list[PlaceMatch]) -> list[PlaceMatch]:
    """A town or village written after its county: 丹巴县基卡依村, 璧山区丁家街道."""
    out = []
    for m in named:
        if not (isinstance(m.ref, Division) and m.ref.level == 3 and m.surface == m.ref.name):
            continue
        s = _SETTLEMENT.match(text, m.end)
        if not s or any(taken[s.start():s.end()]):
            continue
        stem = s.group(1)
        if any(boundary_starting_at(stem, k) for k in range(len(stem))) or _NOT_SETTLEMENT.search(stem):
            continue
        kind = {"村": "village", "镇": "town", "乡": "town", "街道": "subdistrict"}[s.group(2)]
        out.append(PlaceMatch(s.start(), s.end(), s.group(0), (kind, s.group(0), m.ref.code), "pattern"))
        taken[s.start():s.end()] = b"\x01" * (s.end() - s.start())
    return out


def _waters(text, taken) -> list[PlaceMatch]:
    """渭河、无定河等环境治理, 北江干流: a river or lake of one or two characters before its -江/-河/-湖, known
    by what the text says of it (a basin, a main stream, its banks, its clean-up), alone or as the items of a
    list that ends in such a word."""
    out: list[PlaceMatch] = []
    words = common_words()
    for m in re.finditer(r"(?:[\u4e00-\u9fff]{1,3}[江河湖][、和及与])*[\u4e00-\u9fff]{1,3}[江河湖](?="
                         + _WATER_WORDS.pattern[1:] + ")", text):
        pos = m.start()
        for item in re.split(r"[、和及与]", m.group(0)):
            start, end = pos, pos + len(item)
            pos = end + 1
            name = _start_of_water(text, start, end)
            if name is None:
                continue
            s = end - len(name)
            if any(taken[s:end]) or name in words or _NOT_WATER.match(name):
                continue
            out.append(PlaceMatch(s, end, name, ("river" if name[-1] != "湖" else "lake", name, None), "pattern"))
            taken[s:end] = b"\x01" * (end - s)
    return out


def _start_of_water(text: str, start: int, end: int) -> str | None:
    """The water name that ends at ``end`` in text[start:end], if the words before it leave one: 开展|渭河."""
    item = text[start:end]
    if not _WATER_NAME.fullmatch(item[-3:]) and not _WATER_NAME.fullmatch(item[-2:]):
        return None
    for size in (3, 2):
        name = item[-size:]
        if len(item) < size or not _WATER_NAME.fullmatch(name) or boundary_starting_at(name, 0):
            continue  # 加强江…: a verb before 江
        before = end - size
        if before == start and (start == 0 or not re.match(r"[\u4e00-\u9fff]", text[start - 1])
                                or text[start - 1] in "、和及与" or boundary_ending_at(text, start)):
            return name
        if before > start and boundary_ending_at(text, before):
            return name
    return None


def _feature_lists(text, taken) -> list[PlaceMatch]:
    """寨山坪等67处…山体: the named item of a list of mountains, lakes, rivers."""
    out = []
    for m in _LIST_OF_FEATURES.finditer(text):
        name = m.group(1)
        lead = boundary_starting_at(name, 0)
        if lead and len(name) - len(lead) >= 2:
            name = name[len(lead):]
        name = name.strip("“”\"")
        if not any(taken[m.start(1):m.end(1)]) and len(name) >= 2:
            out.append(PlaceMatch(m.start(1), m.end(1), m.group(1), ("area", name, None), "pattern"))
            taken[m.start(1):m.end(1)] = b"\x01" * (m.end(1) - m.start(1))
    return out
