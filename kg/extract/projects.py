"""Projects: the named undertakings of a plan.

A project name is a noun phrase that ends in a project-type suffix (机场, 高铁,
隧道, 储气库, 示范区, 平台, 工程 …) and starts after the word that governs it
("开工建设|重庆新机场", "加快推进|白市驿隧道").  Plan prose coordinates names
with 、 and shares heads between them, so:

* "铜锣峡、黄草峡储气库" gives 铜锣峡储气库 and 黄草峡储气库;
* "藻渡、向阳、跳蹬等大中型水库" gives three 水库 (the modifiers before the shared
  head describe the class, not the names);
* "中心城区至永川、南川等市域铁路" gives 中心城区至永川市域铁路 and
  中心城区至南川市域铁路;
* "江北国际机场T3B航站楼及第四跑道" gives the runway its airport;
* a name may go on with its phase or section: 合川双槐电厂三期, 渝昆高铁川渝段.

A phrase is kept only when it names one thing: it is quoted, contains a place
or a code (T3B, 三期), or has a strong infrastructure suffix with a proper stem.
Descriptions ("一批智慧停车场", "公共服务平台") and unquoted generic campaigns
("实施乡村建设行动") are not projects.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from kg.extract.words import common_words, cuts_word, lead_words, plain_words
from kg.extract.lexicon import boundary_starting_at
from kg.extract.lexicon import (BOUNDARY_WORDS, CJK, GENERIC_PREFIXES, GENERIC_STEMS, PROGRAMME_SUFFIXES,
                                PROJECT_SUFFIXES, STATUS_VERBS, STRONG_SUFFIXES)

_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in PROJECT_SUFFIXES))
_SUFFIX_KIND = dict(PROJECT_SUFFIXES)
_BOUNDARY_BY_LAST = {}
for _w in BOUNDARY_WORDS:
    _BOUNDARY_BY_LAST.setdefault(_w[-1], []).append(_w)
# A suffix that is really the start of another word: 中心城区, 平台公司, 工程师, 系统性.
_NOT_A_SUFFIX_AFTER = re.compile(r"^(城区|城市|公司|师|性|化|体系|区域|站点|能力|功能|水平|单位|企业|级|型|群体|"
                                 r"网络|副中心|主任|人员|经济|物流|港|集成)")
_PHASE = re.compile(rf"^(?:[（(][{CJK}]{{1,6}}段[)）]|[一二三四五六七八九十\d]+期(?:工程)?(?![{CJK}]{{0,1}}[规项])|"
                    rf"[{CJK}]{{2,12}}?段(?=[、，。；及和等建]|$))")
_PAREN_TAIL = re.compile(rf"^[（(][{CJK}]{{2,6}}段?[)）]")
_ORDINAL = re.compile(r"(第[一二三四五六七八九十\d]+[期批座条跑]|[一二三四五六七八九十]期|[A-Z]\d|\d[A-Z]|T\d)")
_QUOTE = re.compile(r"“([^“”]{1,30})”")
_NUMERAL_WORD = re.compile(r"^(百万|千万|千亿|万亿|十大|[一二三四五六七八九十两]+大|四千|双)")
_NATIONAL = re.compile(r"^(国家级|国家|全国|中国|中央)")
_LEADING_JUNK = re.compile(r"^(\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]+[)）]|等|和|及|与|以及|并|或|以上|以下)+")
_CONSTRUCT = re.compile(r"(建设|建成|打造|推进|创建|实施|开展|开工|启动|规划建设|高水平建设|高标准建设|提质建设|"
                        r"积极打造|加快建设|加快推进|着力打造|全面建成|基本建成|构建|培育|推动)$")
_CONJ_WORDS = ("和谐", "和平", "及时", "普及", "涉及", "参与", "高等", "中等", "平等", "同等", "等级", "给予")
_POSITIONING = re.compile(r"(副中心|中心城市|增长极|排头兵|桥头堡|先锋|高地|典范|样板|标杆|新范例|主战场|动力源|承载地|目的地|集聚地|引领地)$")
# Suffix classes.
_WEAK = {"中心", "平台", "系统", "服务平台", "综合服务平台", "数据库", "专家库", "政务热线", "服务热线", "自助终端",
         "节点", "枢纽节点", "基地", "项目",
         "服务中心", "市场", "交易市场", "服务市场", "班列", "新城", "片区", "园区", "产业园", "科技园",
         "工业园", "产业园区", "示范基地", "出口基地", "储备基地", "集聚区", "聚集区", "商务区", "大数据池",
         "专网", "外网", "走廊", "大通道", "运输通道"}
_ZONE_STRONG = {"国家文化公园", "示范区", "示范园区", "试验区", "先行区", "合作区", "新区", "自由贸易试验区", "自贸试验区",
                "综合保税区", "保税区", "科学城", "科技城", "科创城", "生态城", "国家公园", "文化公园",
                "国家考古遗址公园", "考古遗址公园", "遗址公园", "植物园",
                "经济走廊", "新通道", "黄金水道", "经济带", "旅游带", "示范带", "生产带", "农业带",
                "生态岛", "主网架", "特高压主网架", "商圈", "储运基地", "创新区",
                "高新区", "经开区", "开发区", "综合交通走廊"}


@dataclass
class Candidate:
    name: str
    start: int
    end: int
    suffix: str
    kind: str
    quoted: bool = False
    aliases: list[str] = field(default_factory=list)
    place_span: tuple[int, int] | None = None  # where to look for the places of the name
    derived: bool = False  # built by sharing a head across a list
    extra_span: tuple[int, int] | None = None  # an inherited prefix (中心城区至 in 中心城区至南川市域铁路)
    named: bool = False  # its shape alone makes it a name (引大济岷, 西电东送)
    shared_span: tuple[int, int] | None = None  # a shared head's qualifier: （四川段） in 长征、黄河等国家文化公园（四川段）

    def spans(self) -> list[tuple[int, int]]:
        spans = [self.place_span or (self.start, self.end)]
        for extra in (self.extra_span, self.shared_span):
            if extra:
                spans.append(extra)
        return spans


def norm_key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"[“”\"'‘’《》「」\s·]", "", name)
    return name.replace("—", "-").replace("–", "-").replace("－", "-")


# -- boundaries -----------------------------------------------------------------------

def _boundary_len(text: str, pos: int) -> int:
    """Length of a boundary word ending at ``pos`` (0 when none)."""
    if pos <= 0 or pos > len(text):
        return 0
    for w in _BOUNDARY_BY_LAST.get(text[pos - 1], ()):
        n = len(w)
        if pos >= n and text.startswith(w, pos - n):
            if n == 1 and any(text.startswith(cw, k) for cw in _CONJ_WORDS for k in (pos - 2, pos - 1)):
                continue
            return n
    return 0


_NOMINAL_VERBS = {"对接", "交易", "交换", "共享", "监管", "审批", "申报", "预警", "监测", "融资", "办公", "服务", "管理",
                  "调度", "交流", "展示", "流转", "报送", "督办", "评价", "登记", "采集"}


def left_edge(text: str, clause_start: int, suffix_start: int, stop_at_deng: bool = False) -> int:
    """Where the name ending at ``suffix_start`` begins: after the last boundary word, 、 or clause start."""
    i = suffix_start
    jumped = False
    while i > clause_start:
        ch = text[i - 1]
        if ch in "、":
            return i
        if ch == "”":  # a quoted part stays whole
            j = text.rfind("“", clause_start, i - 1)
            if j >= clause_start:
                i = j
                continue
        if ch in "）)":
            j = max(text.rfind("（", clause_start, i), text.rfind("(", clause_start, i))
            if j >= clause_start:
                i = j
                continue
        n = _boundary_len(text, i)
        if n and i == suffix_start and text[i - n:i] in _NOMINAL_VERBS:
            i -= n  # 供需对接平台, 质押融资平台: a verb right before the head names what the system does
            continue
        if n and (text[i - n:i] != "等" or stop_at_deng):
            # “清水绿岸”治理提升工程: a verb between a closing quote and the head belongs to the name
            q = text.rfind("”", clause_start, i - n + 1)
            word = text[i - n:i]
            if (not jumped and word not in ("和", "及", "与", "以及", "或") and q >= 0 and i - q <= 10
                    and not re.search(r"[，。；、,;]", text[q:i]) and text.rfind("“", clause_start, q) >= 0):
                i = text.rfind("“", clause_start, q)
                jumped = True
                continue
            return i
        i -= 1
    return clause_start


def clauses(text: str, start: int, end: int):
    """Clause spans of a sentence (split on ，；：, not inside brackets or quotes)."""
    depth, quote, s = 0, False, start
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
        elif c in "，；：。！？,;:!?" and not quote:
            if i > s:
                yield s, i
            s = i + 1
    if end > s:
        yield s, end


# -- candidates ----------------------------------------------------------------------

class SpanIndex:
    """Spans ``(start, end, *payload)`` sorted by start, to find those inside a range without a full scan
    (a 2.7 MB plan has tens of thousands of place spans and of candidates)."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda t: t[0])  # stable: equal starts keep their order
        self.starts = [t[0] for t in self.spans]

    def within(self, lo: int, hi: int) -> list[tuple]:
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.starts, hi)
        return [t for t in self.spans[i:j] if t[1] <= hi]

    def any_within(self, lo: int, hi: int) -> bool:
        return bool(self.within(lo, hi))

    def any_starting_at(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos)
        return i < len(self.starts) and self.starts[i] == pos


