"""Clauses that state several targets at once, and doubling.

* "A和B分别达到X、Y", "A、B、C增加值分别增长5%左右、5%以上、5%左右" (分别: one value per item);
* "A、B均增长10%以上", "A、B、C各1个" (均/各: one value for every item);
* "建成市级、区县级示范村200个、1000个" (values listed after the items, in order);
* "全市90%以上的村纳入监管平台" (a share of something that does something);
* "绿色融资余额翻一番", "实现“双倍增”" (2 倍).
"""
from __future__ import annotations

import re

from kg.extract.targets.found import FoundTarget, after_cue, unit_for
from kg.extract.targets.indicators import clean, distribute, split_parts
from kg.extract.targets.quantities import MAGNITUDES, Quantity, cue_before
from kg.extract.targets.vocabulary import CJK, DOUBLING, DOUBLING_VALUE, GROWTH_CUE

_EACH = re.compile(r"分别|(?<![年人平户])均(?=[为达增提超突保稳控不])|各(?=\d)")
_LEVEL_ONLY = re.compile(rf"[{CJK}]{{1,4}}级")
_LEVEL_AND_NOUN = re.compile(rf"([{CJK}]{{1,4}}级)([{CJK}“”]{{2,}})")


def doubling(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget]:
    """"绿色融资余额翻一番", "高新技术企业实现“双倍增”" (2 倍)."""
    out = []
    for m in DOUBLING.finditer(clause):
        item_start = clause.rfind("、", 0, m.start()) + 1
        if any(item_start <= q.start < m.start() for q in quantities):
            continue  # "增长5.1倍" style: the number is written
        subject = clause[item_start: m.start()]
        indicator, scope = clean(subject.rstrip("“"))
        if indicator:
            out.append(FoundTarget(indicator, ">=", DOUBLING_VALUE[m.group(1)], "倍", offset + item_start,
                                   offset + m.end(), scope))
    return out


def respectively(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget] | None:
    """"A和B分别达到X、Y", "A、B、C增加值分别增长5%左右、5%以上、5%左右", "A、B均增长10%以上"."""
    m = _EACH.search(clause)
    if not m:
        return None
    values = [q for q in quantities if q.start > m.start()]
    if not values:
        return None
    subject = clause[: m.start()]
    parts = split_parts(clean(subject)[0], counted=True)
    parts = distribute(parts) or parts
    if len(parts) < 2 or (len(values) > 1 and len(parts) != len(values)):
        # the subject may start after other words: "…实现“双倍增”、总量分别达到1.27万家和8.6万家"
        for piece in reversed([p for p in re.split(r"[，、]|实现|总量", subject) if p]):
            candidate = split_parts(clean(piece)[0], counted=True)
            if len(candidate) == len(values):
                parts = distribute(candidate) or candidate
                break
    if len(parts) < 2 or not (len(parts) == len(values) or len(values) == 1):
        return None
    shared_cue = cue_before(clause[m.end(): values[0].start])[0]
    growth = bool(GROWTH_CUE.search(clause[m.end(): values[0].start]))
    trailing = after_cue(clause[values[-1].end:])
    if growth:  # "A、B均增长10%": each indicator is a growth
        parts = [p if re.search(r"(增长|增速|涨幅)$", p) else p + "增长" for p in parts]
    out = []
    # one value per part, or the one value repeated for each (checked above)
    for part, q in zip(parts, values if len(values) == len(parts) else values * len(parts), strict=True):
        own = after_cue(clause[q.end:])
        comparator = own or trailing or shared_cue or ("=" if growth else ">=")
        if shared_cue == "reduce_by":
            comparator = "reduce_by"
        elif q.more and not own:
            comparator = ">"
        unit = unit_for(q.unit, part + clause[m.start(): q.start])
        if unit in MAGNITUDES and values[-1].unit.endswith("元"):
            unit += "元"  # "分别达1.28万亿、8200亿元": the money unit is written once
        out.append(FoundTarget(part, comparator, q.value, unit, offset, offset + len(clause), value_max=q.value_max))
    return out


def value_list(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget] | None:
    """"建成市级、区县级示范村200个、1000个": one value per listed item, in order."""
    # each quantity with the next one: the second sequence is one shorter
    if len(quantities) < 2 or not all(clause[a.end:b.start] == "、"
                                      for a, b in zip(quantities, quantities[1:], strict=False)):
        return None
    indicator, scope = clean(clause[: quantities[0].start])
    parts = split_parts(indicator, counted=True)
    tail = clause[quantities[-1].end:].strip()
    if len(parts) != len(quantities) or tail not in ("", "以上"):
        return None
    comparator = ">" if tail == "以上" else ">="
    return [FoundTarget(part, comparator, q.value, unit_for(q.unit, part), offset + q.start, offset + q.end, scope,
                        q.value_max) for part, q in zip(parts, quantities, strict=True)]  # as many (checked above)


def share(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget] | None:
    """"全市90%以上的村纳入监管平台": a share of something that does something (the clause's only number)."""
    if len(quantities) != 1 or quantities[0].unit != "%":
        return None
    q = quantities[0]
    before, after = clause[: q.start], clause[q.end:]
    m = re.match(r"^(以上)?的", after)
    if not m or cue_before(before)[0] or re.search(r"(增长|下降|提高|降低)$", before):
        return None
    indicator, _ = clean(after[m.end():])
    scope = clean(before)[0] or None
    if len(indicator) < 4:
        return None
    comparator = ">" if m.group(1) else ">="
    return [FoundTarget(indicator, comparator, q.value, "%", offset + q.start, offset + len(clause), scope)]


def share_the_noun(found: list[FoundTarget]) -> list[FoundTarget]:
    """"培育6个世界级、7个国家级、9个区域级产业集群": the levels share the last one's noun."""
    for i, target in enumerate(found[:-1]):
        if not _LEVEL_ONLY.fullmatch(target.indicator):
            continue
        for later in found[i + 1:]:
            m = _LEVEL_AND_NOUN.match(later.indicator)
            if m:
                target.indicator += m.group(2)
                break
            if not _LEVEL_ONLY.fullmatch(later.indicator):
                break
    return found
