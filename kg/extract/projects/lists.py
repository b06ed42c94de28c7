"""Lists of names sharing one head: 铜锣峡、黄草峡储气库; 藻渡、向阳等大中型水库; X、Y等项目."""
from __future__ import annotations

import re

from kg.extract.lexicon import STRONG_SUFFIXES
from kg.extract.projects.boundaries import left_edge
from kg.extract.projects.heads import SUFFIX_END, SUFFIX_KIND, SUFFIX_RE, contains_suffix, generic, own_head
from kg.extract.projects.model import Candidate
from kg.extract.words import cuts_word, plain_words


def root_of(name: str) -> str | None:
    """'江北国际机场T3B航站楼' -> '江北国际机场' (the name up to its first strong suffix)."""
    for m in SUFFIX_RE.finditer(name):
        if m.end() < len(name) and SUFFIX_KIND[m.group(0)] in STRONG_SUFFIXES:
            return name[: m.end()]
    return None


def with_list(text, clause_start, start, head_start, end, suffix, kind, previous) -> list[Candidate]:
    """The candidate text[start:end] plus list items that share its head."""
    name = text[start:end]
    head = text[head_start:end]
    out: list[Candidate] = []
    stem = text[start:head_start]
    # "藻渡、向阳、跳蹬等大中型水库" / "解放碑—朝天门、观音桥等商圈": items before 等 share the head
    k, klen = stem.rfind("等"), 1
    counted = re.search(r"[\d一二两三四五六七八九十]+[个项座条处]$", stem)
    if counted and counted.start() > 0:
        k, klen = counted.start(), len(counted.group(0))
    quoted_head = "“" in text[start + k + klen:end] if k > 0 else False  # 体重、视力等“五健”促进行动计划
    if k > 0 and stem[k - 1] not in "“、" and not quoted_head and \
            not any(stem.startswith(w, k - 1) for w in ("高等", "中等", "平等")):
        items = list_items(text, clause_start, start + k)
        modifier = stem[k + klen:]
        level = re.match(r"^(国家级|国家|全国|省级)", modifier)
        if level:
            head = level.group(0) + head
        # 山阳、勉县等6个抽水蓄能项目: a specific class word after the count is part of the shared head
        specific = _COUNT_LEAD.sub("", modifier)
        if specific and not generic(specific) and not plain_class(specific) and specific not in head:
            head = specific + head
        if suffix == "项目" and head.endswith("项目") and (not specific or plain_class(specific)):
            # 中石化特种纤维、宝丰煤制烯烃等项目建成投产: the items are the projects' names
            return [Candidate(text[item_start:item_end], item_start, item_end, "", "other",
                              aliases=[text[item_start:item_end] + "项目"],
                              place_span=(item_start, item_end), derived=True, named=True)
                    for item_start, item_end in items if _names_an_undertaking(text, item_start, item_end)]
        made = False
        paren = re.search(r"[（(][^（()）]+[)）]$", head)
        tail = (end - len(paren.group(0)), end) if paren else None
        for item_start, item_end in items:
            item = text[item_start:item_end]
            if own_head(item) or _ends_in_the_head(item, head):
                continue  # "成渝中线高铁、…等项目", "崇明线、…等轨道交通线": the items are names already
            full = _prefix_from_first(items, text, item_start, item_end) + head
            prefix_len = len(full) - len(item) - len(head)
            extra = (items[0][0], items[0][0] + prefix_len) if prefix_len > 0 else None
            out.append(Candidate(full, item_start, item_end, suffix, kind, aliases=[item],
                                 place_span=(item_start, item_end), derived=True,
                                 extra_span=extra, shared_span=tail))
            made = True
        if made:
            return out
        if not modifier or generic(modifier):
            return out
        return out + [Candidate(text[start + k + klen:end], start + k + klen, end, suffix, kind,
                                place_span=(start + k + klen, end))]
    # "江北国际机场T3B航站楼及第四跑道": an ordinal item takes the root of the name before it
    if re.match(r"^第[一二三四五六七八九十\d]+", name) and previous:
        root = root_of(previous[-1].name)
        if root and text[previous[-1].end:start].strip("及和与、") == "":
            out.append(Candidate(root + name, start, end, suffix, kind, aliases=[name],
                                 place_span=(previous[-1].start, end)))
            return out
    # "轨道交通第四期、第五期规划项目": ordinals share what stands around them
    m = re.match(r"^(第[一二三四五六七八九十\d]+期)", name)
    if m and start > clause_start and text[start - 1] == "、":
        prev = list_items(text, clause_start, start - 1)
        if prev:
            item = text[prev[-1][0]:prev[-1][1]]
            pm = re.search(r"第[一二三四五六七八九十\d]+期$", item)
            if pm:
                prefix, tail = item[: pm.start()], name[m.end():]
                return [Candidate(item + tail, prev[-1][0], prev[-1][1], suffix, kind, place_span=prev[-1],
                                  derived=True),
                        Candidate(prefix + name, start, end, suffix, kind, place_span=(start, end), derived=True)]
    out.append(Candidate(name, start, end, suffix, kind, place_span=(start, end)))
    # "铜锣峡、黄草峡储气库": bare items before the name, separated by 、 - but not before a quoted name,
    # which is one programme's own (视力、心理“五健”促进行动计划)
    if (start > clause_start and text[start - 1] == "、" and len(text[start:head_start]) <= 6
            and "“" not in text[start:end]):
        items = [(a, b) for a, b in _bare_items_before(text, list_items(text, clause_start, start - 1))
                 if not _ends_in_the_head(text[a:b], head)]
        if items:
            for item_start, item_end in items:
                item = text[item_start:item_end]
                if generic(item) or len(item) > 8:
                    continue
                out.append(Candidate(item + head, item_start, item_end, suffix, kind, aliases=[item],
                                     place_span=(item_start, item_end), derived=True))
    # "中心城区至永川、南川等市域铁路" is the 等 case above
    return out