def find_candidates(text: str, sentences) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in sentences:
        for cs, ce in clauses(text, sent.start, sent.end):
            out.extend(_clause_candidates(text, cs, ce))
    return out


def _suffix_hits(text: str, cs: int, ce: int):
    hits = []
    for m in _SUFFIX_RE.finditer(text, cs, ce):
        s, e = m.start(), m.end()
        after = _NOT_A_SUFFIX_AFTER.match(text[e:e + 4])
        if after and not (after.group(0) == "功能" and m.group(0).endswith(("平台", "系统"))):
            continue  # 枢纽功能 is what a hub does; 服务平台功能 are the features of a named system
        # a longer suffix may start inside this one (平台 / 台…): the regex already prefers long ones
        hits.append((s, e, m.group(0)))
    return hits


def _extend_right(text: str, end: int, ce: int) -> int:
    if text[end:end + 1] in ("”", '"') and text.rfind("“", 0, end) > text.rfind(text[end], 0, end):
        end += 1  # 高等教育“登峰计划”: the name ends with its quote
    m = _PHASE.match(text[end:ce])
    if m and not re.search(r"(发展|建设|工程|项目)$", m.group(0)):
        end += m.end()
    m = _PAREN_TAIL.match(text[end:ce])
    if m:
        end += m.end()
    return end


