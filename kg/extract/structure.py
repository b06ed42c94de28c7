"""The skeleton of a plan: title, period, chapters, numbered measures, sentences.

Plans are written to a pattern: chapters (一、 / 第一章), sub-chapters (（一）),
numbered measures (1. / 1．), each measure's first sentence being its title.
Scraped copies often lose the chapter headings; a chapter then starts with its
un-numbered intro paragraph ("主城都市区是…。到2027年，…"), and its "到2027年"
scopes the targets that follow.  Work reports have no numbered measures at all
and mix past results with future goals; their chapters say which is which
("2025年工作回顾" / "2026年工作安排").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.model import Measure, Section, Sentence

CN_DIGITS = "一二三四五六七八九十百零〇"
_CHAPTER = re.compile(rf"^(?:第([{CN_DIGITS}]+)[章部篇]|([{CN_DIGITS}]+)、)\s*(.*)$")
_SUBCHAPTER = re.compile(rf"^[（(]([{CN_DIGITS}]+)[)）]\s*(.*)$")
_MEASURE = re.compile(r"^(\d{1,3})\s*[.．、]\s*(?!\d)(\S.*)$")
_MEASURE_PAREN = re.compile(r"^[（(](\d{1,3})[)）]\s*(\S.*)$")
_GLOSSARY = re.compile(r"^(名词解释|名词注释|注释|附注|释义|说明)[:：]?$")
_ANNEX = re.compile(r"^附件\s*\d*[:：]?")
_SAFEGUARD = re.compile(r"^(强化|加强|健全|完善)?(组织领导|组织保障|组织实施|统筹协调)$")
_PAST_HEADING = re.compile(r"(回顾|过去|主要成绩|工作总结|取得的成绩|主要成效|完成情况)")
_PAST_PARAGRAPH = re.compile(r"^(过去一年|一年来|过去五年|五年来|过去的一年|回顾过去|去年以来|[^，。]{0,12}以来，我们)")
_YEAR_SCOPE = re.compile(r"(?:到|至|在|于)(20\d{2})年")
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035)}
_PERIOD = re.compile(r"[（(]\s*(20\d{2})\s*[—–\-－~至到]+\s*(20\d{2})\s*年?\s*[)）]")
_TITLE_WORDS = re.compile(r"(行动方案|实施方案|工作方案|方案|规划纲要|规划|纲要|工作报告|报告|意见|办法|计划|要点|决定|通知|细则|清单)")
_NOTICE_TITLE = re.compile(r"^(.*?)关于印发《(.+?)》的通知$")
_NOTICE_BODY = re.compile(r"现将《(.+?)》印发给你们")
_LEAD = re.compile(r"[（(]([^（）()]*?)(?:牵头(?:考核)?单位|责任单位|牵头部门|责任部门|负责单位|牵头)[:：]?([^（）()]*)[)）]\s*$")
_POINTS = re.compile(r"[（(](\d+(?:\.\d+)?)分[)）]")
SENTENCE_END = "。！？!?"


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


def cn_number(s: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (small chapter numbers only)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        return (digits.get(a, 1) if a else 1) * 10 + (digits.get(b, 0) if b else 0)
    n = 0
    for c in s:
        n = n * 10 + digits.get(c, 0)
    return n


def first_sentence(text: str) -> str:
    m = re.search(f"[{SENTENCE_END}]", text)
    return (text[: m.start()] if m else text).strip()


def find_title(paras: list[Paragraph], hint: str | None = None) -> tuple[str, str | None]:
    """(title, issuer).  A notice that 印发《X》 is titled X; otherwise the first title-like line."""
    for p in paras[:12]:
        m = _NOTICE_TITLE.match(p.text)
        if m:
            issuer = m.group(1).strip() or None
            return m.group(2).strip(), issuer
    for p in paras[:12]:
        m = _NOTICE_BODY.search(p.text)
        if m:
            return m.group(1).strip(), None
    for p in paras[:8]:
        if len(p.text) <= 60 and _TITLE_WORDS.search(p.text) and not re.search(f"[{SENTENCE_END}，]", p.text):
            return p.text.strip(), None
    if hint:
        return hint.strip(), None
    return (paras[0].text[:60] if paras else ""), None


def find_period(title: str, text: str) -> tuple[dict | None, int | None]:
    m = _PERIOD.search(title)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return {"start": a, "end": b}, a
    years = [int(y) for y in re.findall(r"(20\d{2})年", title)]
    if years:
        year = years[0]
        end = year
        for name, (a, b) in _FIVE_YEAR.items():
            if name in text[:20000] and a <= year <= b:
                end = b
        return {"start": year, "end": end}, year
    scoped = [int(y) for y in _YEAR_SCOPE.findall(text[:20000])]
    if scoped:
        return {"start": min(scoped), "end": max(scoped)}, None
    return None, None


def _measure_runs(paras: list[Paragraph]) -> dict[int, tuple[int, str, str]]:
    """Paragraph index -> (number, label, rest) for the numbered items that are measures.

    Numbers must run upwards (restarting at 1 after a chapter heading is fine);
    an out-of-sequence number is ordinary text.  Items after a glossary heading
    (名词解释) are definitions, not measures.
    """
    found: dict[int, tuple[int, str, str]] = {}
    patterns = [_MEASURE, _MEASURE_PAREN]
    for pattern in patterns:
        expected, in_glossary = 1, False
        for i, p in enumerate(paras):
            if _GLOSSARY.match(p.text):
                in_glossary = True
                continue
            if _CHAPTER.match(p.text) and not pattern.match(p.text):
                in_glossary = False
            m = pattern.match(p.text)
            if not m or in_glossary:
                continue
            n = int(m.group(1))
            if n == expected or (n == 1 and expected > 1) or (expected > 1 and n == expected + 1):
                label = p.text[: m.start(2)].strip()
                found[i] = (n, label, m.group(2))
                expected = n + 1
        if found:
            break
    return found


def parse(text: str, title_hint: str | None = None) -> Structure:
    paras = paragraphs(text)
    title, issuer = find_title(paras, title_hint)
    period, year = find_period(title, text)
    if issuer is None:
        m = re.match(r"^(?:20\d{2}年)?(.*?(?:省|市|自治区|区|县|州|盟|旗))(?:人民政府|政府)?", title)
        issuer = m.group(1) if m and len(m.group(1)) <= 12 else None
    is_report = bool(re.search(r"工作报告", title))
    measure_at = _measure_runs(paras)
    headings = [i for i, p in enumerate(paras) if _CHAPTER.match(p.text) or _SUBCHAPTER.match(p.text)]
    lost_headings = bool(measure_at) and not any(
        i < max(measure_at) and _CHAPTER.match(paras[i].text) for i in headings)
    default_year = (period or {}).get("end") or year

    sections: list[Section] = []
    measures: list[Measure] = []
    stack: dict[int, Section] = {}  # level -> open section
    current: Section | None = None
    current_measure: Measure | None = None
    in_glossary = False
    excluded: list[tuple[int, int]] = []
    preamble_end = 0
    first_measure = min(measure_at) if measure_at else None

    def open_section(p: Paragraph, level: int, label: str | None, title_text: str | None, intro: str | None,
                     scope_text: str | None = None):
        nonlocal current
        parent = stack.get(level - 1)
        inherited = parent.year if parent else default_year
        tense = parent.tense if parent else "future"
        scope_src = " ".join(x for x in (title_text, scope_text or intro) if x)
        years = [int(y) for y in re.findall(r"(20\d{2})年", title_text or "")]
        scoped = _YEAR_SCOPE.search(scope_src)
        sec_year = int(scoped.group(1)) if scoped else (years[-1] if years else inherited)
        for name, (a, b) in _FIVE_YEAR.items():
            if name in (title_text or "") and not years:
                sec_year = b
        if title_text and _PAST_HEADING.search(title_text):
            tense = "past"
        elif title_text and re.search(r"(安排|任务|目标|考虑|举措|部署|重点)", title_text):
            tense = "future"
        sec = Section(number=len(sections) + 1, start=p.start, end=p.end, label=label, title=title_text,
                      intro=intro, level=level, parent=parent.number if parent else None,
                      year=sec_year, tense=tense)
        sections.append(sec)
        stack[level] = sec
        for deeper in [k for k in stack if k > level]:
            del stack[deeper]
        current = sec
        return sec

    for i, p in enumerate(paras):
        if _GLOSSARY.match(p.text):
            in_glossary = True
            excluded.append((p.start, len(text)))
            current_measure = None
            continue
        ch = _CHAPTER.match(p.text)
        sub = _SUBCHAPTER.match(p.text)
        if i in measure_at:
            n, label, rest = measure_at[i]
            m_title = first_sentence(rest)
            if lost_headings and (current is None or (_SAFEGUARD.match(m_title) and current.measures
                                                    and not _SAFEGUARD.match(_measure_title(measures, current)))):
                open_section(p, 1, None, None, None)
            current_measure = _new_measure(n, label, rest, p, current)
            measures.append(current_measure)
            if current is not None:
                current.measures.append(n)
                _extend(current, stack, p.end)
            continue
        if ch or sub:
            in_glossary = False
            if excluded and excluded[-1][1] == len(text):
                excluded[-1] = (excluded[-1][0], p.start)
            level = 1 if ch else 2
            if ch:
                label = ch.group(1) or ch.group(2)
                rest = ch.group(3)
            else:
                label = f"（{sub.group(1)}）"
                rest = sub.group(2)
            if not ch and stack.get(1) and stack[1].label:
                label = f"{stack[1].label}{label}"
            heading = first_sentence(rest)
            intro_text = rest[len(heading):].lstrip("。！？ ")
            open_section(p, level, label, _strip_points(heading), first_sentence(intro_text) or None,
                         scope_text=intro_text)
            current_measure = None
            continue
        if in_glossary:
            continue
        if lost_headings:
            # a chapter whose heading was lost starts with its un-numbered intro paragraph
            nxt = i + 1
            before_first = first_measure is not None and i < first_measure
            if (before_first and nxt == first_measure) or (not before_first and first_measure is not None
                                                            and i > first_measure):
                open_section(p, 1, None, None, first_sentence(p.text), scope_text=p.text)
                current_measure = None
                continue
            if before_first:
                preamble_end = p.end
                continue
        if current_measure is not None and not headings_between(paras, i):
            # a continuation paragraph of the measure
            current_measure.text += "\n" + p.text
            current_measure.end = p.end
        if current is not None:
            _extend(current, stack, p.end)
        elif not sections:
            preamble_end = p.end

    for m in measures:
        _parse_measure_tail(m)
    sentences = split_sentences(text, sections, measures)
    kind = "report" if is_report else ("task_list" if sum(1 for m in measures if m.lead) > len(measures) / 2 else "plan")
    if is_report:
        _mark_past_paragraphs(paras, sections)
    return Structure(title=title, issuer=issuer, period=period, year=year or (period or {}).get("start"),
                     kind=kind, sections=sections, measures=measures, sentences=sentences,
                     preamble_end=preamble_end, excluded=excluded)


def headings_between(paras, i) -> bool:
    return False


def _measure_title(measures: list[Measure], section: Section) -> str:
    if not section.measures:
        return ""
    last = section.measures[0]
    return next((m.title for m in measures if m.number == last), "")


def _extend(section: Section, stack: dict[int, Section], end: int) -> None:
    section.end = max(section.end, end)
    for s in stack.values():
        if s.number != section.number and s.start <= section.start:
            s.end = max(s.end, end)


def _strip_points(heading: str) -> str:
    return _POINTS.sub("", heading).strip()


def _new_measure(n: int, label: str, rest: str, p: Paragraph, section: Section | None) -> Measure:
    title = first_sentence(rest)
    return Measure(number=n, label=label, title=title, text=rest, start=p.start, end=p.end,
                   section=section.number if section else None)


def _parse_measure_tail(m: Measure) -> None:
    """Deadline, lead departments and points from a task's closing parentheses."""
    text = m.text.rstrip("。 ")
    lead = _LEAD.search(text)
    if lead:
        before, leads = lead.group(1), lead.group(2)
        if "牵头" in lead.group(0) and not leads.strip():
            # "（市发展改革委牵头，市财政局配合）" style: the lead is before 牵头
            leads, before = before, ""
        parts = [x for x in re.split(r"[、，,；;]", before) if x.strip()]
        deadline = next((x.strip() for x in parts if re.search(r"(月|年|季度|持续|长期|推进|完成|底|前)", x)), None)
        m.deadline = deadline
        m.lead = [x.strip() for x in re.split(r"[、，,；;]|及|和", leads) if x.strip()
                  and not re.search(r"(配合|负责|按职责|分工)", x)]
    pts = _POINTS.findall(m.text)
    if pts:
        m.points = float(pts[-1])


def _mark_past_paragraphs(paras: list[Paragraph], sections: list[Section]) -> None:
    """Nothing to mark at paragraph level in the model; sentences check tense on the fly."""


def is_past_paragraph(text: str) -> bool:
    return bool(_PAST_PARAGRAPH.match(text))


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
        for i, sec in sorted(open_):  # list order breaks ties, as a full scan would
            if best is None or sec.level >= best.level:
                best = sec
        return best.number if best else None

    for line_start, line in _lines(text):
        start = line_start
        for m in re.finditer(f"[{SENTENCE_END}]+[”’」』）)]*", line):
            end = line_start + m.end()
            if text[start:end].strip():
                out.append(Sentence(id=len(out), start=start, end=end, measure=measure_at(start), section=section_at(start)))
            start = end
        end = line_start + len(line)
        if text[start:end].strip():
            out.append(Sentence(id=len(out), start=start, end=end, measure=measure_at(start), section=section_at(start)))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


