"""The skeleton of a document: sections, numbered measures, sentences.

Which numbered items are measures follows one convention (the one our
annotations use): a plan's measures are its numbered action items at the
finest numbered level of its task chapters - the ``1.`` items in a plan
numbered 一、/（一）/1., the ``（一）`` items in one numbered only 一、/（一）.
Deeper items (（1）, ①) belong to their measure.  Chapters that state
requirements rather than tasks (总体要求, 指导思想, 主要目标 …), glossaries
(名词解释) and boxes (专栏) hold no measures.  A work report has no measures at
all: its numbered items are sections.

Scraped copies often lose the chapter headings; a chapter then starts with its
un-numbered intro paragraph ("主城都市区是…。到2027年，…"), and its "到2027年"
scopes the targets that follow.  Work reports mix past results with future
goals; their chapters say which is which ("2025年工作回顾" / "2026年工作安排").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.extract.metadata import FIVE_YEAR_PLANS, read_metadata
from kg.extract.numbering import RANK, Marker, box_at, marker_at
from kg.extract.responsibility import Duty, closing_note, is_note_line, read_note, split_names
from kg.extract.tables import find_rows
from kg.model import Measure, Section, Sentence

SENTENCE_END = "。！？!?"
# 名词解释, 附件2 名词注释, 《政府工作报告》有关内容名词注释: a glossary's heading (a short line ending so)
_GLOSSARY = re.compile(r"^(?:附件\s*\d*\s*[:：]?\s*)?(?:.{0,24}?(?:名词解释|名词注释)|注释|附注|释义|说明)[:：]?$")
# Chapters that state requirements, principles or goals, not tasks.
_GENERAL = re.compile(r"^(总体要求|总体思路|指导思想|基本原则|工作原则|发展目标|主要目标|总体目标|工作目标|"
                      r"建设目标|目标任务|重要意义|发展基础|发展环境|发展现状|现状|形势|背景|适用范围|编制依据)")
_SAFEGUARD = re.compile(r"^(强化|加强|健全|完善)?(组织领导|组织保障|组织实施|统筹协调)$")
_PAST_HEADING = re.compile(r"(回顾|过去|主要成绩|工作总结|取得的成绩|主要成效|完成情况|发展成就|"
                           r"取得[^，。]{0,12}(?:进展|成效|成绩|突破|成就))")
_FUTURE_HEADING = re.compile(r"(安排|任务|目标|考虑|举措|部署|重点|总体要求)")
_PAST_PARAGRAPH = re.compile(r"^(过去一年|一年来|过去五年|五年来|这五年|过去的一年|回顾过去|去年以来|"
                             r"[^，。]{0,12}以来，我们)")
_YEAR_SCOPE = re.compile(r"(?:到|至|在|于)(20\d{2})年")
_POINTS = re.compile(r"[（(](\d+(?:\.\d+)?)分[)）]")
MEASURE_LEVELS = ("cn", "cn_paren", "arabic")


@dataclass
class Paragraph:
    start: int
    end: int
    text: str


@dataclass
class Structure:
    title: str
    issuer: str | None
    period: dict | None
    year: int | None
    kind: str
    sections: list[Section]
    measures: list[Measure]
    sentences: list[Sentence]
    preamble_end: int = 0
    excluded: list[tuple[int, int]] = field(default_factory=list)  # glossary spans: no targets there

    def section(self, number: int | None) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)


def paragraphs(text: str) -> list[Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def first_sentence(text: str) -> str:
    m = re.search(f"[{SENTENCE_END}]", text)
    return (text[: m.start()] if m else text).strip()


def is_past_paragraph(text: str) -> bool:
    return bool(_PAST_PARAGRAPH.match(text))


# -- numbering -----------------------------------------------------------------------------

def _glossary_spans(paras: list[Paragraph]) -> set[int]:
    """Indices of paragraphs inside a glossary: from its heading to the next chapter-level heading."""
    inside, out = False, set()
    for i, p in enumerate(paras):
        if _GLOSSARY.match(p.text):
            inside = True
            out.add(i)
            continue
        marker = marker_at(p.text)
        if inside and marker and marker.rank <= RANK["cn"]:
            inside = False
        if inside:
            out.add(i)
    return out


def _box_spans(paras: list[Paragraph]) -> set[int]:
    """Indices of paragraphs inside a box (专栏): up to the next heading at 一、/（一） level or a new box."""
    inside, out = False, set()
    for i, p in enumerate(paras):
        if box_at(p.text):
            inside = True
            out.add(i)
            continue
        marker = marker_at(p.text)
        if inside and marker and marker.rank <= RANK["cn_paren"]:
            inside = False
        if inside:
            out.add(i)
    return out


def _sequenced(paras: list[Paragraph], skip: set[int]) -> dict[int, Marker]:
    """Paragraph index -> marker, for markers whose numbers run in sequence at their level.

    A level restarts at 1 (under a new parent or anywhere); it may skip one number (a paragraph lost in
    scraping).  Any other number is ordinary text that happens to start with a numeral."""
    found: dict[int, Marker] = {}
    last: dict[str, int] = {}
    for i, p in enumerate(paras):
        if i in skip:
            continue
        marker = marker_at(p.text)
        if marker is None:
            continue
        previous = last.get(marker.level, 0)
        if marker.number == 1 or previous < marker.number <= previous + 2:
            found[i] = marker
            last[marker.level] = marker.number
    return found


def _general_chapters(paras: list[Paragraph], markers: dict[int, Marker]) -> set[int]:
    """Indices of paragraphs under a heading that states requirements or goals (一、总体要求 …)."""
    out: set[int] = set()
    open_rank: int | None = None
    for i, _ in enumerate(paras):
        marker = markers.get(i)
        if marker and (open_rank is None or marker.rank <= open_rank):
            heading = paras[i].text[marker.rest:]
            open_rank = marker.rank if _GENERAL.match(heading) else None
        if open_rank is not None:
            out.add(i)
    return out


def _measure_level(markers: dict[int, Marker], general: set[int]) -> str | None:
    """The finest numbered level of the task chapters (see the module docstring), or None."""
    levels_used = {m.level for m in markers.values()}
    task_counts: dict[str, int] = {}
    for i, marker in markers.items():
        if i not in general:
            task_counts[marker.level] = task_counts.get(marker.level, 0) + 1
    candidates = [lv for lv in MEASURE_LEVELS if task_counts.get(lv, 0) >= 2]
    if not candidates:
        return None
    deepest = max(candidates, key=RANK.__getitem__)
    if deepest != "arabic" and not any(RANK[lv] < RANK[deepest] for lv in levels_used):
        return None  # one level of numbering only (一、二、三、): those are the chapters
    return deepest


# -- the outline ---------------------------------------------------------------------------

@dataclass
class _Outline:
    """The sections and measures being built, with the open sections by level."""

    default_year: int | None
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    open: dict[int, Section] = field(default_factory=dict)  # level -> open section

    @property
    def current(self) -> Section | None:
        return self.open[max(self.open)] if self.open else None

    def open_section(self, p: Paragraph, level: int, label: str | None, title: str | None, intro: str | None,
                     scope_text: str | None = None) -> Section:
        parent = self.open.get(max((lv for lv in self.open if lv < level), default=-1))
        inherited = parent.year if parent else self.default_year
        tense = parent.tense if parent else "future"
        years = [int(y) for y in re.findall(r"(20\d{2})年", title or "")]
        scoped = _YEAR_SCOPE.search(" ".join(x for x in (title, scope_text or intro) if x))
        year = int(scoped.group(1)) if scoped else (years[-1] if years else inherited)
        for name, (_, last) in FIVE_YEAR_PLANS.items():
            if name in (title or "") and not years:
                year = last
        if title and _PAST_HEADING.search(title) and not _FUTURE_HEADING.search(title):
            tense = "past"
        elif title and _FUTURE_HEADING.search(title):
            tense = "future"  # (发展成就和…主要目标任务: the goals are what the chapter is for)
        section = Section(number=len(self.sections) + 1, start=p.start, end=p.end, label=label, title=title,
                          intro=intro, level=level, parent=parent.number if parent else None, year=year, tense=tense)
        self.sections.append(section)
        for deeper in [lv for lv in self.open if lv >= level]:
            del self.open[deeper]
        self.open[level] = section
        return section

    def extend(self, end: int) -> None:
        for section in self.open.values():
            section.end = max(section.end, end)


def _heading_parts(text: str) -> tuple[str, str | None]:
    """(heading, rest of the paragraph after it): '（一）聚焦扩大内需。紧抓…' -> ('聚焦扩大内需', '紧抓…')."""
    heading = first_sentence(text)
    rest = text[len(heading):].lstrip("。！？ ")
    return _POINTS.sub("", heading).strip(), rest or None


def parse(text: str, title_hint: str | None = None, published: str | None = None) -> Structure:
    from kg.loaders.gazetteer import gazetteer

    paras = paragraphs(text)
    meta = read_metadata([p.text for p in paras], text, gazetteer(), title_hint, published)
    glossary = _glossary_spans(paras)
    boxes = _box_spans(paras)
    front = set(range(meta.body_start))  # a notice's cover letter
    markers = _sequenced(paras, glossary | boxes | front)
    general = _general_chapters(paras, markers)
    level = None if meta.kind == "report" else _measure_level(markers, general)
    measure_at = {i: m for i, m in markers.items() if m.level == level and i not in general}
    # markers above the measures head sections; a report's numbered items are all sections
    section_at = {i: m for i, m in markers.items()
                  if (level is None and m.rank <= RANK["arabic"]) or (level is not None and m.rank < RANK[level])}
    # rows of flattened task tables are measures too (序号 | 重点任务 | 牵头单位 | 完成时限)
    rows = {row.first: row for row in find_rows([p.text for p in paras]) if row.first >= meta.body_start}
    in_rows = {k for row in rows.values() for k in range(row.first, row.last + 1)}
    lost_headings = bool(measure_at) and not any(i < max(measure_at) for i in section_at)
    first_measure = min(measure_at) if measure_at else None
    outline = _Outline(default_year=(meta.period or {}).get("end") or meta.year)
    excluded: list[tuple[int, int]] = []
    preamble_end = paras[meta.body_start - 1].end if meta.body_start else 0
    measure: Measure | None = None
    ranks = sorted({m.rank for m in section_at.values()})

    for i, p in enumerate(paras):
        if i < meta.body_start:
            continue
        if i in glossary:
            if _GLOSSARY.match(p.text):
                excluded.append((p.start, p.end))
            elif excluded:
                excluded[-1] = (excluded[-1][0], p.end)
            measure = None
            continue
        if i in rows:
            row = rows[i]
            task = row.cells.get("task", "")
            measure = Measure(number=row.number, label=str(row.number), title=first_sentence(task), text=task,
                              start=p.start, end=paras[row.last].end,
                              section=outline.current.number if outline.current else None,
                              lead=split_names(row.cells.get("lead", "")),
                              support=split_names(row.cells.get("support", "")),
                              deadline=row.cells.get("deadline") or None)
            outline.measures.append(measure)
            if outline.current is not None:
                outline.current.measures.append(row.number)
            outline.extend(measure.end)
            measure = None  # the row's cells are read; the next lines are not its continuation
            continue
        if i in in_rows:
            continue
        if i in measure_at:
            marker = measure_at[i]
            rest = p.text[marker.rest:]
            heading = first_sentence(rest)
            if lost_headings and (outline.current is None or (
                    _SAFEGUARD.match(heading) and outline.current.measures
                    and not _SAFEGUARD.match(_first_measure_title(outline)))):
                outline.open_section(p, 1, None, None, None)
            measure = Measure(number=marker.number, label=marker.label, title=heading, text=rest,
                              start=p.start, end=p.end, section=outline.current.number if outline.current else None)
            outline.measures.append(measure)
            if outline.current is not None:
                outline.current.measures.append(marker.number)
            outline.extend(p.end)
            continue
        if i in section_at:
            marker = section_at[i]
            heading, intro = _heading_parts(p.text[marker.rest:])
            label = marker.label.rstrip("、．.，, ")
            depth = ranks.index(marker.rank) + 1
            parent = outline.open.get(max((lv for lv in outline.open if lv < depth), default=-1))
            if parent is not None and parent.label and marker.level == "cn_paren":
                label = f"{parent.label}{label}"
            outline.open_section(p, depth, label, heading, first_sentence(intro or "") or None,
                                 scope_text=intro)
            measure = None
            continue
        if lost_headings:
            # a chapter whose heading was lost starts with its un-numbered intro paragraph
            before_first = first_measure is not None and i < first_measure
            if (before_first and i + 1 == first_measure) or (not before_first and first_measure is not None
                                                              and i > first_measure and not is_note_line(p.text)):
                outline.open_section(p, 1, None, None, first_sentence(p.text), scope_text=p.text)
                measure = None
                continue
            if before_first:
                preamble_end = p.end
                continue
        if measure is not None and i not in boxes:
            measure.text += "\n" + p.text  # a continuation paragraph or note line of the measure
            measure.end = p.end
        if outline.current is not None:
            outline.extend(p.end)
        elif not outline.sections and not measure_at:
            preamble_end = max(preamble_end, p.end)

    _number_measures(outline)
    for m in outline.measures:
        _read_duties(m)
    sentences = split_sentences(text, outline.sections, outline.measures)
    kind = meta.kind
    if kind == "plan" and outline.measures and sum(1 for m in outline.measures if m.lead) > len(outline.measures) / 2:
        kind = "task_list"
    return Structure(title=meta.title, issuer=meta.issuer, period=meta.period, year=meta.year, kind=kind,
                     sections=outline.sections, measures=outline.measures, sentences=sentences,
                     preamble_end=preamble_end, excluded=excluded)


def _first_measure_title(outline: _Outline) -> str:
    section = outline.current
    if section is None or not section.measures:
        return ""
    first = section.measures[0]
    return next((m.title for m in outline.measures if m.number == first), "")


def _number_measures(outline: _Outline) -> None:
    """Measures keep the number they are written with when those are unique in the document; when the
    numbering restarts under each heading (1. 2. … 1. 2. …) they are numbered in order instead."""
    numbers = [m.number for m in outline.measures]
    if len(set(numbers)) == len(numbers):
        return
    renumber = {}
    for order, m in enumerate(outline.measures, start=1):
        renumber[id(m)] = order
    by_section: dict[int, list[int]] = {}
    for m in outline.measures:
        m.number = renumber[id(m)]
        if m.section is not None:
            by_section.setdefault(m.section, []).append(m.number)
    for section in outline.sections:
        section.measures = by_section.get(section.number, [])


def _read_duties(m: Measure) -> None:
    """Lead, support and deadline from the measure's notes: a closing parenthesis or lines of their own
    (added to what a table's columns already gave)."""
    duty = Duty(lead=list(m.lead), support=list(m.support), deadline=m.deadline)
    lines = m.text.split("\n")
    for line in lines[1:]:
        if is_note_line(line):
            found = read_note(line)
            duty.lead += found.lead
            duty.support += found.support
            duty.deadline = duty.deadline or found.deadline
    for line in lines:
        closing = closing_note(line.rstrip("。 "))
        if closing:
            found = closing[1]
            duty.lead += [n for n in found.lead if n not in duty.lead]
            duty.support += [n for n in found.support if n not in duty.support]
            duty.deadline = duty.deadline or found.deadline
    m.lead = duty.lead
    m.support = duty.support
    m.deadline = duty.deadline
    points = _POINTS.findall(m.text)
    if points:
        m.points = float(points[-1])


def split_sentences(text: str, sections: list[Section], measures: list[Measure]) -> list[Sentence]:
    out: list[Sentence] = []
    by_start = sorted(measures, key=lambda m: m.start)
    starts = [m.start for m in by_start]

    def measure_at(offset: int):  # measures do not overlap: the last one starting at or before offset
        i = bisect.bisect_right(starts, offset) - 1
        return by_start[i].number if i >= 0 and offset < by_start[i].end else None

    # the deepest section holding an offset; offsets only grow, so a sweep keeps the open sections
    ordered = sorted(enumerate(sections), key=lambda t: t[1].start)
    open_: list[tuple[int, Section]] = []
    nxt = 0

    def section_at(offset: int):
        nonlocal nxt
        while nxt < len(ordered) and ordered[nxt][1].start <= offset:
            open_.append(ordered[nxt])
            nxt += 1
        open_[:] = [(i, sec) for i, sec in open_ if offset <= max(sec.end, sec.start)]
        best = None
        for _, sec in sorted(open_):  # list order breaks ties, as a full scan would
            if best is None or sec.level >= best.level:
                best = sec
        return best.number if best else None

    for line_start, line in _lines(text):
        start = line_start
        for m in re.finditer(f"[{SENTENCE_END}]+[”’」』）)]*", line):
            end = line_start + m.end()
            if text[start:end].strip():
                out.append(Sentence(id=len(out), start=start, end=end, measure=measure_at(start),
                                    section=section_at(start)))
            start = end
        end = line_start + len(line)
        if text[start:end].strip():
            out.append(Sentence(id=len(out), start=start, end=end, measure=measure_at(start),
                                section=section_at(start)))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1