def _clause_candidates(text: str, cs: int, ce: int) -> list[Candidate]:
    out: list[Candidate] = []
    covered_until = cs
    for s, e, suffix in _suffix_hits(text, cs, ce):
        if s < covered_until:
            continue
        # the suffix must end the phrase: what follows is a verb, a list mark, a phase or the clause end
        end = _extend_right(text, e, ce)
        nxt = text[end:end + 1]
        if nxt and re.match(f"[{CJK}]", nxt) and not _ends_phrase(text, end, ce) and not (
                len(suffix) >= 2 and _SUFFIX_KIND[suffix] in STRONG_SUFFIXES and not _continues_word(text, end)):
            continue  # an infrastructure head ends the name unless a word runs on (东庄水利枢纽|下闸蓄水)
        q_open = text.rfind("“", cs, s)
        if q_open > text.rfind("”", cs, s) and q_open >= 0:
            start = left_edge(text, cs, q_open, stop_at_deng=True)  # the head is inside a quoted name
        else:
            start = left_edge(text, cs, s)
        if start >= s:
            continue
        inner = list(re.finditer(r"(重点工程|重大工程|重点项目|重大项目|工程|项目)", text[start:s]))
        if inner and s - (start + inner[-1].end()) >= 2 and not text[start + inner[-1].end()] in "“":
            start += inner[-1].end()
        kind = _SUFFIX_KIND[suffix]
        inner_name = re.match(rf"^(.+(?:{'|'.join(sorted(_ZONE_STRONG, key=len, reverse=True))}))建设(行动|工程)$",
                              text[start:end])
        if inner_name:  # “一带一路”科技创新合作区建设行动 is about the zone
            end = start + len(inner_name.group(1))
            suffix = next(sf for sf in sorted(_ZONE_STRONG, key=len, reverse=True) if inner_name.group(1).endswith(sf))
            s = end - len(suffix)
            kind = _SUFFIX_KIND.get(suffix, "zone")
        if out and not out[-1].derived and start <= out[-1].start and out[-1].end <= s and \
                not re.search(r"[、等]", text[out[-1].end:s]):
            out.pop()  # 江北国际机场 inside 江北国际机场T3B航站楼
        out.extend(_with_list(text, cs, start, s, end, suffix, kind, out))
        covered_until = end
    out = [part for c in out for part in _split_quoted_run(c)]
    out.extend(_enumerated(text, cs, ce))
    out.extend(_shaped_names(text, cs, ce, out))
    out.extend(_bare_quotes(text, cs, ce, out))
    return out


def _ends_phrase(text: str, end: int, ce: int) -> bool:
    rest = text[end:ce]
    if _boundary_len(text, end + 2) == 2 or _boundary_len(text, end + 4) == 4:
        return True
    return bool(re.match(r"^(等|和|与|及|以及|、|建设|建成|开工|为|在|的|实现|纳入|落地|投用|投运|通车|提档|提质|"
                         r"货运|客运|运输|通航|航运|水运|口岸|创新|改革|探索|开发开放|高水平|片区|"
                         r"提升|扩大|运营|功能|能级|核心|试点|整体|前期|集聚|融合|启动|优化|获批|作用|合作|协同|"
                         r"开放|贯通|升级|示范|联动|辐射|带动|成为|对接|接驳|有力|互联|达到|引领|体系|品牌|项目|"
                         r"高水平|高质量|研发|一体化|基本|全面|加快|重点|国际影响力|影响力|建设运营|开发|发展|"
                         r"基础功能|功能)", rest))


def _continues_word(text: str, end: int) -> bool:
    """Does an everyday word run across ``end`` (港|口 in 港口, 线|上 in 线上, 中心|城区)?"""
    words = common_words()
    return any(text[i:i + size] in words for size in (2, 3, 4) for i in range(max(0, end - size + 1), end))


def _root_of(name: str) -> str | None:
    """'江北国际机场T3B航站楼' -> '江北国际机场' (the name up to its first strong suffix)."""
    for m in _SUFFIX_RE.finditer(name):
        if m.end() < len(name) and _SUFFIX_KIND[m.group(0)] in STRONG_SUFFIXES:
            return name[: m.end()]
    return None


