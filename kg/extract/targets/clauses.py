"""Targets in one clause, by the shape the clause is written in.

* indicator + cue + number: "地区生产总值超过3万亿元" (>), "提高到26%" (>=), "控制在5%以内" (<=),
  "降低15%左右" (reduce_by), "达88%以上" (以上 wins: >), "1900多个" (>);
* verb + number + object: "建成100公里滨江绿道", "新建50个工厂和500个车间" (a counted deliverable, >=);
* a bare count closing a clause: "城镇新增就业85万人" (>=), a bare growth rate "增长2%" (=);
* lists, shares and doubling: see :mod:`.lists`.

Numbers that describe rather than aim are passed over: "投资2000万元以上的项目",
"社区1名以上专职网格员配备率", "确定4.5%左右的增长目标", "推动21家开发区提能升级".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.targets.found import FoundTarget, after_cue, unit_for
from kg.extract.targets.indicators import clean, counted_object, distribute, split_parts, words_after
from kg.extract.targets.lists import doubling, respectively, share, share_the_noun, value_list
from kg.extract.targets.quantities import (
    Quantity,
    cue_before,
    ends_with_count_verb,
    find_quantities,
    opens_with_count_verb,
)
from kg.extract.targets.vocabulary import (
    ACHIEVING_VERBS,
    ANNUAL,
    CJK,
    COUNT_VERBS,
    GOVERNING_VERBS,
    GROWTH_CUE,
    LEAD_FILLER,
    PLAN_PARTS,
    SCOPE,
    UPGRADING,
)

# A clause that may hold a quantity at all (most clauses of a plan do not).
MAYBE_QUANTITY = re.compile(r"\d|[一二两三四五六七八九十百千万][个家项所座条处名倍人户]|翻[一两]番|倍增|兆")

_ITEM_SEPARATOR = re.compile(r"^(?:以上|左右|以内|多)?(?:[、和及与]|的)")
_CLOSING = re.compile(r"^(?:以上|左右|以内)?(?:、|$)")
_DESCRIBES = re.compile(r"^(?:以上的|以下的|的)")
_THRESHOLD = re.compile(r"^(?:以上|以下)的")  # "投资2000万元以上的项目": a threshold describing a noun
_RESTATED = re.compile(r"^(?:以上|以下|左右)?的[^，；]{0,6}(目标|水平|标准|速度|幅度|区间)")  # "确定4.5%左右的增长目标"
_ALL_DONE = re.compile(r"^(?:覆盖|达标|全覆盖)")
_ENDS_WITH_VERB = re.compile(r"(做强|做大|做优|做精|打造|培育|建设|提升|推进|加快|支持|发展|引进|实施|新建|建成)$")
# A verb that closes the clause governs the counts before it: "黄蒿界等6处煤矿建成试运转".
_COMPLETION_AT_END = re.compile(r"(建成|投运|投产|开工|完工|竣工|通车|并网|投用|投入使用)[^，、]{0,5}$")
_CLASSIFIER = re.compile(r"^(个|家|项|所|座|条|处|场|部|台|套|张|支|名|户|列|艘)$")
_COUNTED_UNITS = ("项", "条", "个", "件", "类")
_NOUN_NEXT = re.compile(f"^(?:以上|左右|多|余)?[{CJK}“]")  # a noun (or a cue, then a noun) follows the number
_BASELINE_BEFORE = re.compile(r"(?:从|由)(?:20\d{2}年(?:底|末)?的?)?$")
_HAN_NEXT = re.compile(f"^[{CJK}]")
_WORD_END = re.compile(f"[{CJK})）”]")


@dataclass
class _Surroundings:
    """What is written around one number of a clause."""

    before: str  # the words since the previous target (or the clause's start)
    after: str  # the rest of the clause
    next_start: int  # where the next number starts (the clause's end if none)
    cue: str | None  # the comparator of a cue right before the number ("提高到")
    cue_length: int
    verb_length: int  # a count verb right before the number (its length), a verb governing it elsewhere (-1), none (0)
    growth: bool  # "增长" right before the number
    continuation: bool  # an item of a list after the previous target ("…、孵化载体10个以上")
    verb_after: bool  # a completing verb closes the clause ("…等6处煤矿建成投运")


def clause_targets(clause: str, offset: int) -> list[FoundTarget]:
    """Targets in ``clause``, which starts at ``offset`` in the text."""
    if not MAYBE_QUANTITY.search(clause):
        return []
    quantities = find_quantities(clause)
    found = doubling(clause, offset, quantities)
    if not quantities:
        return found
    for shape in (respectively, value_list, share):
        listed = shape(clause, offset, quantities)
        if listed is not None:
            return found + listed
    return found + _one_by_one(clause, offset, quantities)


def _one_by_one(clause: str, offset: int, quantities: list[Quantity]) -> list[FoundTarget]:
    """Each number with its own cue and indicator: the common case."""
    found: list[FoundTarget] = []
    previous: FoundTarget | None = None
    previous_end = 0  # where the previous target's phrase ends in the clause
    completion = _COMPLETION_AT_END.search(clause)
    for i, q in enumerate(quantities):
        later = quantities[i + 1:]
        around = _surroundings(clause, q, later, previous, previous_end, completion)
        later_cued = any(cue_before(clause[: number.start])[0] for number in later)
        if _BASELINE_BEFORE.search(clause[: q.start]) and later and cue_before(clause[: later[0].start])[0]:
            previous_end = q.end
            continue  # "从15个县扩大到57个县": the first number is where it starts from
        if _THRESHOLD.match(around.after) or _RESTATED.match(around.after) or \
                (_DESCRIBES.match(around.after) and later):
            previous_end = q.end
            continue  # "投资2000万元以上的项目3000个", "高于10万元以上的村占比达到80%": it describes
        comparator = _comparator(around, q, previous)
        if comparator is not None and not around.cue and not around.growth and UPGRADING.match(around.after) \
                and not after_cue(around.after):
            comparator = None  # "推动21家开发区提能升级": an existing group, not a goal
        if comparator is not None and comparator != "reduce_by" and not (around.cue or around.verb_length or
                                                                        around.continuation or around.growth) \
                and later_cued and not _CLOSING.match(around.after):
            comparator = None  # "社区1名以上专职网格员配备率达100%": the 1 describes the indicator
        if comparator is None:
            previous_end = q.end
            continue
        parts, scope, (begin, end) = _indicator(clause, q, around, previous)
        for part in parts:
            if len(part) < 2 or len(part) > 40:
                continue  # "整治3件事": nothing named is counted
            if PLAN_PARTS.search(part) and q.unit in _COUNTED_UNITS:
                continue  # "预期性指标19项": the plan's own parts
            previous = FoundTarget(part, comparator, q.value, unit_for(q.unit, around.before + part), offset + begin,
                                   offset + end, scope, q.value_max)
            found.append(previous)
        previous_end = end if end <= around.next_start else q.end
    return share_the_noun(found)


def _surroundings(clause: str, q: Quantity, later: list[Quantity], previous: FoundTarget | None,
                  previous_end: int, completion: re.Match | None) -> _Surroundings:
    before = clause[previous_end: q.start] if previous_end <= q.start else ""
    after = clause[q.end:]
    cue, cue_length = cue_before(before)
    verb_length = 0 if cue else ends_with_count_verb(before)
    continuation = previous is not None and before[-1:] in ("、", "和", "及", "与") and not cue
    separator = _ITEM_SEPARATOR.match(before)
    if separator and (previous is not None or separator.group(0)[:1] in "以左多"):
        before = before[separator.end():]  # "…15个以上、大型孵化载体10个以上"
    verb_after = completion is not None and q.end <= completion.start()
    if not verb_length and not cue and not continuation and _governed(before, after, q, verb_after):
        verb_length = -1  # "布局实施人工智能、航空装备等9个专项": a verb governs the count
    return _Surroundings(before=before, after=after, next_start=later[0].start if later else len(clause), cue=cue,
                         cue_length=cue_length, verb_length=verb_length, growth=bool(GROWTH_CUE.search(before)),
                         continuation=continuation, verb_after=verb_after)


def _governed(before: str, after: str, q: Quantity, verb_after: bool) -> bool:
    """True when the number counts the object after it under a verb written elsewhere in the clause:
    "布局实施A、B等9个专项" (the verb opens the list), "A等6处煤矿建成投运" (the verb closes the clause),
    "为80万重点群体提供就业帮扶" (a verb aims the count at a change),
    "联通市本级50个部门的政务数据" (the verb opens the clause, a counting classifier follows the number)."""
    if re.match(r"^(以上|以下|左右)", after):
        return False
    if before[-1:] in ("、", "等") and (opens_with_count_verb(before) or verb_after):
        return True
    if GOVERNING_VERBS.search(before[-2:]) and _NOUN_NEXT.match(after) and \
            ACHIEVING_VERBS.search(after):
        return True
    return bool(opens_with_count_verb(before) and _CLASSIFIER.match(q.unit) and _HAN_NEXT.match(after)
                and len(before) <= 14 and "、" not in before)


def _comparator(around: _Surroundings, q: Quantity, previous: FoundTarget | None) -> str | None:
    """The comparator as the golds write it, or None when the number is not a target."""
    comparator = around.cue
    if comparator is None and around.growth:
        comparator = "="
    if comparator is None and (around.verb_length or around.continuation):
        comparator = previous.comparator if around.continuation and previous else ">="
    own = after_cue(around.after)
    if own and comparator != "reduce_by":
        comparator = own
    elif q.more and comparator in (None, ">=", "="):
        comparator = ">"  # "实施重大项目1900多个"
    if q.value_max is not None and comparator in (None, "=", ">="):
        comparator = ">="  # "2—3个", "增长5%—5.5%": at least the lower figure
    if (_ALL_DONE.match(around.after) or "全部完成" in around.after[:24]) and comparator in (None, ">="):
        comparator = "="  # "100%覆盖", "86项任务全部完成": exactly all
    if comparator is None:
        # a bare count closing its clause or list item: "城镇新增就业85万人", "孵化载体10个以上、"
        closing = _CLOSING.match(around.after) or (around.verb_after and _COMPLETION_AT_END.match(around.after))
        if closing and around.before.strip() and _WORD_END.match(around.before[-1:]):
            comparator = ">" if q.more else ">="
    return comparator


def _indicator(clause: str, q: Quantity, around: _Surroundings,
               previous: FoundTarget | None) -> tuple[list[str], str | None, tuple[int, int]]:
    """(indicators, scope, the span of the target phrase in the clause) for the number ``q``."""
    trailing_cue = re.match(r"^(以上|左右|以内|以下|上下)", around.after)
    end = q.end + (trailing_cue.end() if trailing_cue else 0)
    if around.cue or around.growth or (not around.verb_length and not around.continuation and around.before.strip()):
        indicator, scope, written_after = _indicator_before(clause, q, around, previous)
        at = clause.find(indicator, q.end) if written_after else -1
        if 0 <= at - q.end <= 16:
            end = max(end, at + len(indicator))
        parts = distribute(split_parts(indicator)) or [indicator]
        begin = clause.rfind(indicator, 0, q.start) if indicator and indicator in clause[: q.start] else q.start
    else:
        words = words_after(clause, q.end, around.next_start)
        if q.unit == "兆":  # "20兆进牧户的带宽要求": the reach is what is measured
            words = words.split("的")[0]
        indicator, scope = clean(counted_object(words))
        if not indicator and around.verb_length > 0:
            verb = around.before[len(around.before) - around.verb_length:]
            indicator = clean(around.before[: len(around.before) - around.verb_length])[0] or verb
        if not indicator and around.continuation and previous is not None:
            indicator = previous.indicator
        parts = [indicator]
        begin = q.start - around.verb_length if around.verb_length > 0 else q.start
        at = clause.find(indicator, q.end) if indicator else -1
        if at >= 0 and at - q.end <= 16:
            end = max(end, at + len(indicator))
    if around.growth and not any(a in parts[0] for a in ANNUAL) and any(a in around.before for a in ANNUAL):
        parts = [p + "年均增长" for p in parts]
    return parts, scope, (begin, end)


def _indicator_before(clause: str, q: Quantity, around: _Surroundings,
                      previous: FoundTarget | None) -> tuple[str, str | None, bool]:
    """(indicator, scope, whether it is written after the number): the indicator written before its number
    ("城镇调查失业率控制在5.5%"), or after it when the words before only say who acts or how
    ("为1000家左右卫生院配备终端")."""
    raw = around.before[: len(around.before) - around.cue_length] if around.cue_length else around.before
    if not raw.strip() and previous is None:
        raw = clause[: q.start - around.cue_length]
    items = raw.split("、")
    if len(items) > 1 and opens_with_count_verb(items[-1]):
        raw = items[-1]  # "推进2000个省级重点项目、完成投资9800亿元": the item of this number
    indicator, scope = clean(raw.lstrip("（("))
    if SCOPE.fullmatch(indicator):  # "全省30万以上参保孕产妇…": the scope is all there is before it
        return clean(counted_object(clause[q.end: around.next_start]))[0], indicator, False
    if previous is not None and re.fullmatch(r"(累计|其中|新增)?", indicator):
        indicator = indicator + previous.indicator  # "新增2400户（累计约3600户）": 累计 of the same thing
    if not indicator and raw.strip():  # "力争累计开行超3.2万列": the verb is all there is
        indicator = LEAD_FILLER.sub("", raw.strip())
    if len(indicator) < 2 or GOVERNING_VERBS.fullmatch(indicator) or indicator in COUNT_VERBS or \
            (_ENDS_WITH_VERB.search(indicator) and _NOUN_NEXT.match(around.after)):
        # "达到万兆到旗县区", "为1000家左右卫生院配备终端": what is counted follows the number
        written_after = clean(counted_object(clause[q.end: around.next_start]))[0]
        if written_after:
            return written_after, scope, True
    return indicator, scope, False
