"""When a sentence is set: a result already achieved, or a target for which year.

A plan states targets for its horizon ("到2027年…"); its background chapter
(发展基础, 现状) states results.  A government work report walks through time:
the past year and the last five-year plan (results), the new five-year plan
(targets for its end year), then this year's targets and tasks.  Chapter
headings say where each part starts when they are numbered and worded plainly;
otherwise the first words of a paragraph do ("一年来，…", "五年来，…",
"“十五五”时期是…", "今年是…").  The reading is kept from one paragraph to the
next until a heading or another opening changes it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.extract.targets.vocabulary import CJK

ACHIEVED, PLANNED = "achieved", "planned"

# A five-year plan by its number: 十四五 is 2021-2025, 十五五 2026-2030.
_FIVE_YEAR_PLAN = re.compile(r"“?十([一二三四五六七八九])五”?|第十([一二三四五六七八九])个五年规划")
_NUMERAL = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}

# Heading words.  A heading that looks back ("工作回顾", "发展成就", "发展基础") starts results;
# one that looks ahead ("主要目标", "重点工作", "工作安排") starts targets.
_BACKWARD_HEADING = re.compile(r"(回顾|总结|成就|成绩|主要成效|工作成效|取得的成效|完成情况|发展基础|基本情况|现状|"
                               r"发展环境|面临形势)")
_FORWARD_HEADING = re.compile(r"(目标|任务|安排|重点工作|主要工作|举措|部署|思路|要求|计划|展望|考虑|开局|起步)")
# The current year's part of a report: "2026年重点工作", "今年工作安排".
_CURRENT_WORK = re.compile(r"(重点工作|工作安排|主要工作|工作任务|重点任务|民生实事)")

# How a paragraph opens: "一年来，", "2025年是", "“十五五”时期是", "今年是" (after "各位代表，", "一是").
_OPENER_PREFIX = re.compile(r"^(?:——|各位代表[，！!：:]?|初步统计，|据初步统计，|[一二三四五六七八九十]+是|同时，)?")
_LOOKING_BACK = re.compile(r"^(?:过去一年|过去的一年|一年来|过去五年|过去的五年|五年来|"
                           r"这五年|回顾|刚刚过去|去年|近年来|[^，。]{0,12}以来，我们)")
_THIS_YEAR = re.compile(r"^(?:今年|新的一年)")
_NEXT_FIVE_YEARS = re.compile(r"^(?:[^，。]{0,12}(?:今后五年|未来五年))")
_YEAR_OPENING = re.compile(r"^(?:刚刚过去的|初步统计，)?(20\d{2})年(?![底末]?前|\d{1,2}月)")
_PLAN_OPENING = re.compile(r"^(?:[^，。]{0,6}“?十([一二三四五六七八九])五”?(?:时期|期间|以来|规划)|"
                           r"(?:根据|按照|依据)?《[^》]{0,40}?第十([一二三四五六七八九])个五年规划)")
_SETTING_UP = re.compile(r"(开局|起步|开好局|第一年|首年)")

# Inside a sentence: the year a target is for ("到2030年", "至2027年底"), a five-year plan's end
# ("到“十五五”末", "“十五五”时期…").
_YEAR_IN_SENTENCE = re.compile(r"(?:到|至|于)(20\d{2})年|(20\d{2})年(?:底|末)?(?:前|以前|之前)")
_PLAN_IN_SENTENCE = re.compile(r"“?十([一二三四五六七八九])五”?(?:末|期间|时期)")

# A plan paragraph that opens with its horizon sets the year of the lines after it, to the next heading.
_HORIZON_OPENING = re.compile(r"^(?:力争|争取|预计)?(?:到|至)(20\d{2})年")
# A glossary closing a report: "名词解释", "《政府工作报告》有关内容名词注释".
_GLOSSARY_HEADING = re.compile(r"(名词解释|名词注释|名词解读|名词释义|术语解释)[:：]?$")
# A heading-like line of a report without a number: short, no sentence punctuation.
_HEADING_LINE = re.compile(rf"^[{CJK}“”《》、\d—（）()]{{4,40}}$")


def five_year_plan(numeral: str) -> tuple[int, int]:
    """十一五 is 2006-2010; each later plan five years on."""
    start = 2006 + 5 * (_NUMERAL[numeral] - 1)
    return start, start + 4


@dataclass(frozen=True)
class Reading:
    """How the sentences of a stretch of text are set: their status and the year they are for."""

    status: str
    year: int | None


class Timeline:
    """The reading of each paragraph of a document (see the module docstring)."""

    def __init__(self, text: str, structure):
        self.text = text
        self.structure = structure
        self.is_report = structure.kind == "report"
        self.report_year = _report_year(structure, text) if self.is_report else structure.year
        self.default_year = self.report_year if self.is_report else \
            ((structure.period or {}).get("end") or structure.year)
        self._paragraphs = self._read_paragraphs()
        self._starts = [start for start, _ in self._paragraphs]

    def reading_at(self, offset: int) -> Reading | None:
        """The reading of the paragraph holding ``offset`` (None: not part of the plan's body)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._paragraphs[i][1] if i >= 0 else None

    def year_in(self, start: int, end: int, position: int, reading: Reading) -> int | None:
        """The year of a target at ``position`` in the sentence starting at ``start``: the last "到20XX年"
        before it in the sentence (else the first one after it); in a plan, the last one earlier in the
        paragraph ("到2025年，…达到10%。培育…50家。"); a five-year plan's end ("“十五五”时期…");
        else the paragraph's year."""
        line_start = self.text.rfind("\n", 0, start) + 1
        sentence = self.text[start:end]
        years = [(m.start(), int(m.group(1) or m.group(2))) for m in _YEAR_IN_SENTENCE.finditer(sentence)]
        before = [y for at, y in years if at < position]
        if before:
            return before[-1]
        if years and not re.search(r"[，；,;]", sentence[position: years[0][0]]):
            return years[0][1]  # "…达到65%（到2030年）": the same clause
        if not self.is_report:
            earlier = [int(m.group(1) or m.group(2)) for m in _YEAR_IN_SENTENCE.finditer(self.text, line_start, start)]
            if earlier:
                return earlier[-1]
        plan = _PLAN_IN_SENTENCE.search(sentence[: position + 40])
        if plan and not _SETTING_UP.search(sentence[plan.end(): plan.end() + 8]):
            start_year, end_year = five_year_plan(plan.group(1))
            if self.report_year is None or start_year <= self.report_year <= end_year:
                return end_year
        return reading.year

    # -- reading the document paragraph by paragraph ---------------------------------------

    def _read_paragraphs(self) -> list[tuple[int, Reading | None]]:
        """(start, reading) of every paragraph, in order."""
        headings = {sec.start: sec for sec in self.structure.sections}
        out: list[tuple[int, Reading | None]] = []
        current: Reading | None = None if self.is_report else Reading(PLANNED, self.default_year)
        pos = 0
        for line in self.text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            body = line.strip()
            if not body:
                continue
            if _GLOSSARY_HEADING.search(body) and not re.search(r"[。，；]", body):
                out.append((start, None))  # definitions of the names used above, to the end: no targets
                break
            section = headings.get(start)
            if section is not None or (self.is_report and self._unnumbered_heading(body, start)):
                current, own = self._under_heading(section, body, current)
                out.append((start, own))
                continue
            opened = self._opening_reading(body) if re.search(r"[。，；！？]", body) else None
            if opened is not None and not self.is_report:
                out.append((start, opened))  # a plan's background paragraph stands alone
                continue
            if opened is not None:
                current = opened  # a report's reading holds until the next change
            horizon = _HORIZON_OPENING.match(body)
            if horizon and not self.is_report and current is not None and current.status == PLANNED:
                current = Reading(PLANNED, int(horizon.group(1)))  # "到2025年，…" then its "——" lines
            out.append((start, current))
        return out

    def _under_heading(self, section, line: str, current: Reading | None) -> tuple[Reading | None, Reading | None]:
        """(the reading that holds after a heading, the reading of the heading's own paragraph)."""
        title = (section.title if section is not None else line) or ""
        heading = self._heading_reading(title, section)
        if section is None or section.level == 1:
            current = heading or Reading(PLANNED, self.default_year if self.is_report else self._section_year(section))
        elif heading is not None:
            current = heading
        elif not self.is_report:
            current = Reading(current.status if current else PLANNED, self._section_year(section))
        opened = self._opening_reading(section.intro) if section is not None and section.intro else None
        if opened is None:
            return current, current
        return (opened if self.is_report else current), opened

    def _section_year(self, section) -> int | None:
        return (section.year if section is not None and section.year else None) or self.default_year

    def _unnumbered_heading(self, line: str, start: int) -> bool:
        """A report heading written without a number: "“十五五”时期主要目标和2026年重点工作"."""
        if not _HEADING_LINE.match(line) or start < 1:
            return False
        return bool(_BACKWARD_HEADING.search(line) or (_FORWARD_HEADING.search(line) and
                                                      (re.search(r"20\d{2}年", line) or _FIVE_YEAR_PLAN.search(line))))

    def _heading_reading(self, title: str, section) -> Reading | None:
        """What a heading says about the text under it (None: nothing)."""
        if section is not None and section.tense == "past" and self.is_report and section.level == 1:
            return Reading(ACHIEVED, self._past_year(title))
        first = self._first_time_cue(title)
        if first is not None:
            return first
        if _BACKWARD_HEADING.search(title) and not _FORWARD_HEADING.search(title):
            return Reading(ACHIEVED, self._past_year(title))
        if not self.is_report and section is not None and _FORWARD_HEADING.search(title):
            return Reading(PLANNED, self._section_year(section))
        return None

    def _first_time_cue(self, title: str) -> Reading | None:
        """The reading of the first period a heading names: "“十四五”时期发展成就和“十五五”时期…" looks back."""
        cues = []
        for m in re.finditer(r"(20\d{2})年", title):
            cues.append((m.start(), self._year_reading(int(m.group(1)))))
        for m in _FIVE_YEAR_PLAN.finditer(title):
            cues.append((m.start(), self._plan_reading(m.group(1) or m.group(2), title[m.end(): m.end() + 12])))
        if re.search(r"今年", title):
            cues.append((title.index("今年"), Reading(PLANNED, self.report_year)))
        cues = [(at, r) for at, r in cues if r is not None]
        return min(cues, key=lambda c: c[0])[1] if cues else None

    def _year_reading(self, year: int) -> Reading | None:
        if self.report_year is None:
            return None
        if year < self.report_year:
            return Reading(ACHIEVED, year)
        return Reading(PLANNED, year)

    def _plan_reading(self, numeral: str, after: str) -> Reading | None:
        start, end = five_year_plan(numeral)
        reference = self.report_year
        if reference is None:
            return None
        if end < reference:
            return Reading(ACHIEVED, end)
        if _SETTING_UP.search(after):
            return Reading(PLANNED, reference)  # "“十五五”开局之年": this year
        if start <= reference <= end:
            return Reading(PLANNED, end)
        return None

    def _past_year(self, title: str) -> int | None:
        years = [int(y) for y in re.findall(r"(20\d{2})年", title)]
        if years:
            return max(years)
        plan = _FIVE_YEAR_PLAN.search(title)
        if plan:
            return five_year_plan(plan.group(1) or plan.group(2))[1]
        return self.report_year - 1 if self.report_year else None

    def _opening_reading(self, paragraph: str) -> Reading | None:
        """What the first words of a paragraph say: "一年来，" looks back, "今年是" is this year."""
        body = _OPENER_PREFIX.sub("", paragraph.lstrip(" 　"), count=1)
        if _LOOKING_BACK.match(body):
            return Reading(ACHIEVED, self.report_year - 1 if self.report_year else None)
        if _THIS_YEAR.match(body):
            return Reading(PLANNED, self.report_year)
        m = _YEAR_OPENING.match(body)
        if m:
            return self._year_reading(int(m.group(1)))
        m = _PLAN_OPENING.match(body)
        if m:
            return self._plan_reading(m.group(1) or m.group(2), body[m.end(): m.end() + 12])
        if _NEXT_FIVE_YEARS.match(body) and self.report_year:
            for numeral in _NUMERAL:
                start, end = five_year_plan(numeral)
                if start <= self.report_year <= end:
                    return Reading(PLANNED, end)
        return None


def _report_year(structure, text: str) -> int | None:
    """The year a work report plans for: the year of its "20XX年重点工作" heading, else the document's year."""
    years = []
    for sec in structure.sections:
        title = sec.title or ""
        if _CURRENT_WORK.search(title) and not _FIVE_YEAR_PLAN.search(title):
            years += [int(y) for y in re.findall(r"(20\d{2})年", title)]
    for line in text.split("\n"):
        line = line.strip()
        if _HEADING_LINE.match(line) and _CURRENT_WORK.search(line) and not _FIVE_YEAR_PLAN.search(line):
            years += [int(y) for y in re.findall(r"(20\d{2})年", line)]
    if years:
        return max(years)
    return structure.year
