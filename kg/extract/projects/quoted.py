"""Names made by their quotes or their shape: “书香重庆”, “A平台”“B平台”, 引大济岷, 西电东送, counted parts."""
from __future__ import annotations

import re

from kg.extract.lexicon import BOUNDARY_WORDS, CJK, PROJECT_SUFFIXES
from kg.extract.projects.boundaries import left_edge
from kg.extract.projects.heads import NOT_A_SUFFIX_AFTER, QUOTE, SUFFIX_END, SUFFIX_KIND
from kg.extract.projects.model import Candidate

_ENUMERATED = re.compile(rf"((?:[{CJK}]{{2,5}}、){{2,}}[{CJK}]{{2,5}})“([一二三四五六七八九十])大([^”]{{2,8}})”")


def enumerated(text, clause_start, clause_end) -> list[Candidate]:
    """"大学城、科研港、科创街、科学谷、生命岛“五大创新支撑”": the counted items are named parts."""
    from kg.extract.numbers import chinese_to_int

    out = []
    for m in _ENUMERATED.finditer(text, clause_start, clause_end):
        items = m.group(1).split("、")
        lo = m.start(1)
        if chinese_to_int(m.group(2)) != len(items):
            continue
        pos = lo
        for item in items:
            clean = item
            for w in BOUNDARY_WORDS:
                if clean.startswith(w) and len(clean) - len(w) >= 2:
                    clean = clean[len(w):]
                    break
            s0 = pos + len(item) - len(clean)
            out.append(Candidate(clean, s0, pos + len(item), "", "zone", place_span=(s0, pos + len(item)),
                                 derived=True))
            pos += len(item) + 1
    return out


# Names whose shape says what they are, with or without a suffix or quotes:
# water transfers 引大济岷 / 引江济淮, and the national flows 南水北调, 西电东送, 西气东输, 东数西算.
_SHAPED_NAMES = [
    (re.compile(rf"引[{CJK}]济[{CJK}]"), "water_works"),
    (re.compile(r"[东南西北][水电气煤数粮][东南西北][调送输运算](?:[东中西]线)?"), "flow"),
]


_FLOW_KIND = {"水": "water_works", "电": "grid", "气": "pipeline"}


def split_quoted_run(c: Candidate) -> list[Candidate]:
    """“A平台”“B平台”“C平台” are three names.  (“育种”“扶苗”“强树”计划 stays one: its parts have no head.)"""
    if "”“" not in c.name:
        return [c]
    parts = []
    for m in QUOTE.finditer(c.name):
        inner = m.group(1)
        suffix = next((sf for sf, _ in PROJECT_SUFFIXES if inner.endswith(sf) and len(inner) > len(sf)), "")
        if not suffix:
            return [c]
        start = c.start + m.start()
        parts.append(Candidate(m.group(0), start, start + len(m.group(0)), suffix, SUFFIX_KIND[suffix],
                               quoted=True, aliases=[inner], place_span=(start, start + len(m.group(0)))))
    return parts or [c]


def shaped_names(text, clause_start, clause_end, found: list[Candidate]) -> list[Candidate]:
    """Shaped names in the clause.  A candidate they replace is dropped from ``found``: a list head wrongly
    shared onto one (引大济岷、红格南钒钛磁铁矿 does not make 引大济岷钒钛磁铁矿), or the same words read
    with a weaker suffix (南水北调西线 is not a metro line)."""
    out = []
    for pattern, kind in _SHAPED_NAMES:
        for m in pattern.finditer(text, clause_start, clause_end):
            heads = [c for c in found if c.start <= m.start() and m.end() <= c.end
                     and text[c.start:m.start()] in ("", "“")]
            if any(not c.derived and c.end > m.end() for c in heads):
                continue  # the stem of a longer name: 引大济岷工程, “东数西算”工程
            for c in heads:
                found.remove(c)
            k = _FLOW_KIND.get(m.group(0)[1], "programme") if kind == "flow" else kind
            out.append(Candidate(m.group(0), m.start(), m.end(), "", k, named=True, place_span=(m.start(), m.end())))
    return out


_QUOTED_ITEMS = re.compile(r"(?:(?:、|和|及|与)“[^“”]{1,20}”)+")


def _shared_quoted_head(text: str, qe: int, clause_end: int) -> str | None:
    """The head after a list of quoted items that starts at ``qe``: 和“信号升格”专项行动 -> 专项行动."""
    items = _QUOTED_ITEMS.match(text, qe, clause_end)
    if not items:
        return None
    pos = items.end()
    for size in range(min(6, clause_end - pos), 1, -1):
        if SUFFIX_END.search(text[pos:pos + size]) and not NOT_A_SUFFIX_AFTER.match(text[pos + size:pos + size + 4]):
            return text[pos:pos + size]
    return None


def bare_quotes(text, clause_start, clause_end, found: list[Candidate]) -> list[Candidate]:
    """Quoted names without a suffix: 建设“书香重庆”, 建设全域“无废城市”.  A quoted item of a list shares the
    head after the last one: “宽带升级”和“信号升格”专项行动 gives “宽带升级”专项行动."""
    out = []
    spans = [(c.start, c.end) for c in found]
    for m in QUOTE.finditer(text, clause_start, clause_end):
        qs, qe = m.start(), m.end()
        if any(a <= qs and qe <= b for a, b in spans):
            continue
        head = _shared_quoted_head(text, qe, clause_end)
        if head:
            suffix_match = SUFFIX_END.search(head)
            assert suffix_match is not None  # _shared_quoted_head returns only text that ends with a suffix
            suffix = suffix_match.group(0)
            out.append(Candidate(m.group(0) + head, qs, qe, suffix, SUFFIX_KIND[suffix], quoted=True,
                                 aliases=[m.group(1)], place_span=(qs, qe), derived=True))
            continue
        start = left_edge(text, clause_start, qs, stop_at_deng=True)
        out.append(Candidate(text[start:qe], start, qe, "", "programme", quoted=True, aliases=[m.group(1)],
                             place_span=(start, qe)))
    return out
