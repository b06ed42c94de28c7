"""Projects: the named undertakings of a plan.

A project name is a noun phrase that ends in a project-type suffix (机场, 高铁,
隧道, 储气库, 示范区, 平台, 工程 …) and starts after the verb that governs it
("开工建设|重庆新机场", "加快推进|白市驿隧道").  Plan prose coordinates names
with 、 and shares heads between them, so:

* "铜锣峡、黄草峡储气库" gives 铜锣峡储气库 and 黄草峡储气库;
* "藻渡、向阳、跳蹬等大中型水库" gives three 水库 (the modifiers before the shared
  head describe the class, not the names);
* "中心城区至永川、南川等市域铁路" gives 中心城区至永川市域铁路 and
  中心城区至南川市域铁路;
* "江北国际机场T3B航站楼及第四跑道" gives the runway its airport;
* "轨道交通第四期、第五期规划项目" gives both phases.

A phrase is kept only when it names one thing: it is quoted, contains a place
or a code (T3B, 三期), or has a strong infrastructure suffix with a proper stem.
Descriptions ("一批智慧停车场", "公共服务平台") and unquoted generic campaigns
("实施乡村建设行动") are not projects.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kg.extract.lexicon import (BOUNDARY_WORDS, CJK, GENERIC_PREFIXES, GENERIC_STEMS, PROGRAMME_SUFFIXES,
                                PROJECT_SUFFIXES, STATUS_VERBS, STRONG_SUFFIXES)

_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in PROJECT_SUFFIXES))
_SUFFIX_KIND = dict(PROJECT_SUFFIXES)
# A suffix that is really the start of another word: 中心城区, 平台公司, 工程师, 系统性.
_NOT_A_SUFFIX_AFTER = re.compile(r"^(城区|城市|公司|师|性|化|体系|区域|站点|能力|功能|水平|建设单位|企业|改造|级|型|群体|网络)")
_PHASE = re.compile(rf"^(?:[（(][{CJK}]{{1,6}}段[)）]|[一二三四五六七八九十\d]+期(?:工程)?|[{CJK}]{{1,10}}?段(?![{CJK}]{{0,2}}(?:发展|建设)))")
_PAREN_PLACE = re.compile(rf"^[（(][{CJK}]{{2,6}}[)）]")
_ORDINAL = re.compile(r"(第[一二三四五六七八九十\d]+[期批座条]|[一二三四五六七八九十]期|[A-Z]\d|\d[A-Z]|T\d)")
_QUOTED = re.compile(r"“[^”]{1,24}”")
_NUMERAL_WORD = re.compile(r"^(百万|千万|万|千|百|十大|[一二三四五六七八九十]+大|[一二三四五六七八九十]千|四千|双)")
_NATIONAL = re.compile(r"^(国家级|国家|全国|中国|中央|省级|市级)")
_CONJ = re.compile(r"(以及|及|和|与|或)")
_TRAILING_VERBS = re.compile(r"(建设|建成|工作|项目建设|前期工作|启动建设|提档升级|改造)$")
_STRONG_ZONE = ("示范区", "示范园区", "试验区", "先行区", "合作区", "新区", "自由贸易试验区", "自贸试验区",
                "综合保税区", "科学城", "科技城", "科创城", "生态城", "国际新城", "国家公园", "文化公园", "经济走廊",
                "走廊", "新通道", "黄金水道", "班列", "经济带", "旅游带", "示范带", "生产带", "农业带", "生态岛",
                "主网架", "商圈", "示范基地", "出口基地", "实践创新基地", "储运基地")
_WEAK_PLATFORM = ("中心", "平台", "系统", "服务平台", "综合服务平台", "数据库", "节点", "枢纽节点", "基地", "项目",
                  "服务中心", "市场", "交易市场", "服务市场")


@dataclass
class Candidate:
    name: str
    start: int
    end: int
    kind: str
    quoted: bool = False
    status: str | None = None
    aliases: list[str] = field(default_factory=list)
    place_span: tuple[int, int] | None = None  # where to look for the places of the name


def norm_key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"[“”\"'‘’《》「」\s·]", "", name)
    return name.replace("—", "-").replace("–", "-").replace("－", "-")


def _is_boundary_at(text: str, pos: int) -> int | None:
    """Length of the boundary word that ends at ``pos``, if any."""
    for w in BOUNDARY_WORDS:
        if pos >= len(w) and text.startswith(w, pos - len(w)):
            return len(w)
    return None


def left_edge(text: str, clause_start: int, suffix_start: int) -> int:
    """Where the name ending at ``suffix_start`` begins: after the last boundary word.

    Scans right-to-left; a boundary word is a verb, adverb or conjunction that
    cannot be part of a name ("开工建设重庆新机场").
    """
    pos = suffix_start
    best = clause_start
    i = suffix_start
    while i > clause_start:
        ch = text[i - 1]
        if ch in "、":
            return i
        if ch == "”":  # keep a quoted part whole
            j = text.rfind("“", clause_start, i - 1)
            if j >= clause_start:
                i = j
                continue
        n = _is_boundary_at(text, i)
        if n and not _inside_word(text, i - n, i):
            return i
        i -= 1
    return best


def _inside_word(text: str, start: int, end: int) -> bool:
    """A boundary word that is really part of a name-word: 合作区 keeps 合作; 及时; 等级."""
    word = text[start:end]
    nxt = text[end:end + 2]
    if word in ("和", "与", "及", "或", "同") and start > 0 and text[start - 1] in "“":
        return True
    if word == "等" and nxt[:1] in "级次":
        return True
    if word in ("实现", "开放", "建设") and nxt[:1] in ("区", "中", "合"):
        return True
    return False


def _clauses(text: str, start: int, end: int):
    """Clause spans inside a sentence (split on ，；： but not inside brackets or quotes)."""
    depth = 0
    quote = False
    s = start
    for i in range(start, end):
        c = text[i]
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        elif c == "“":
            quote = True
        elif c == "”":
            quote = False
        elif c in "，；：。！？,;:!?" and depth == 0 and not quote:
            if i > s:
                yield s, i
            s = i + 1
    if end > s:
        yield s, end


def find_candidates(text: str, sentences, place_spans: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in sentences:
        for cs, ce in _clauses(text, sent.start, sent.end):
            out.extend(_clause_candidates(text, cs, ce, place_spans))
    return out


def _suffix_hits(text: str, cs: int, ce: int):
    """(start, end, suffix) of project suffixes in a clause, longest at each end position."""
    hits = []
    for m in _SUFFIX_RE.finditer(text, cs, ce):
        s, e = m.start(), m.end()
        # prefer the longest suffix ending at e (regex alternation is longest-first already)
        if _NOT_A_SUFFIX_AFTER.match(text[e:e + 4]):
            continue
        if e < ce and re.match(f"[{CJK}]", text[e]) and not _continues_ok(text, e, ce):
            continue
        hits.append((s, e, m.group(0)))
    return hits


def _continues_ok(text: str, e: int, ce: int) -> bool:
    """After a suffix, the clause may go on with a verb, a conjunction, 等 or another name."""
    rest = text[e:ce]
    if re.match(r"^(等|和|与|及|以及|、|建设|建成|开工|为|在|的|实现|全面|基本|加快|纳入|落地|投用|投运|通车|"
                r"提档|提质|提升|扩大|发展|运营|功能|能级|核心|高|重点|试点|改革|整体|前期|项目|一期|二期|三期|"
                r"集成|集聚|融合|启动|优化|获批|作用|要素|合作|协同|开放|建设运营|所|贯通|升级|示范|联动|辐射|带动|"
                r"成为|对接|接驳|各|通道|有力|打造|互联|达到|引领|体系|品牌|国际)", rest):
        return True
    return bool(_PHASE.match(rest)) or bool(_PAREN_PLACE.match(rest))


def _clause_candidates(text: str, cs: int, ce: int, place_spans) -> list[Candidate]:
    out: list[Candidate] = []
    hits = _suffix_hits(text, cs, ce)
    used_until = cs
    for s, e, suffix in hits:
        if s < used_until:
            continue
        end = e
        # the name may go on with a phase or a section: 合川双槐电厂三期, 渝昆高铁川渝段
        m = _PHASE.match(text[end:ce])
        if m and not re.search(r"(发展|建设|工程)$", m.group(0)):
            end += m.end()
        m = _PAREN_PLACE.match(text[end:ce])
        if m:
            end += m.end()
        start = left_edge(text, cs, s)
        if start >= s:
            continue
        kind = _SUFFIX_KIND[suffix]
        items = _list_items(text, cs, start, s, e, end, suffix, kind)
        out.extend(items)
        used_until = end
    out.extend(_quoted_programmes(text, cs, ce, out))
    return out


def _list_items(text, cs, start, s, e, end, suffix, kind) -> list[Candidate]:
    """The candidate ending at ``end`` plus the bare list items that share its head."""
    name = text[start:end]
    head = text[s:end]
    stem = text[start:s]
    out = []
    # "藻渡、向阳、跳蹬等大中型水库": the items before 等 share the head
    deng = stem.rfind("等")
    if deng > 0 and text[start + deng - 1] not in "、“":
        items_text = stem[:deng]
        modifier = stem[deng + 1:]
        items = _split_items(text, cs, start, start + deng)
        if items:
            for (i_s, i_e) in items:
                item = text[i_s:i_e]
                full = item if _has_own_suffix(item) else item + head
                out.append(Candidate(full, i_s, i_e, _kind_of(full, kind), aliases=[item] if full != item else [],
                                     place_span=(i_s, i_e)))
            if not _generic_stem(modifier) and modifier:
                out.append(Candidate(name, start, end, kind, place_span=(start, end)))
            return out
    out.append(Candidate(name, start, end, kind, place_span=(start, end)))
    # "铜锣峡、黄草峡储气库": bare items before the name, separated by 、
    if start > cs and text[start - 1] == "、":
        prev_items = _split_items(text, cs, None, start - 1)
        shared_prefix = ""
        m = re.match(rf"^(.{{2,8}}?至)", name)
        for (i_s, i_e) in prev_items:
            item = text[i_s:i_e]
            if _has_own_suffix(item):
                continue
            full = item + head if not re.search("至", item) or True else item
            out.append(Candidate(full, i_s, i_e, _kind_of(full, kind), aliases=[item], place_span=(i_s, i_e)))
    # "中心城区至永川、南川等市域铁路" is handled above; "X至A、B" shares "X至"
    return out


def _split_items(text, cs, start, end) -> list[tuple[int, int]]:
    """Items separated by 、 going left from ``end`` to the boundary (or ``start``)."""
    lo = start if start is not None else left_edge(text, cs, end)
    spans = []
    s = lo
    for i in range(lo, end + 1):
        if i == end or text[i] == "、":
            if i > s:
                spans.append((s, i))
            s = i + 1
    # "中心城区至永川、南川": later items inherit the "X至" of the first
    if spans:
        first = text[spans[0][0]:spans[0][1]]
        m = re.match(r"^(.{2,10}?至)", first)
        if m and len(spans) > 1:
            fixed = [spans[0]]
            for a, b in spans[1:]:
                fixed.append((a, b))
            spans = fixed
    return spans


def _has_own_suffix(item: str) -> bool:
    return any(item.endswith(sfx) for sfx, _ in PROJECT_SUFFIXES if len(sfx) >= 2)


def _kind_of(name: str, default: str) -> str:
    for sfx, kind in PROJECT_SUFFIXES:
        if name.endswith(sfx):
            return kind
    return default


def _generic_stem(stem: str) -> bool:
    stem = stem.strip("“”")
    if not stem:
        return True
    if stem in GENERIC_STEMS:
        return True
    return all(part in GENERIC_STEMS for part in re.findall(r"..", stem)) and len(stem) % 2 == 0


def _quoted_programmes(text, cs, ce, already: list[Candidate]) -> list[Candidate]:
    """Quoted names without a suffix hit: 全域“无废城市”, “川渝通办”, “书香重庆”."""
    out = []
    covered = [(c.start, c.end) for c in already]
    for m in _QUOTED.finditer(text, cs, ce):
        qs, qe = m.start(), m.end()
        if any(a <= qs and qe <= b for a, b in covered):
            continue
        # chained quotes “育种”“扶苗”“强树”计划 are handled by the suffix scan
        start = left_edge(text, cs, qs)
        name = text[start:qe]
        out.append(Candidate(name, start, qe, "programme", quoted=True, aliases=[m.group(0)[1:-1]],
                             place_span=(start, qe)))
    return out


# -- filtering -------------------------------------------------------------------

def keep(c: Candidate, text: str, place_spans: list[tuple[int, int]]) -> bool:
    name = c.name.strip()
    name = re.sub(r"^(等|和|及|与|以及|并|为|将|把|在|对|以)", "", name)
    c.name = name
    if len(name) < 3 or len(name) > 40:
        return False
    if name.startswith(GENERIC_PREFIXES):
        return False
    if re.match(r"^[\d一二三四五六七八九十百千万两几数多]+[个项家座条所批类大]", name):
        return False  # counted items: "112个城市更新试点示范项目"
    quoted = "“" in name or c.quoted
    suffix = next((s for s, _ in PROJECT_SUFFIXES if name.endswith(s)), "")
    stem = name[: len(name) - len(suffix)] if suffix else name
    has_place = any(c.start <= a and b <= c.end for a, b in place_spans) or any(
        a < c.end and b > c.start for a, b in place_spans if c.place_span and a >= c.place_span[0])
    has_code = bool(_ORDINAL.search(name))
    if quoted:
        inner = re.findall(r"“([^”]*)”", name)
        if inner and all(_is_slogan(q) for q in inner) and not suffix:
            return False
        return True
    if not suffix:
        return False
    if _generic_stem(stem) or len(stem) < 2:
        return False
    if re.search(r"(的|和|及|与)$", stem):
        return False
    if suffix in PROGRAMME_SUFFIXES or c.kind == "programme":
        return has_place or bool(_NUMERAL_WORD.match(stem)) or has_code
    if c.kind in STRONG_SUFFIXES:
        return not re.search(r"(建设|推进|发展|实施|提升)", stem) or has_place
    if suffix in _WEAK_PLATFORM:
        return has_place or bool(_NATIONAL.match(stem)) or has_code
    if any(name.endswith(z) for z in _STRONG_ZONE):
        return has_place or len(stem) >= 4 or bool(_NATIONAL.match(stem))
    return has_place or has_code or bool(_NATIONAL.match(stem))


_SLOGAN_HINTS = re.compile(r"(论英雄|意识|责任|思维|观念|理念|精神|作风|卡脖子|放管服|一号工程|两个|四个|五个|六个|\d+\+\d+)")


def _is_slogan(q: str) -> bool:
    return bool(_SLOGAN_HINTS.search(q)) or len(q) <= 1


def status_for(text: str, c: Candidate, clause_start: int, clause_end: int) -> str | None:
    before = text[max(clause_start, c.start - 8): c.start]
    for verb in STATUS_VERBS:
        if before.endswith(verb):
            return verb
    after = text[c.end: min(clause_end, c.end + 12)]
    for verb in STATUS_VERBS:
        if verb in after:
            return verb
    for verb in STATUS_VERBS:
        if verb in before:
            return verb
    return None
