"""A corpus check: what in an extraction is plainly suspicious, counted per kind.

Scores need hand-made gold; this needs none.  It reads what the extractor
produced for any number of documents and flags output that is wrong on its
face - a title without its region, a period that is not the document's, names
that begin with a function word or an ordinal, the same name with and without
quote marks, page chrome in a name or a sentence, measures found in a work
report.  Every count is expected to be zero; ``kg audit DIR`` prints them and
the findings behind them.  Each check says why it exists in its docstring.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.model import Extraction


@dataclass(frozen=True)
class Finding:
    check: str
    document: str
    text: str  # the suspicious string
    detail: str = ""

    def to_row(self) -> dict:
        return {"check": self.check, "document": self.document, "text": self.text, "detail": self.detail}


Check = Callable[[Extraction], Iterable[tuple[str, str]]]
CHECKS: dict[str, tuple[str, Check]] = {}


def check(name: str, description: str):
    def register(fn: Check) -> Check:
        CHECKS[name] = (description, fn)
        return fn
    return register


# Words that never begin a name: prepositions, conjunctions, copulas and the
# ordinals of enumerations ("七是全国首条…", "在长江经济带", "以西部陆海新通道").
_FUNCTION_START = re.compile(
    r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+[，、]|首先|被|随着|按照|通过|关于|围绕|"
    r"专门|认真|深入|全面|坚持|着力|加快|推动|推进|支持|实施|开展|打造|"
    r"在|以|从|对|把|将|向|为|由|和|与|及|并|或|是|让|使|于|当|同|给|据)")
# Page chrome of portals and news sites: widgets, bylines, navigation.
_CHROME_WORDS = re.compile(r"(【字号|【字体|字号[:：]|责任编辑|扫一扫|当前位置|您的位置|阅读量|浏览次数|发表时间|"
                           r"上一篇|下一篇|打印本页|关闭窗口|分享到|附件下载|相关链接|来源[:：]|时间[:：]|"
                           r"^(?:下载|打印|全屏|收藏|加大|还原|减小|分享|首页|】|【)$)")
_REGION_WORD = re.compile(r"(省|市|自治区|区|县|州|盟|旗)")
_CRITICISM = re.compile(r"(形象工程|政绩工程|面子工程|豆腐渣工程|半拉子工程|花架子)")
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")


@check("title-without-region", "the title names no region though the document is a region's (政府工作报告)")
def _title_without_region(ex: Extraction):
    from kg.loaders.gazetteer import gazetteer

    title = ex.document.title or ""
    if _names_a_division(title, gazetteer()):
        return
    head = ex.document.text[:600]
    if _names_a_division(head, gazetteer()) and re.search(r"(报告|规划|方案|意见|计划|纲要)", title):
        yield title, "the opening lines name a region; the title does not"


def _names_a_division(text: str, gaz) -> bool:
    for n in range(2, 9):
        for i in range(0, max(len(text) - n + 1, 0)):
            piece = text[i:i + n]
            for d in gaz.lookup(piece):
                if d.level <= 2 or piece == d.name:
                    return True
    return False


@check("period-outside-year", "the period does not contain the year the document was issued or is about")
def _period_outside_year(ex: Extraction):
    period = ex.document.period or {}
    year = _document_year(ex)
    if not period or year is None:
        return
    start, end = period.get("start"), period.get("end")
    if start is None or end is None:
        return
    if not (start - 1 <= year <= end + 1) or end < start:
        yield f"{start}–{end}", f"document year {year}"


def _document_year(ex: Extraction) -> int | None:
    """The year the document states for itself: in its title, else its meeting/issue date line."""
    title_years = re.findall(r"(20\d{2})年", ex.document.title or "")
    if title_years:
        return int(title_years[0])
    m = re.search(r"(20\d{2})年\d{1,2}月\d{1,2}日在", ex.document.text[:800])
    if m:
        return int(m.group(1))
    published = str((ex.document.metadata or {}).get("published") or "")
    m = re.match(r"(20\d{2})", published)
    return int(m.group(1)) if m else None


@check("name-starts-with-function-word", "a project or organization name begins with a function word or ordinal")
def _function_word_start(ex: Extraction):
    for kind in ("projects", "organizations"):
        for entity in getattr(ex, kind):
            m = _FUNCTION_START.match(entity.name)  # (a quoted name is a slogan's own wording: “以竹代塑”)
            if m and _starts_a_name(entity.name[m.end():], single=len(m.group(0)) == 1) \
                    and not _is_place_prefix(entity.name):
                yield entity.name, f"{kind[:-1]} starts with {m.group(0)}"


def _starts_a_name(rest: str, single: bool) -> bool:
    """After a one-character function word, only a place, a quote or 国家/全国/中国 shows the name began
    late (在长江经济带); 向家坝 and 将军庙 are names that start with such a character."""
    from kg.loaders.gazetteer import gazetteer

    if not single:
        return True
    gaz = gazetteer()
    return (rest[:1] == "“" or rest.startswith(("国家", "全国", "中国"))
            or any(gaz.lookup(rest[:n]) or gaz.area(rest[:n]) for n in range(2, min(len(rest), 6) + 1)))


def _is_place_prefix(name: str) -> bool:
    """以色列, 和田, 于都: a division or country that happens to start with a function word."""
    from kg.loaders.gazetteer import gazetteer

    gaz = gazetteer()
    return any(gaz.lookup(name[:n]) or gaz.area(name[:n]) for n in range(2, min(len(name), 6) + 1))


@check("quote-variants", "the same name with and without quote marks is two entities")
def _quote_variants(ex: Extraction):
    for kind in ("projects", "organizations"):
        seen: dict[str, str] = {}
        for entity in getattr(ex, kind):
            key = _QUOTES.sub("", entity.name)
            if key in seen and seen[key] != entity.name:
                yield entity.name, f"also {seen[key]} ({kind})"
            seen.setdefault(key, entity.name)


@check("page-chrome", "page-chrome words in a title, a name or a sentence")
def _page_chrome(ex: Extraction):
    strings = [("title", ex.document.title or "")]
    for kind in ("projects", "places", "organizations"):
        strings += [(kind, e.name) for e in getattr(ex, kind)]
    strings += [("target", t.text) for t in [*ex.targets, *getattr(ex, "results", [])]]
    for line in ex.document.text.split("\n"):
        strings.append(("line", line.strip()))
    for where, text in strings:
        m = _CHROME_WORDS.search(text)
        if m:
            yield text[:60], f"{where}: {m.group(0)}"


@check("measures-in-report", "numbered measures found in a work report, which has none")
def _measures_in_report(ex: Extraction):
    if ex.document.kind == "report" and ex.measures:
        yield f"{len(ex.measures)} measures", "; ".join(f"{m.label}{m.title[:12]}" for m in ex.measures[:3])


@check("criticism-as-project", "a criticism or slogan (形象工程, 政绩工程) taken as a project")
def _criticism_as_project(ex: Extraction):
    for p in ex.projects:
        if _CRITICISM.search(p.name):
            yield p.name, "a criticism, not an undertaking"


def audit(extractions: Iterable[Extraction]) -> list[Finding]:
    findings: list[Finding] = []
    for ex in extractions:
        for name, (_, fn) in CHECKS.items():
            findings.extend(Finding(name, ex.document.id, text, detail) for text, detail in fn(ex))
    return findings


def summary(findings: list[Finding]) -> list[dict]:
    """One row per check, zero counts included, in registry order."""
    counts = {name: 0 for name in CHECKS}
    documents: dict[str, set[str]] = {name: set() for name in CHECKS}
    for f in findings:
        counts[f.check] += 1
        documents[f.check].add(f.document)
    return [{"check": name, "count": counts[name], "documents": len(documents[name]), "what": CHECKS[name][0]}
            for name in CHECKS]