def _with_list(text, cs, start, s, end, suffix, kind, previous) -> list[Candidate]:
    """The candidate text[start:end] plus list items that share its head."""
    name = text[start:end]
    head = text[s:end]
    out: list[Candidate] = []
    stem = text[start:s]
    # "藻渡、向阳、跳蹬等大中型水库" / "解放碑—朝天门、观音桥等商圈": items before 等 share the head
    k, klen = stem.rfind("等"), 1
    counted = re.search(r"[\d一二两三四五六七八九十]+[个项座条处]$", stem)
    if counted and counted.start() > 0:
        k, klen = counted.start(), len(counted.group(0))
    if k > 0 and stem[k - 1] not in "“、" and not any(stem.startswith(w, k - 1) for w in ("高等", "中等", "平等")):
        items = _items(text, cs, start + k)
        modifier = stem[k + klen:]
        if re.match(r"^(国家级|国家|全国|省级)", modifier):
            head = re.match(r"^(国家级|国家|全国|省级)", modifier).group(0) + head
        # 山阳、勉县等6个抽水蓄能项目: a specific class word after the count is part of the shared head
        specific = _COUNT_LEAD.sub("", modifier)
        if specific and not _generic(specific) and not plain_class(specific) and specific not in head:
            head = specific + head
        if suffix == "项目" and head.endswith("项目") and (not specific or plain_class(specific)):
            # 中石化特种纤维、宝丰煤制烯烃等项目建成投产: the items are the projects' names
            return [Candidate(text[i_s:i_e], i_s, i_e, "", "other", aliases=[text[i_s:i_e] + "项目"],
                              place_span=(i_s, i_e), derived=True, named=True)
                    for i_s, i_e in items if _names_an_undertaking(text, i_s, i_e)]
        made = False
        paren = re.search(r"[（(][^（()）]+[)）]$", head)
        tail = (end - len(paren.group(0)), end) if paren else None
        for i_s, i_e in items:
            item = text[i_s:i_e]
            if _own_head(item):
                continue  # "成渝中线高铁、…等项目": the items are names already
            full = _prefix_from_first(items, text, i_s, i_e) + head
            prefix_len = len(full) - len(item) - len(head)
            extra = (items[0][0], items[0][0] + prefix_len) if prefix_len > 0 else None
            out.append(Candidate(full, i_s, i_e, suffix, kind, aliases=[item], place_span=(i_s, i_e), derived=True,
                                 extra_span=extra, shared_span=tail))
            made = True
        if made:
            return out
        if not modifier or _generic(modifier):
            return out
        return out + [Candidate(text[start + k + klen:end], start + k + klen, end, suffix, kind,
                                place_span=(start + k + klen, end))]
    # "江北国际机场T3B航站楼及第四跑道": an ordinal item takes the root of the name before it
    if re.match(r"^第[一二三四五六七八九十\d]+", name) and previous:
        root = _root_of(previous[-1].name)
        if root and text[previous[-1].end:start].strip("及和与、") == "":
            out.append(Candidate(root + name, start, end, suffix, kind, aliases=[name],
                                 place_span=(previous[-1].start, end)))
            return out
    # "轨道交通第四期、第五期规划项目": ordinals share what stands around them
    m = re.match(r"^(第[一二三四五六七八九十\d]+期)", name)
    if m and start > cs and text[start - 1] == "、":
        prev = _items(text, cs, start - 1)
        if prev:
            item = text[prev[-1][0]:prev[-1][1]]
            pm = re.search(r"第[一二三四五六七八九十\d]+期$", item)
            if pm:
                prefix, tail = item[: pm.start()], name[m.end():]
                return [Candidate(item + tail, prev[-1][0], prev[-1][1], suffix, kind, place_span=prev[-1], derived=True),
                        Candidate(prefix + name, start, end, suffix, kind, place_span=(start, end), derived=True)]
    out.append(Candidate(name, start, end, suffix, kind, place_span=(start, end)))
    # "铜锣峡、黄草峡储气库": bare items before the name, separated by 、 - but not before a quoted name,
    # which is one programme's own (视力、心理“五健”促进行动计划)
    if start > cs and text[start - 1] == "、" and len(text[start:s]) <= 6 and "“" not in text[start:end]:
        items = _items(text, cs, start - 1)
        if items and not any(_contains_suffix(text[a:b]) for a, b in items):
            for i_s, i_e in items:
                item = text[i_s:i_e]
                if _generic(item) or len(item) > 8:
                    continue
                out.append(Candidate(item + head, i_s, i_e, suffix, kind, aliases=[item], place_span=(i_s, i_e),
                                     derived=True))
    # "中心城区至永川、南川等市域铁路" is the 等 case above
    return out


# Verbs that build or found an institution: 筹建宁夏职业技术大学, 建成某某医院综合楼.
_ESTABLISH = re.compile(r"(建设|新建|筹建|设立|建成|开工|升格|揭牌|获批|组建|迁建|扩建|改扩建|启用|投用|投入使用|创建|争创|推进)")
_COUNT_LEAD = re.compile(r"^(?:[\d一二两三四五六七八九十百千]+(?:多|余)?[个项座条处家批所台套]|一批|多个|若干)")
# Words that say what kind of project a list holds without naming one: 重大, 重点, 外资, 高科技, 合作 …
_PROJECT_CLASS = re.compile(r"^(?:新|重大|重点|标志性|产业|工业|外资|内资|高科技|招商|央企|央地|国际合作|合作|民生|"
                            r"基础设施|补短板|强链|延链|续建|新建|在建|[\u4e00-\u9fff]{1,2}合作)*$")


def plain_class(words: str) -> bool:
    """Is ``words`` only a description of a class of projects (重大, 外资, 160多个高科技)?"""
    return bool(_PROJECT_CLASS.match(_COUNT_LEAD.sub("", words)))


def _names_an_undertaking(text: str, start: int, end: int) -> bool:
    """An item of 'X、Y等项目' names a project when it is more than everyday words (中石化特种纤维, not 城中村改造)
    and does not start inside a word (保障|性住房)."""
    item = text[start:end]
    return (3 <= len(item) <= 24 and not plain_words(item) and not _generic(item)
            and not cuts_word(text, start, end))


