"""Targets: quantitative goals (indicator, comparator, value, unit, year), and results kept apart.

A plan's numbers are of three kinds, and only the first is a target:

* goals to reach: "到2027年地区生产总值超过3万亿元", "今年城镇新增就业85万人以上" (``planned``);
* results already reached: a work report's review of last year and of the last
  five-year plan, a plan's background chapter, a clause compared with last year
  ("同比增长5%") (``achieved``: kept as results, not as targets);
* policy instruments: money offered or spent as a tool ("给予最高50万元奖励",
  "设立10亿元基金", "安排资金3亿元"): neither, and dropped.

:func:`find_targets` reads the numbers of one sentence (:mod:`.clauses`, :mod:`.quantities`,
:mod:`.indicators`); :func:`extract_targets` reads a whole document, setting each
sentence's status and year from where it stands (:mod:`.timeline`).
"""
from __future__ import annotations

import re

from kg.extract.targets.clauses import MAYBE_QUANTITY, clause_targets
from kg.extract.targets.found import FoundTarget
from kg.extract.targets.quantities import same_width_ascii
from kg.extract.targets.timeline import ACHIEVED, PLANNED, Timeline
from kg.extract.targets.vocabulary import ALREADY, COMPARED, INSTRUMENT_WORDS, MONEY_UNIT, SUBSIDY_RATE

__all__ = ["FoundTarget", "find_targets", "extract_targets", "ACHIEVED", "PLANNED"]

_CLAUSE_SPLIT = re.compile(r"[，；。！？,;!?：:]")
# A number or ordinal that opens an item: "59．", "（三）", "一是", "①" (blanked, so offsets hold).
_ITEM_NUMBER = re.compile(r"^[\s　]*(?:\d{1,3}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
                          r"[一二三四五六七八九十]{1,3}是|[①-⑳])")
_SCALE = re.compile(r"(规模|总量|总额)")
_BARE_GROWTH = re.compile(r"(年均)?(增长|增速)")


def find_targets(text: str, start: int, end: int, compared_is_result: bool = True) -> list[FoundTarget]:
    """Targets in the sentence text[start:end], each marked ``achieved`` when its clause states a result:
    what is already there ("已建成", "截至"), or (``compared_is_result``) a change over last year ("同比")."""
    if not MAYBE_QUANTITY.search(text, start, end):
        return []  # most sentences of a plan state no number at all
    sentence = same_width_ascii(text[start:end])
    item = _ITEM_NUMBER.match(sentence)
    if item:
        sentence = " " * item.end() + sentence[item.end():]
    out: list[FoundTarget] = []
    pos = 0
    for clause in _CLAUSE_SPLIT.split(sentence):
        clause_start = pos
        pos += len(clause) + 1
        if not clause.strip():
            continue
        achieved = bool(ALREADY.search(clause) or (compared_is_result and COMPARED.search(clause)))
        for target in clause_targets(clause, start + clause_start):
            if _is_instrument(target, clause, start + clause_start):
                continue
            if _BARE_GROWTH.fullmatch(target.indicator) and out:
                target.indicator = out[-1].indicator + target.indicator  # "贸易额达到800亿美元，年均增长8%"
            target.achieved = achieved
            out.append(target)
    return out


def _is_instrument(target: FoundTarget, clause: str, clause_start: int) -> bool:
    """Money offered or spent as a policy tool: "安排资金350亿元", "设立10亿元基金" (not "规模超3000亿元的基金"),
    and the share of a cost it pays: "按投资额的30%给予补助"."""
    if target.unit == "%":
        return bool(SUBSIDY_RATE.search(clause))
    if not MONEY_UNIT.match(target.unit) or not INSTRUMENT_WORDS.search(clause):
        return False
    head = clause[: target.end - clause_start]
    return not (_SCALE.search(head) and not INSTRUMENT_WORDS.search(head))


def extract_targets(text: str, structure, sentences, doc_id: str):
    """(targets, results) of a document: planned targets and achieved results, as model objects.

    ``sentences`` makes mentions (see ``kg.extract._Sentences``); ``structure`` is the parsed skeleton.
    """
    from kg.model import Target

    timeline = Timeline(text, structure)
    planned: list[Target] = []
    achieved: list[Target] = []
    for s in structure.sentences:
        if any(a <= s.start < b for a, b in structure.excluded):
            continue  # a glossary
        reading = timeline.reading_at(s.start)
        if reading is None:
            continue
        for t in find_targets(text, s.start, s.end, compared_is_result=not timeline.is_report):
            status = ACHIEVED if (t.achieved or reading.status == ACHIEVED) else PLANNED
            year = timeline.year_in(s.start, s.end, t.start - s.start, reading)
            if status == ACHIEVED and year is not None and timeline.report_year and year > timeline.report_year:
                year = reading.year  # "比上年" in a sentence that also says "到2030年"
            bucket = planned if status == PLANNED else achieved
            number = len(bucket) + 1
            target_id = f"target:{doc_id}:{number}" if status == PLANNED else f"target:{doc_id}:result:{number}"
            surface = text[t.start:t.end]
            bucket.append(Target(id=target_id, indicator=t.indicator, comparator=t.comparator, value=t.value,
                                 unit=t.unit, year=year, text=surface.strip("，。；、 "), scope=t.scope,
                                 measure=s.measure, section=s.section, status=status, value_max=t.value_max,
                                 mentions=[sentences.mention(t.start, t.end, surface)]))
    return planned, achieved
