"""Targets in one clause, by the shape the clause is written in.

* indicator + cue + number: "地区生产总值超过3万亿元" (>), "提高到26%" (>=), "控制在5%以内" (<=),
  "降低15%左右" (reduce_by), "达88%以上" (以上 wins: >), "1900多个" (>);
* verb + number + object: "建成100公里滨江绿道", "新建50个工厂和500个车间" (a counted deliverable, >=);
* a bare count closing a clause: "城镇新增就业85万人" (>=), a bare growth rate "增长2%" (=);
* a share: "90%的村纳入平台" (>=);
* lists: "A和B分别达到X、Y", "A、B均增长10%以上", "建成市级、县级示范村200个、1000个";
* doubling: "翻一番", "实现“双倍增”" (2 倍).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.targets.indicators import clean, distribute, split_parts
from kg.extract.targets.quantities import (MAGNITUDES, Quantity, opens_with_count_verb, cue_before, ends_with_count_verb,
                                           find_quantities)
from kg.extract.targets.vocabulary import (ACHIEVING_VERBS, ANNUAL, CJK, COUNT_VERBS, CUES_AFTER, DOUBLING, DOUBLING_VALUE,
                                           GOVERNING_VERBS, GROWTH_CUE, LEAD_FILLER, PLAN_PARTS, SCOPE, UPGRADING)


@dataclass
class FoundTarget:
    indicator: str
    comparator: str
    value: float | None
    unit: str
    start: int  # span of the target phrase in the text
    end: int
    scope: str | None = None
    value_max: float | None = None  # the top of a range: "2—3个"
    achieved: bool = False  # the clause reports a result: "同比增长5%"


_ITEM_SEP = re.compile(r"^(?:以上|左右|以内|多)?(?:[、和及与]|的)")
_CLOSING = re.compile(r"^(?:以上|左右|以内)?(?:、|$)")
_MODIFIER = re.compile(r"^(?:以上的|以下的|的)")
# "确定4.5%左右的增长目标": a target restated, not a second one
_RESTATED = re.compile(r"^(?:以上|以下|左右)?的[^，；]{0,6}(目标|水平|标准|速度|幅度|区间)")
_ALL_DONE = re.compile(r"^(?:覆盖|达标|全覆盖)")
_OBJECT_END = re.compile(rf"[、，]|(?<=[{CJK}])[和及与](?=[{CJK}\d])|(?<!级)以上|左右")
_ENDS_WITH_VERB = re.compile(r"(做强|做大|做优|做精|打造|培育|建设|提升|推进|加快|支持|发展|引进|实施|新建|建成)$")
_LEVEL_ONLY = re.compile(rf"[{CJK}]{{1,4}}级")
_LEVEL_AND_NOUN = re.compile(rf"([{CJK}]{{1,4}}级)([{CJK}“”]{{2,}})")
_MODIFIER_ITEM = re.compile(r"(级|型|类|性)$")  # "行业级、场景级大模型": modifiers listed before one noun


MAYBE_QUANTITY = re.compile(r"\d|[一二两三四五六七八九十百千万][个家项所座条处名倍人户]|翻[一两]番|倍增|兆")


def clause_targets(clause: str, offset: int) -> list[FoundTarget]:
    """Targets in ``clause``, which starts at ``offset`` in the text."""
    if not MAYBE_QUANTITY.search(clause):
        return []
    quantities = find_quantities(clause)
    found = _doubling(clause, offset, quantities)
    if not quantities:
        return found
    for shape in (_respectively, _value_list, _share):
        listed = shape(clause, offset, quantities)
        if listed is not None:
            return found + listed
    return found + _one_by_one(clause, offset, quantities)


def _doubling(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget]:
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


def _after_cue(text: str) -> str | None:
    for cue, comparator in CUES_AFTER:
        if text.startswith(cue):
            return comparator
    return None


def _respectively(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget] | None:
    """"A和B分别达到X、Y", "A、B、C增加值分别增长5%左右、5%以上、5%左右", "A、B均增长10%以上"."""
    m = re.search(r"分别|(?<![年人平户])均(?=[为达增提超突保稳控不])|各(?=\d)", clause)
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
    trailing = _after_cue(clause[values[-1].end:])
    if growth:  # "A、B均增长10%": each indicator is a growth
        parts = [p if re.search(r"(增长|增速|涨幅)$", p) else p + "增长" for p in parts]
    out = []
    for part, q in zip(parts, values if len(values) == len(parts) else values * len(parts)):
        own = _after_cue(clause[q.end:])
        comparator = own or trailing or shared_cue or ("=" if growth else ">=")
        if shared_cue == "reduce_by":
            comparator = "reduce_by"
        elif q.more and not own:
            comparator = ">"
        unit = _unit(q.unit, part + clause[m.start(): q.start])
        if unit in MAGNITUDES and values[-1].unit.endswith("元"):
            unit += "元"  # "分别达1.28万亿、8200亿元": the money unit is written once
        out.append(FoundTarget(part, comparator, q.value, unit, offset, offset + len(clause), value_max=q.value_max))
    return out


def _value_list(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget] | None:
    """"建成市级、区县级示范村200个、1000个": one value per listed item, in order."""
    if len(quantities) < 2 or not all(clause[a.end:b.start] == "、" for a, b in zip(quantities, quantities[1:])):
        return None
    indicator, scope = clean(clause[: quantities[0].start])
    parts = split_parts(indicator, counted=True)
    tail = clause[quantities[-1].end:].strip()
    if len(parts) != len(quantities) or tail not in ("", "以上"):
        return None
    comparator = ">" if tail == "以上" else ">="
    return [FoundTarget(part, comparator, q.value, _unit(q.unit, part), offset + q.start, offset + q.end, scope,
                        q.value_max) for part, q in zip(parts, quantities)]


def _share(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget] | None:
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


def _one_by_one(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget]:
    """Each number with its own cue and indicator: the common case."""
    found: list[FoundTarget] = []
    previous: FoundTarget | None = None
    previous_end = 0  # where the previous target's phrase ends in the clause
    completion = _COMPLETION_AT_END.search(clause)
    for i, q in enumerate(quantities):
        before = clause[previous_end: q.start] if previous_end <= q.start else ""
        after = clause[q.end:]
        next_start = quantities[i + 1].start if i + 1 < len(quantities) else len(clause)
        cue, cue_length = cue_before(before)
        verb_length = 0 if cue else ends_with_count_verb(before)
        growth = bool(GROWTH_CUE.search(before))
        continuation = previous is not None and bool(re.search(r"[、和及与]$", before)) and not cue
        item_start = _ITEM_SEP.match(before)
        if item_start and (previous is not None or item_start.group(0) != item_start.group(0).lstrip("以上左右以内多")):
            before = before[item_start.end():]  # "…15个以上、大型孵化载体10个以上"
        verb_after = completion is not None and q.end <= completion.start()
        if not verb_length and not cue and not continuation and _governed(before, after, q, verb_after):
            verb_length = -1  # "布局实施人工智能、航空装备等9个专项": a verb governs the count
        later_cued = any(cue_before(clause[: later.start])[0] for later in quantities[i + 1:])
        if re.match(r"^(?:以上|以下)的", after) or (_MODIFIER.match(after) and (later_cued or i + 1 < len(quantities))) \
                or _RESTATED.match(after):
            previous_end = q.end
            continue  # "投资2000万元以上的项目3000个", "高于10万元以上的村占比达到80%": it describes the indicator
        comparator = _comparator(cue, growth, verb_length, continuation, previous, q, before, after, verb_after)
        if comparator is not None and not cue and not growth and UPGRADING.match(after) and \
                not _after_cue(after):
            comparator = None  # "推动21家开发区提能升级": an existing group, not a goal
        if comparator is None:
            previous_end = q.end
            continue
        if comparator != "reduce_by" and not cue and not verb_length and not continuation and not growth \
                and later_cued and not _CLOSING.match(after):
            previous_end = q.end
            continue  # "社区1名以上专职网格员配备率达100%": the 1 describes the indicator
        parts, scope, (begin, end) = _indicator(clause, q, before, cue, cue_length, growth, verb_length,
                                                continuation, previous, next_start)
        for part in parts:
            if len(part) < 2 or len(part) > 40:
                continue  # "整治3件事": nothing named is counted
            if PLAN_PARTS.search(part) and q.unit in ("项", "条", "个", "件", "类"):
                continue  # "预期性指标19项": the plan's own parts
            target = FoundTarget(part, comparator, q.value, _unit(q.unit, before + part), offset + begin,
                                 offset + end, scope, q.value_max)
            found.append(target)
            previous = target
        previous_end = end if end <= next_start else q.end
    return _share_the_noun(found)


def _share_the_noun(found: list[FoundTarget]) -> list[FoundTarget]:
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


# A verb that closes the clause governs the counts before it: "黄蒿界等6处煤矿建成试运转".
_COMPLETION_AT_END = re.compile(r"(建成|投运|投产|开工|完工|竣工|通车|并网|投用|投入使用)[^，、]{0,5}$")
_CLASSIFIER = re.compile(r"^(个|家|项|所|座|条|处|场|部|台|套|张|支|名|户|列|艘)$")


def _governed(before: str, after: str, q: Quantity, verb_after: bool) -> bool:
    """True when the number counts the object after it under a verb written elsewhere in the clause:
    "布局实施A、B等9个专项" (the verb opens the list), "A等6处煤矿建成投运" (the verb closes the clause),
    "联通市本级50个部门的政务数据" (the verb opens the clause, a counting classifier follows the number)."""
    if re.match(r"^(以上|以下|左右)", after):
        return False
    if re.search(r"[、等]$", before) and (opens_with_count_verb(before) or verb_after):
        return True
    if GOVERNING_VERBS.search(before) and re.match(f"^(?:以上|多|余)?[{CJK}“]", after) and \
            ACHIEVING_VERBS.search(after):
        return True  # "推动16个县整县建成美丽乡村", "为80万重点群体提供就业帮扶"
    return bool(opens_with_count_verb(before) and _CLASSIFIER.match(q.unit) and re.match(f"^[{CJK}]", after)
                and len(before) <= 14 and "、" not in before)


def _comparator(cue, growth, verb_length, continuation, previous, q: Quantity, before: str, after: str,
                verb_after: bool) -> str | None:
    comparator = cue
    if comparator is None and growth:
        comparator = "="
    if comparator is None and (verb_length or continuation):
        comparator = previous.comparator if continuation and previous else ">="
    own = _after_cue(after)
    if own and comparator != "reduce_by":
        comparator = own
    elif q.more and comparator in (None, ">=", "="):
        comparator = ">"  # "实施重大项目1900多个"
    if q.value_max is not None and comparator in (None, "=", ">="):
        comparator = ">="  # "2—3个", "增长5%—5.5%": at least the lower figure
    if _ALL_DONE.match(after) or "全部完成" in after[:24]:
        if comparator in (None, ">="):
            comparator = "="  # "100%覆盖", "86项任务全部完成": exactly all
    if comparator is None:
        # a bare count closing its clause or list item: "城镇新增就业85万人", "孵化载体10个以上、"
        closing = _CLOSING.match(after) or (verb_after and _COMPLETION_AT_END.match(after))
        if closing and before.strip() and re.search(f"[{CJK})）”]$", before):
            comparator = ">=" if not q.more else ">"
    return comparator


def _indicator(clause, q: Quantity, before, cue, cue_length, growth, verb_length, continuation, previous,
               next_start) -> tuple[list[str], str | None, tuple[int, int]]:
    """(indicators, scope, the span of the target phrase in the clause) for the number ``q``."""
    after_cue = re.match(r"^(以上|左右|以内|以下|上下)", clause[q.end:])
    end = q.end + (after_cue.end() if after_cue else 0)
    if cue or growth or (not verb_length and not continuation and before.strip()):
        raw = before[: len(before) - cue_length] if cue_length else before
        if not raw.strip() and previous is None:
            raw = clause[: q.start - cue_length]
        items = raw.split("、")
        if len(items) > 1 and opens_with_count_verb(items[-1]):
            raw = items[-1]  # "推进2000个省级重点项目、完成投资9800亿元": the item of this number
        indicator, scope = clean(raw.lstrip("（("))
        if SCOPE.fullmatch(indicator):  # "全省30万以上参保孕产妇…": the scope is all there is before it
            scope, indicator = indicator, clean(_object(clause[q.end:next_start]))[0]
        if previous is not None and re.fullmatch(r"(累计|其中|新增)?", indicator):
            indicator = indicator + previous.indicator  # "新增2400户（累计约3600户）": 累计 of the same thing
        if not indicator and raw.strip():  # "力争累计开行超3.2万列": the verb is all there is
            indicator = LEAD_FILLER.sub("", raw.strip())
        if len(indicator) < 2 or GOVERNING_VERBS.fullmatch(indicator) or indicator in COUNT_VERBS or \
                (_ENDS_WITH_VERB.search(indicator) and re.match(f"^(?:以上|左右|多)?[{CJK}“]", clause[q.end:])):
            # "达到万兆到旗县区", "为1000家左右卫生院配备终端": what is counted follows the number
            indicator = clean(_object(clause[q.end:next_start]))[0] or indicator
            at = clause.find(indicator, q.end)
            if 0 <= at - q.end <= 16:
                end = max(end, at + len(indicator))
        parts = distribute(split_parts(indicator)) or [indicator]
        begin = clause.rfind(indicator, 0, q.start) if indicator and indicator in clause[: q.start] else q.start
    else:
        words_after = _past_aside(clause, q.end, next_start)
        if q.unit == "兆":  # "20兆进牧户的带宽要求": the reach is what is measured
            words_after = words_after.split("的")[0]
        obj = _object(words_after)
        indicator, scope = clean(obj)
        if not indicator and verb_length > 0:
            verb = before[len(before) - verb_length:]
            indicator = clean(before[: len(before) - verb_length])[0] or verb
        if not indicator and continuation and previous is not None:
            indicator = previous.indicator
        parts = [indicator]
        begin = q.start - verb_length if verb_length > 0 else q.start
        at = clause.find(indicator, q.end) if indicator else -1
        if at >= 0 and at - q.end <= 16:
            end = max(end, at + len(indicator))
    if growth and not any(a in parts[0] for a in ANNUAL) and any(a in before for a in ANNUAL):
        parts = [p + "年均增长" for p in parts]
    return parts, scope, (begin, end)


def _past_aside(clause: str, start: int, stop: int) -> str:
    """The words after a number, past a bracketed aside: "新增2400户（累计约3600户）餐饮单位" -> 餐饮单位."""
    aside = re.match(r"^[（(][^（）()]*[)）]", clause[start:])
    if aside:
        return clause[start + aside.end():]
    return clause[start:stop]


def _first_part(text: str) -> str:
    """``text`` up to its first separator outside brackets: "县（市、区）整县…、" -> 县（市、区）整县…."""
    depth = 0
    for i, char in enumerate(text):
        depth += char in "（("
        depth -= char in "）)" and depth > 0
        if depth == 0 and _OBJECT_END.match(text, i):
            return text[:i]
    return text


def _object(text: str) -> str:
    """What a counted number counts: "40个吸引力强、带动面广的消费场景" -> 消费场景."""
    text = re.sub(r"^(?:以上|左右|以内|多)?的?", "", text)
    if text.startswith(("（", "(")):
        return ""  # "培训40万人次（牵头单位": a note, not what is counted
    head = _first_part(text)
    while _MODIFIER_ITEM.search(head) and text[len(head): len(head) + 1] == "、":
        longer = head + "、" + _first_part(text[len(head) + 1:])
        if longer == head + "、":
            break
        head = longer
    described = re.match(r"^([^，；]*?)的([^的，；]{2,})", text)
    if described and ("、" in described.group(1) or "的" in head):
        return _first_part(described.group(2))
    return head


def _unit(unit: str, context: str) -> str:
    if unit == "%" and any(a in context for a in ANNUAL):
        return "%/year"
    return unit
