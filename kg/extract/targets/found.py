"""A target as the clause rules find it, before the document gives it a status and a year."""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.targets.vocabulary import ANNUAL_RATE, ANNUAL_RATE_UNIT, CUES_AFTER


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
    achieved: bool = False  # the clause states a result: "已建成", "同比增长5%"


def after_cue(text: str) -> str | None:
    """The comparator of a cue that opens ``text``: "以上" -> ">", "左右" -> "~"."""
    for cue, comparator in CUES_AFTER:
        if text.startswith(cue):
            return comparator
    return None


def unit_for(unit: str, context: str) -> str:
    """A percentage of an annual rate is a rate per year: "年均增长8%" -> %/year."""
    if unit == "%" and ANNUAL_RATE.search(context):
        return ANNUAL_RATE_UNIT
    return unit
