"""Where a name starts and ends: the word that governs it, the clause it stands in, what follows its head."""
from __future__ import annotations

import re

from kg.extract.lexicon import BOUNDARY_WORDS
from kg.extract.words import common_words

_BOUNDARY_BY_LAST: dict[str, list[str]] = {}


for _w in BOUNDARY_WORDS:
    _BOUNDARY_BY_LAST.setdefault(_w[-1], []).append(_w)


_CONJ_WORDS = ("和谐", "和平", "及时", "普及", "涉及", "参与", "高等", "中等", "平等", "同等", "等级", "给予")


def boundary_len(text: str, pos: int) -> int:
    """Length of a boundary word ending at ``pos`` (0 when none)."""
    if pos <= 0 or pos > len(text):
        return 0
    for w in _BOUNDARY_BY_LAST.get(text[pos - 1], ()):
        n = len(w)
        if pos >= n and text.startswith(w, pos - n):
            if n == 1 and any(text.startswith(cw, k) for cw in _CONJ_WORDS for k in (pos - 2, pos - 1)):
                continue
            return n
    return 0


_NOMINAL_VERBS = {"对接", "交易", "交换", "共享", "监管", "审批", "申报", "预警", "监测", "融资", "办公", "服务",
                  "管理", "调度", "交流", "展示", "流转", "报送", "督办", "评价", "登记", "采集",
                  # 创新发展试验区, 综合开发示范区: what a zone is for
                  "发展", "开发"}


def left_edge(text: str, clause_start: int, suffix_start: int, stop_at_deng: bool = False) -> int:
    """Where the name ending at ``suffix_start`` begins: after the last boundary word, 、 or clause start."""
    i = suffix_start
    jumped = False
    while i > clause_start:
        ch = text[i - 1]
        if ch in "、" or (ch == "好" and i - 1 > clause_start and text[i - 2] not in "美友良"):
            return i  # 管好、用好、建好|…: a verb's result 好 ends the words that govern a name
        if ch == "”":  # a quoted part stays whole
            j = text.rfind("“", clause_start, i - 1)
            if j >= clause_start:
                i = j
                continue
        if ch in "）)":
            j = max(text.rfind("（", clause_start, i), text.rfind("(", clause_start, i))
            if j >= clause_start:
                i = j
                continue
        n = boundary_len(text, i)
        if n and i == suffix_start and text[i - 2:i] in _NOMINAL_VERBS:
            i -= 2  # 供需对接平台, 质押融资平台: a verb right before the head names what the system does
            continue
        if n and (text[i - n:i] != "等" or stop_at_deng):
            # “清水绿岸”治理提升工程: a verb between a closing quote and the head belongs to the name
            q = text.rfind("”", clause_start, i - n + 1)
            word = text[i - n:i]
            if (not jumped and word not in ("和", "及", "与", "以及", "或") and q >= 0 and i - q <= 10
                    and not re.search(r"[，。；、,;]", text[q:i]) and text.rfind("“", clause_start, q) >= 0):
                i = text.rfind("“", clause_start, q)
                jumped = True
                continue
            return i
        i -= 1
    return clause_start


def clauses(text: str, start: int, end: int):
    """Clause spans of a sentence (split on ，；：, not inside brackets or quotes)."""
    depth, quote, s = 0, False, start
    for i in range(start, end):
        c = text[i]
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        elif c == "“":
            quote = True
        elif c == "”":
            quote = False
        elif c in "，；：。！？,;:!?" and not quote:
            if i > s:
                yield s, i
            s = i + 1
    if end > s:
        yield s, end


def ends_phrase(text: str, end: int, clause_end: int) -> bool:
    rest = text[end:clause_end]
    if boundary_len(text, end + 2) == 2 or boundary_len(text, end + 4) == 4:
        return True
    return bool(re.match(r"^(等|和|与|及|以及|、|建设|建成|开工|为|在|的|实现|纳入|落地|投用|投运|通车|提档|提质|"
                         r"货运|客运|运输|通航|航运|水运|口岸|创新|改革|探索|开发开放|高水平|片区|"
                         r"提升|扩大|运营|功能|能级|核心|试点|整体|前期|集聚|融合|启动|优化|获批|作用|合作|协同|"
                         r"开放|贯通|升级|示范|联动|核准|批复|投入使用|投入运营|投入运行|投产|达产|竣工|完工|辐射|带动|成为|对接|接驳|有力|互联|达到|引领|体系|品牌|项目|"
                         r"高水平|高质量|研发|一体化|基本|全面|加快|重点|国际影响力|影响力|建设运营|开发|发展|"
                         r"基础功能|功能)", rest))


def continues_word(text: str, end: int) -> bool:
    """Does an everyday word run across ``end`` (港|口 in 港口, 线|上 in 线上, 中心|城区)?"""
    words = common_words()
    return any(text[i:i + size] in words for size in (2, 3, 4) for i in range(max(0, end - size + 1), end))