def _prefix_from_first(items, text, i_s, i_e) -> str:
    """Later items inherit the "X至" of the first: 中心城区至永川、南川 -> 中心城区至南川."""
    first = text[items[0][0]:items[0][1]]
    item = text[i_s:i_e]
    m = re.match(r"^(.{2,10}?至)", first)
    if m and (i_s, i_e) != items[0] and "至" not in item:
        return m.group(1) + item
    return item


def _items(text, cs, end) -> list[tuple[int, int]]:
    """Items separated by 、 going left from ``end`` to the phrase boundary."""
    lo = end
    while lo > cs and text[lo - 1] not in "，。；：,;:！？":
        lo -= 1
    # the first item starts after the verb that governs the list
    first_end = text.find("、", lo, end)
    first_end = end if first_end < 0 else first_end
    lo = left_edge(text, lo, first_end)
    spans, s = [], lo
    for i in range(lo, end + 1):
        if i == end or text[i] == "、":
            if i > s:
                spans.append((s, i))
            s = i + 1
    return spans


def _contains_suffix(item: str) -> bool:
    return any(m for m in _SUFFIX_RE.finditer(item) if len(m.group(0)) >= 2)


def _own_head(item: str) -> bool:
    """The item ends in a project suffix (possibly with a phase): 渝昆高铁川渝段, 合川双槐电厂三期."""
    for m in _SUFFIX_RE.finditer(item):
        if len(m.group(0)) < 2:
            continue
        rest = item[m.end():]
        if not rest or _PHASE.fullmatch(rest) or _PAREN_TAIL.fullmatch(rest):
            return True
    return False


def _generic(stem: str) -> bool:
    stem = stem.strip("“”")
    if not stem or stem in GENERIC_STEMS:
        return True
    rest = stem
    while rest:
        for g in sorted(GENERIC_STEMS, key=len, reverse=True):
            if rest.startswith(g):
                rest = rest[len(g):]
                break
        else:
            return False
    return True


_ENUMERATED = re.compile(rf"((?:[{CJK}]{{2,5}}、){{2,}}[{CJK}]{{2,5}})“([一二三四五六七八九十])大([^”]{{2,8}})”")


def _enumerated(text, cs, ce) -> list[Candidate]:
    """"大学城、科研港、科创街、科学谷、生命岛“五大创新支撑”": the counted items are named parts."""
    from kg.extract.numbers import chinese_to_int

    out = []
    for m in _ENUMERATED.finditer(text, cs, ce):
        items = m.group(1).split("、")
        lo = m.start(1)
        n = _boundary_len(text, lo + len(items[0]))
        if chinese_to_int(m.group(2)) != len(items):
            continue
        pos = lo
        for item in items:
            b = _boundary_len(text, pos + len(item))
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


def _split_quoted_run(c: Candidate) -> list[Candidate]:
    """“A平台”“B平台”“C平台” are three names.  (“育种”“扶苗”“强树”计划 stays one: its parts have no head.)"""
    if "”“" not in c.name:
        return [c]
    parts = []
    for m in _QUOTE.finditer(c.name):
        inner = m.group(1)
        suffix = next((sf for sf, _ in PROJECT_SUFFIXES if inner.endswith(sf) and len(inner) > len(sf)), "")
        if not suffix:
            return [c]
        start = c.start + m.start()
        parts.append(Candidate(m.group(0), start, start + len(m.group(0)), suffix, _SUFFIX_KIND[suffix],
                               quoted=True, aliases=[inner], place_span=(start, start + len(m.group(0)))))
    return parts or [c]


def _shaped_names(text, cs, ce, found: list[Candidate]) -> list[Candidate]:
    """Shaped names in the clause.  A candidate they replace is dropped from ``found``: a list head wrongly
    shared onto one (引大济岷、红格南钒钛磁铁矿 does not make 引大济岷钒钛磁铁矿), or the same words read
    with a weaker suffix (南水北调西线 is not a metro line)."""
    out = []
    for pattern, kind in _SHAPED_NAMES:
        for m in pattern.finditer(text, cs, ce):
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


def _shared_quoted_head(text: str, qe: int, ce: int) -> str | None:
    """The head after a list of quoted items that starts at ``qe``: 和“信号升格”专项行动 -> 专项行动."""
    items = _QUOTED_ITEMS.match(text, qe, ce)
    if not items:
        return None
    pos = items.end()
    for size in range(min(6, ce - pos), 1, -1):
        if _SUFFIX_END.search(text[pos:pos + size]) and not _NOT_A_SUFFIX_AFTER.match(text[pos + size:pos + size + 4]):
            return text[pos:pos + size]
    return None