def _ends_in_the_head(item: str, head: str) -> bool:
    """崇明线 before 轨道交通线 or 线, 荆州港 before 港口: an item that ends in a one-character head the list's
    head also holds is named already (no 崇明线线, 荆州港港); 两路果园港 before 综合保税区 is not."""
    return len(item) >= 3 and bool(SUFFIX_END.search(item)) and item[-1] in head


def _bare_items_before(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items right before a name that share its head, walking left: 西安东站和府谷、定边机场 shares
    机场 with 府谷 only (a conjunction starts the list); none when an item has a head of its own."""
    out: list[tuple[int, int]] = []
    for item_start, item_end in reversed(items):
        item = text[item_start:item_end]
        conj = max((item.rfind(w) + len(w) for w in ("以及", "和", "及", "与") if w in item), default=-1)
        if conj > 0:
            if not contains_suffix(item[conj:]) and item_end - item_start - conj >= 2:
                out.append((item_start + conj, item_end))
            break
        if contains_suffix(item):
            return []
        out.append((item_start, item_end))
    return out[::-1]


_COUNT_LEAD = re.compile(r"^(?:[\d一二两三四五六七八九十百千]+(?:多|余)?[个项座条处家批所台套]|一批|多个|若干)")


# Words that say what kind of project a list holds without naming one: 重大, 重点, 外资, 高科技, 合作 …
_PROJECT_CLASS = re.compile(r"^(?:新|重大|重点|标志性|产业|工业|外资|内资|高科技|招商|央企|央地|国际合作|合作|民生|"
                            r"基础设施|补短板|强链|延链|续建|新建|在建|[\u4e00-\u9fff]{1,2}合作)*$")


def plain_class(words: str) -> bool:
    """Is ``words`` only a description of a class of projects (重大, 外资, 160多个高科技)?"""
    return bool(_PROJECT_CLASS.match(_COUNT_LEAD.sub("", words)))


def _names_an_undertaking(text: str, start: int, end: int) -> bool:
    """An item of 'X、Y等项目' names a project when it is more than everyday words (中石化特种纤维, not 城中村改造)
    and does not start inside a word (保障|性住房)."""
    item = text[start:end]
    return (3 <= len(item) <= 24 and not plain_words(item) and not generic(item)
            and not cuts_word(text, start, end))


def _prefix_from_first(items, text, item_start, item_end) -> str:
    """Later items inherit the "X至" of the first: 中心城区至永川、南川 -> 中心城区至南川."""
    first = text[items[0][0]:items[0][1]]
    item = text[item_start:item_end]
    m = re.match(r"^(.{2,10}?至)", first)
    if m and (item_start, item_end) != items[0] and "至" not in item:
        return m.group(1) + item
    return item


def list_items(text, clause_start, end) -> list[tuple[int, int]]:
    """Items separated by 、 going left from ``end`` to the phrase boundary."""
    lo = end
    while lo > clause_start and text[lo - 1] not in "，。；：,;:！？":
        lo -= 1
    # the first item starts after the verb that governs the list
    first_end = text.find("、", lo, end)
    first_end = end if first_end < 0 else first_end
    lo = left_edge(text, lo, first_end)
    spans, head_start = [], lo
    for i in range(lo, end + 1):
        if i == end or text[i] == "、":
            if i > head_start:
                spans.append((head_start, i))
            head_start = i + 1
    return spans
