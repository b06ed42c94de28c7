"""What a document says about itself: title, issuer, kind, year and period.

* A notice that carries the plan as an attachment (X关于印发《Y》的通知 …
  附件：Y) is titled Y and issued by X; the plan proper starts after the cover
  letter, where the attachment repeats its title.
* A work report's page often titles it just 政府工作报告; its subtitle names the
  meeting (——2026年1月26日在广东省第十四届人民代表大会第五次会议上), which gives
  the region and the year: 2026年广东省政府工作报告.
* The period comes from the title (2023—2027年), else from the year the
  document is about and the five-year plan it opens (a 2026 report states
  十五五 goals to 2030), else from the 到20XX年 goals of its text.  A year in a
  review paragraph never dates the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.numbering import cn_number

FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035)}
_RANGE = re.compile(r"[（(]\s*(20\d{2})\s*[—–\-－~至到]+\s*(20\d{2})\s*年?\s*[)）]")
_TITLE_WORDS = re.compile(r"(行动方案|实施方案|工作方案|方案|规划纲要|规划|纲要|工作报告|报告|意见|办法|"
                          r"计划|要点|决定|通知|细则|清单|措施|若干政策|政策|条例|规定)")
_NOTICE_TITLE = re.compile(r"^(?P<issuer>.*?)"
                           r"(?:关于(?:印发|转发|发布)《?(?P<title>.+?)》?|(?:印发|转发|发布)《(?P<title2>.+?)》)"
                           r"的通知$")
_NOTICE_BODY = re.compile(r"现将《(?P<title>.+?)》(?:印发|转发)")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?\s*(?P<title>.*)$")
_SENTENCE_END = "。！？!?"
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
_MEETING = re.compile(r"(?P<date>(?:20\d{2}|[〇零一二三四五六七八九]{4})年"
                      r"[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日)"
                      r"在(?P<region>.{2,12}?)(?:第?[一二三四五六七八九十]+届)?人民代表大会")
_SCOPED = re.compile(r"(?:到|至)(20\d{2})年")


@dataclass
class Metadata:
    title: str
    issuer: str | None
    kind: str  # plan | report (task_list is decided once the measures are known)
    year: int | None
    period: dict | None
    body_start: int = 0  # index of the first paragraph of the document proper (after a notice's cover letter)


def _year_of(text: str) -> int | None:
    m = re.search(r"(20\d{2})年", text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    if m:
        return int("".join(str(cn_number(c)) for c in m.group(1)))
    return None


def _first_title_line(paras: list[str]) -> str | None:
    for text in paras[:8]:
        if len(text) <= 60 and _TITLE_WORDS.search(text) and not re.search(f"[{_SENTENCE_END}，]", text):
            return text.strip()
    return None


def _notice(paras: list[str]) -> tuple[str, str | None, int] | None:
    """(title, issuer, body start) of a notice carrying the plan; None for other documents."""
    for i, text in enumerate(paras[:12]):
        m = _NOTICE_TITLE.match(text)
        if m:
            title = (m.group("title") or m.group("title2")).strip()
            return title, m.group("issuer").strip() or None, _attachment_start(paras, i, title)
    for i, text in enumerate(paras[:12]):
        m = _NOTICE_BODY.search(text)
        if m:
            return m.group("title").strip(), None, _attachment_start(paras, i, m.group("title"))
    return None


def _attachment_start(paras: list[str], notice_at: int, title: str) -> int:
    """The paragraph after the attachment's own title line (the plan proper starts there); 0 if not found."""
    plain = re.sub(r"[《》\s]", "", title)
    for i in range(notice_at + 1, min(len(paras), notice_at + 40)):
        text = re.sub(r"[《》\s]", "", paras[i])
        attachment = _ATTACHMENT.match(paras[i])
        if text == plain or (attachment and re.sub(r"[《》\s]", "", attachment.group("title")) == plain):
            # 附件：Y may be followed by Y itself
            if i + 1 < len(paras) and re.sub(r"[《》\s]", "", paras[i + 1]) == plain:
                return i + 2
            return i + 1
    return 0


def _meeting(paras: list[str], gaz) -> tuple[int | None, str | None]:
    """(year, region) of the meeting a speech was given at: ——2026年1月26日在广东省第十四届人民代表大会…"""
    joined = "".join(paras[:6])  # a subtitle may be broken over two lines
    m = _MEETING.search(joined)
    if not m:
        return None, None
    return _year_of(m.group("date")), _division_name(m.group("region"), gaz)


def _division_name(text: str, gaz) -> str | None:
    """The longest full division name at the start of ``text`` (广西壮族自治区, 广东省, 重庆市)."""
    for n in range(min(len(text), 10), 1, -1):
        if any(d.name == text[:n] for d in gaz.lookup(text[:n])):
            return text[:n]
    return None


def names_region(text: str, gaz) -> bool:
    """Does ``text`` name a province or prefecture (full or customary name), or a county by its full name?"""
    for n in range(2, 9):
        for i in range(0, max(len(text) - n + 1, 0)):
            piece = text[i:i + n]
            if any(d.level <= 2 or d.name == piece for d in gaz.lookup(piece)):
                return True
    return False


def read_metadata(paras: list[str], text: str, gaz, hint: str | None = None, published: str | None = None) -> Metadata:
    notice = _notice(paras)
    issuer = None
    body_start = 0
    if notice:
        title, issuer, body_start = notice
    else:
        title = _first_title_line(paras) or (hint or "").strip() or (paras[0][:60] if paras else "")
    kind = "report" if "工作报告" in title else "plan"
    meeting_year, meeting_region = _meeting(paras, gaz) if kind == "report" else (None, None)
    if kind == "report" and meeting_region and not names_region(title, gaz):
        year = _year_of(title) or meeting_year
        bare = re.sub(r"^20\d{2}年", "", title)
        title = f"{year}年{meeting_region}{bare}" if year else f"{meeting_region}{bare}"
    if issuer is None:
        issuer = meeting_region or _title_region(title)
    year = _year_of(title) or meeting_year or _published_year(published)
    period = _period(title, text, year, kind)
    if year is None and period:
        year = period["start"]
    return Metadata(title=title, issuer=issuer, kind=kind, year=year, period=period, body_start=body_start)


def _title_region(title: str) -> str | None:
    m = re.match(r"^(?:20\d{2}年)?(.*?(?:省|市|自治区|特别行政区|区|县|州|盟|旗))(?:人民政府|政府)?", title)
    return m.group(1) if m and len(m.group(1)) <= 12 else None


def _published_year(published: str | None) -> int | None:
    m = re.match(r"(20\d{2})", published or "")
    return int(m.group(1)) if m else None


def _period(title: str, text: str, year: int | None, kind: str) -> dict | None:
    m = _RANGE.search(title)
    if m:
        return {"start": int(m.group(1)), "end": int(m.group(2))}
    if year is not None:
        end = year
        for name, (first, last) in FIVE_YEAR_PLANS.items():
            if name in text[:30000] and first <= year <= last and kind == "report":
                end = last  # a report in the plan's years states its goals to the plan's end
        if kind != "report":
            scoped = [int(y) for y in _SCOPED.findall(text[:30000]) if year <= int(y) <= year + 15]
            end = max([end, *scoped])
        return {"start": year, "end": end}
    scoped = [int(y) for y in _SCOPED.findall(text[:30000])]
    if scoped:
        return {"start": min(scoped), "end": max(scoped)}
    return None