def _bare_quotes(text, cs, ce, found: list[Candidate]) -> list[Candidate]:
    """Quoted names without a suffix: 建设“书香重庆”, 建设全域“无废城市”.  A quoted item of a list shares the
    head after the last one: “宽带升级”和“信号升格”专项行动 gives “宽带升级”专项行动."""
    out = []
    spans = [(c.start, c.end) for c in found]
    for m in _QUOTE.finditer(text, cs, ce):
        qs, qe = m.start(), m.end()
        if any(a <= qs and qe <= b for a, b in spans):
            continue
        head = _shared_quoted_head(text, qe, ce)
        if head:
            suffix = _SUFFIX_END.search(head).group(0)
            out.append(Candidate(m.group(0) + head, qs, qe, suffix, _SUFFIX_KIND[suffix], quoted=True,
                                 aliases=[m.group(1)], place_span=(qs, qe), derived=True))
            continue
        start = left_edge(text, cs, qs, stop_at_deng=True)
        out.append(Candidate(text[start:qe], start, qe, "", "programme", quoted=True, aliases=[m.group(1)],
                             place_span=(start, qe)))
    return out


# -- filtering -----------------------------------------------------------------------

# Quoted words that name an attitude or a duty, not an undertaking: “四个意识”, “首位责任”, “工匠精神”.
_HARD_SLOGAN = re.compile(r"(意识|责任|思维|观念|理念|精神|作风)")
_SLOGAN = re.compile(r"(意识|责任|思维|观念|理念|精神|作风|[、，,+＋])")


def _slogan(inner: str) -> bool:
    """Quoted words that are a slogan rather than a name: an attitude (_HARD_SLOGAN), a list of phrases, or
    nothing but everyday words and idioms (“以点带面”, “一把手”, “走出去”)."""
    return bool(_SLOGAN.search(inner)) or inner in common_words() or plain_words(inner)


# Named government services end in a service morpheme: “一网通办”, “城市码”, “信易贷”, “好差评”.
_SERVICE_BRAND = re.compile(rf"^[{CJK}\d]{{1,6}}(?:办|码|贷|云|统管|评)$")
_MOVED_INTO = re.compile(r"进入|迁入|接入|向|到")
_SUFFIX_END = re.compile(f"(?:{_SUFFIX_RE.pattern})$")
_QUOTED_COUNT = re.compile(r"^[一二三四五六七八九十两\d]+[大个项条]")
_PROGRAMME_END = re.compile(r"(计划|工程|行动)$")
_COUNT_SLOGAN = re.compile(r"^[一二三四五六七八九十两\d]+[\u4e00-\u9fff]{1,3}[一二三四五六七八九十两\d]+[\u4e00-\u9fff]{1,4}$")


def _counts_only(rest: str) -> bool:
    """After a count (三大, 六个), is there nothing but a generic word (行动, 工程, 一批)?"""
    return not rest or bool(re.fullmatch(r"(一批|[大]?(?:行动|工程|计划|项目|任务|举措|工作|领域|方面|产业|板块))", rest))
_BARE_QUOTE_STEMS = ("全域", "全市", "全省", "全面", "")
_MACRO_ONLY = re.compile(r"^(西部|东部|中部|中西部|全国|全球|世界|国际|西南|西北)$")


_ORDINAL_START = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+是|其[一二三四五六七八九十]|首先|其次|再次|最后)")
# Characters that never begin a name: prepositions, conjunctions, particles (在长江经济带, 以西安…中心为引领).
_FUNCTION_CHARS = set("在以从对把将向为由被与和及同跟给于了是的并或其该此这那让使经按据")


def _lead_words(prefix: str) -> bool:
    """Is ``prefix`` words that govern a name rather than begin it (以, 在, 被明确为, 专门听取)?

    The word right before the name must be a function character or a governing verb; words before that
    may be any everyday words.  Nouns alone do not govern: 数字重庆云算力平台 and 健康中国行动 begin with
    them."""
    words, rest = [], prefix
    while rest:
        if rest[0] in _FUNCTION_CHARS:
            words.append(rest[0])
            rest = rest[1:]
            continue
        word = (boundary_starting_at(rest, 0) or next((rest[:n] for n in (4, 3, 2) if rest[:n] in lead_words()
                                                       or rest[:n] in common_words()), ""))
        if not word:
            return False
        words.append(word)
        rest = rest[len(word):]
    last = words[-1] if words else ""
    return last in _FUNCTION_CHARS or bool(boundary_starting_at(last, 0)) or last in lead_words()


def _strip_lead(c: Candidate, text: str, place_spans: SpanIndex) -> None:
    """Names begin at the name: an ordinal, and words before a place or quote that the name starts with,
    are left out (七是|全国首条…, 专门听取|海南自由贸易港, 以|西安区域科技创新中心)."""
    ordinal = _ORDINAL_START.match(c.name)
    if ordinal:
        c.start += ordinal.end()
        c.name = c.name[ordinal.end():]
    while c.name[:1] in ("在", "被", "把") and len(c.name) > 3:  # never the first word of a name
        c.start += 1
        c.name = c.name[1:]
    route = place_spans.any_starting_at(c.start)  # 中心城区至永川…, 甲地经乙地…: a route begins with its place
    for cut in range(1, min(7, len(c.name) - 2)):
        if route and c.name[cut - 1] in "经至到":
            continue
        starts_name = (place_spans.any_starting_at(c.start + cut) or c.name[cut] == "“"
                       or c.name.startswith(("国家", "全国", "中国"), cut))
        if starts_name and _lead_words(c.name[:cut]):
            c.start += cut
            c.name = c.name[cut:]
            return


# Words that reject what follows: 不搞“形象工程”“政绩工程”, 杜绝…, 纠治… - criticisms, not undertakings.
_REJECTED_BY = re.compile(r"(不搞|搞|不上|不做|杜绝|反对|防止|严禁|禁止|纠治|纠正|遏制|力戒|摒弃|整治|查处)"
                          r"(?:[^，。；]{0,10}?[、和及与])?(?:“[^”]*”[、和及与]?)*$")


def keep(c: Candidate, text: str, place_spans: SpanIndex, place_names: set[str]) -> bool:
    quote = c.name.find("“")
    if _REJECTED_BY.search(text[max(0, c.start - 20):c.start + max(quote, 0)]):
        return False
    name = _LEADING_JUNK.sub("", c.name.strip())
    if name != c.name:
        c.start += len(c.name) - len(name)
        c.name = name
    _strip_lead(c, text, place_spans)
    name = c.name
    if re.match(r"^以[^“”]{1,10}为", name):
        return False  # 以县城为枢纽节点: "taking X as Y", not a name
    moved = [m for m in _MOVED_INTO.finditer(name) if _SUFFIX_END.search(name[: m.start()])]
    if moved:  # 迁移现有交易系统进入电子政务外网: the name is where things move to
        cut = moved[-1].end()
        c.start += cut
        c.name = name = name[cut:]
    if not 3 <= len(name) <= 40:
        return False
    if name.count("“") != name.count("”") or name.count("（") + name.count("(") != name.count("）") + name.count(")"):
        return False
    unquoted = re.sub(r"“[^”]*”", "", name)
    if "的" in unquoted or name.startswith(GENERIC_PREFIXES):
        return False
    if unquoted == name and re.search(r"[\d一二三四五六七八九十]大", name):
        return False  # 可视化3大平台, 九大标准子系统: a count of things (“巴渝新消费”八大行动 is named)
    if re.match(r"^[\d一二三四五六七八九十百千万两几数多]+(?:[—–\-~][\d]+)?[个项家座条所批类]", name):
        return False  # counted items: "112个城市更新试点示范项目"
    if _POSITIONING.search(name) or name in place_names:
        return False
    if re.search(r"\d+[个条项座处名位]", name) or "是指" in name:
        return False  # 7名院士…, 3个…: counts, not names
    quotes = _QUOTE.findall(name)
    if quotes and not c.suffix and _COUNT_SLOGAN.match(quotes[-1]) and not _SUFFIX_END.search(quotes[-1]):
        return False  # “三区一村”, “两化一振兴”: a slogan that counts its parts (“一网三平台” names a system)
    count = _QUOTED_COUNT.match(quotes[-1]) if quotes else None
    if count and _counts_only(quotes[-1][count.end():]):
        return False  # “三大行动”, “六个一批”: a count of things, not a name (“八项民生工程” is one)
    if quotes and "、" in quotes[-1] and all(len(q) >= 4 for q in quotes[-1].split("、")):
        return False  # “有根产业、有效投资、有持续税源”项目: a slogan of phrases
    if name.endswith("”") and name.count("“") == 1 and _PROGRAMME_END.search(quotes[-1]):
        q = name.index("“")  # 第二轮国家“双高计划”: the quotes hold the whole name
        c.start += q
        c.name = name = name[q:]
    has_place = any(place_spans.any_within(lo, hi) for lo, hi in c.spans())
    if not c.suffix and (c.derived or c.named):  # an enumerated named part, a shaped name
        return True
    if not c.suffix:  # a bare quoted name
        inner = quotes[-1] if quotes else ""
        if _SERVICE_BRAND.search(inner):
            q = name.rfind("“")  # the brand alone: 民生热点“一网通办” names 一网通办
            if _SUFFIX_RE.search(name[max(0, q - 2):q]):
                return False  # 信用服务平台“川易贷”: the platform's own name, kept with the platform
            c.start += q
            c.name = name[q:]
            return True
        if re.match(r"^[一二三四五六七八九十\d]+号", inner):
            return False  # “一号工程”: the first priority, not a name
        stem_of = _PROGRAMME_END.sub("", inner)
        if stem_of != inner and len(stem_of) >= 2 and not re.fullmatch(r"[一二三四五六七八九十百千两\d]+[大个项条批]", stem_of):
            return True  # “千万工程”经验: the quotes hold a programme's whole name (“十大工程” counts)
        if _slogan(inner) or len(inner) < 3 or text[c.end:c.end + 1] not in "，。；、）),.;":
            return False
        stem = name[: name.find("“")]
        if stem not in _BARE_QUOTE_STEMS and not has_place:
            return False
        if _contains_suffix(inner) and _SUFFIX_RE.search(inner[-3:]):
            return True  # “四千行动”, “新时代渝商培养计划”
        before = text[max(0, c.start - 6):c.start]
        return bool(_CONSTRUCT.search(before)) and not re.search(r"\d", inner)
    stem = name[: name.find(c.suffix)] if c.suffix in name else name
    if quotes:
        between = name[name.rfind("”") + 1: len(name) - len(c.suffix)] if name.endswith(c.suffix) else ""
        weak_head = c.suffix in _WEAK or c.suffix in PROGRAMME_SUFFIXES
        if between and (weak_head and _generic(between) or c.suffix in ("港", "线")):
            return False  # “智改数转”重点项目, “三保”底线: the quoted words qualify a generic head
        return not _HARD_SLOGAN.search(quotes[-1]) and not re.match(r"^[一二三四五六七八九十\d]+号", quotes[-1])
    if _generic(stem) or len(stem) < 2:
        return False
    if re.search(r"(两省市|各|全市统一|一体化的|等领域)", stem):
        return False
    has_code = bool(_ORDINAL.search(name)) or name != name[: name.find(c.suffix) + len(c.suffix)]
    national = bool(_NATIONAL.match(stem)) or "国家" in stem
    # a facility of a named thing: 三纵线…立交至…段改造项目, 陆海新通道国际交流合作中心
    inner_head = any(_SUFFIX_KIND.get(m.group(0)) in STRONG_SUFFIXES | {"corridor", "road"}
                     and m.start() >= 2 and not _generic(stem[: m.start()])
                     for m in _SUFFIX_RE.finditer(stem) if len(m.group(0)) >= 2)
    if inner_head:
        return True
    if c.suffix in ("港", "线"):
        return has_place and len(stem) >= 2
    if c.kind in ("education", "hospital"):
        # a university or hospital is an undertaking while it is built; otherwise it is an organization
        clause = text[max(0, c.start - 12):c.start]
        return (has_place or not _generic(stem)) and bool(_ESTABLISH.search(clause))
    if c.kind in ("culture", "sports"):
        return has_place or (not _generic(stem) and not plain_words(stem))
    if c.suffix in PROGRAMME_SUFFIXES:
        numeral = _NUMERAL_WORD.match(stem)
        if numeral and len(stem) <= len(numeral.group(0)) + 1:
            return False  # "六大工程": a count, not a name
        return has_place or has_code or bool(numeral) or inner_head or bool(re.search(r"(倍增|翻番)", stem))
    if _MACRO_ONLY.match(stem):
        return False
    if c.kind in STRONG_SUFFIXES and c.suffix not in _WEAK:
        return not re.search(r"(建设|推进|发展|实施|提升|改造)$", stem) or has_place
    if c.suffix in _WEAK:
        if c.suffix in ("基地", "示范基地", "出口基地", "储备基地") and national and not has_place:
            return False
        if has_place or has_code:
            return True
        # a descriptive but specific system: 就业培训管理信息平台, 智慧养老服务平台
        return c.suffix in _DESCRIPTIVE_OK and _specific(stem)
    if c.suffix in _ZONE_STRONG:
        return has_place or not _generic(stem) and _specific(stem, min_len=2)
    return has_place or has_code or national


_DESCRIPTIVE_OK = {"平台", "系统", "服务平台", "综合服务平台", "数据库", "数据中心", "大数据中心", "专网", "外网",
                   "专家库", "政务热线", "服务热线", "自助终端",
                   "大数据池", "节点", "枢纽节点"}
_VAGUE = set("""
综合 公共 服务 开放 合作 协同 创新 发展 一体化 数字 数字化 智慧 智能 信息 信息化 管理 科创 特色 重点 重大 新型 现代 现代化
统一 全市 全省 全市统一 全省统一 共享 交流 支撑 基础 平台 绿色 国际 国家 国家级 区域 地区 毗邻 毗邻地区 产业 协作 联动
融合 高水平 高质量 功能 应用 运营 示范 试点 新 大 小 中 高 级 级的 各类 多元 综合性 世界 全球 美丽 中国 生态 安全 维护
""".split())


def _specific(stem: str, min_len: int = 3) -> bool:
    """Does the stem say which system it is (养老, 就业培训, 不动产登记) beyond generic words?"""
    stem = re.sub(r"^(省|市|区|县|自治区)(?=[\u4e00-\u9fff]{3})", "", stem)
    rest, specific = stem, 0
    while rest:
        for n in (4, 3, 2, 1):
            if rest[:n] in _VAGUE:
                rest = rest[n:]
                break
        else:
            specific += 1
            rest = rest[1:]
    return specific >= 2 and len(stem) >= min_len


def _list_around(text: str, c: Candidate, clause_start: int, clause_end: int) -> tuple[int, int]:
    """The span of the 、-separated list the candidate stands in (its own span when it stands alone)."""
    start = c.start
    while start > clause_start and text[start - 1] != "、":
        start -= 1
    while start > clause_start:  # earlier items
        prev = start - 1
        while prev > clause_start and text[prev - 1] not in "、":
            prev -= 1
        start = prev
    in_list = start < c.start or text.find("、", c.end, clause_end) >= 0
    return start, clause_end if in_list else c.end


def status_for(text: str, c: Candidate, clause_start: int, clause_end: int) -> str | None:
    """The state the text gives a project: the verb that governs it, or the list it stands in.

    Every item of a list shares the list's verb: in 开工建设A、B、C and in A、B、C等项目建成投用 the three
    projects have one status - the verb after 等 when the list is the subject, else the verb before it."""
    list_start, list_end = _list_around(text, c, clause_start, clause_end)
    if list_start < c.start or list_end > c.end:
        tail = text[list_start:list_end]
        closing = tail.rfind("等")
        if closing >= 0:
            for verb in STATUS_VERBS:
                if verb in tail[closing:]:
                    return verb
        head = tail[:12]
        for verb in STATUS_VERBS:
            if verb in head:
                return verb
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
