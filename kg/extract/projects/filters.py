"""Which candidates name one undertaking: the rules that keep a name or drop a description, slogan or count."""
from __future__ import annotations

import re

from kg.extract.lexicon import CJK, GENERIC_PREFIXES, PROGRAMME_SUFFIXES, STRONG_SUFFIXES, boundary_starting_at
from kg.extract.projects.heads import (
    DESCRIPTIVE_OK,
    QUOTE,
    SUFFIX_END,
    SUFFIX_KIND,
    SUFFIX_RE,
    WEAK_HEADS,
    ZONE_HEADS,
    contains_suffix,
    generic,
    specific,
)
from kg.extract.projects.model import Candidate, SpanIndex
from kg.extract.words import common_words, lead_words, plain_words

ORDINAL = re.compile(r"(第[一二三四五六七八九十\d]+[期批座条跑]|[一二三四五六七八九十]期|[A-Z]\d|\d[A-Z]|T\d)")


_NUMERAL_WORD = re.compile(r"^(百万|千万|千亿|万亿|十大|[一二三四五六七八九十两]+大|四千|双)")


_NATIONAL = re.compile(r"^(国家级|国家|全国|中国|中央)")


_LEADING_JUNK = re.compile(r"^(\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]+[)）]|等|和|及|与|以及|并|或|以上|以下)+")


CONSTRUCT = re.compile(r"(建设|建成|打造|推进|创建|实施|开展|开工|启动|规划建设|高水平建设|高标准建设|提质建设|"
                        r"积极打造|加快建设|加快推进|着力打造|全面建成|基本建成|构建|培育|推动)$")


_POSITIONING = re.compile(r"(副中心|中心城市|增长极|排头兵|桥头堡|先锋|高地|典范|样板|"
                          r"标杆|新范例|主战场|动力源|承载地|目的地|集聚地|引领地)$")


# Verbs that build or found an institution: 筹建宁夏职业技术大学, 建成某某医院综合楼.
_ESTABLISH = re.compile(r"(建设|新建|筹建|设立|建成|开工|升格|揭牌|获批|组建|"
                        r"迁建|扩建|改扩建|启用|投用|投入使用|创建|争创|推进)")


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


_QUOTED_COUNT = re.compile(r"^[一二三四五六七八九十两\d]+[大个项条小]")


PROGRAMME_END = re.compile(r"(计划|工程|行动)$")


_COUNT_SLOGAN = re.compile(r"^[一二三四五六七八九十两\d]+[\u4e00-\u9fff]{1,3}"
                           r"[一二三四五六七八九十两\d]+[\u4e00-\u9fff]{1,4}$")


def _counts_only(rest: str) -> bool:
    """After a count (三大, 六个), is there nothing but a generic word (行动, 工程, 一批)?"""
    if rest in ("一批", "一体"):
        return True
    rest = re.sub(r"^[一二三四五六七八九十两\d]+", "", rest)  # “五个一工程”
    return (not rest
            or bool(re.fullmatch(r"[大]?(?:行动|工程|计划|项目|任务|举措|工作|领域|方面|产业|板块|战略)", rest))
            or bool(SUFFIX_RE.fullmatch(rest)))  # “五大中心”: a count of a kind of thing


_BARE_QUOTE_STEMS = ("全域", "全市", "全省", "全面", "")


# counted items or lengths: "112个城市更新试点示范项目", "150公里农村公路"
_COUNTED = re.compile(r"^[\d一二三四五六七八九十百千万两几数多.]+(?:[—–\-~][\d]+)?"
                      r"(?:[个项家座条所批类]|公里|千米|亩|公顷)")


_MACRO_ONLY = re.compile(r"^(西部|东部|中部|中西部|全国|全球|世界|国际|西南|西北)$")


_ORDINAL_START = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+是|"
                            r"其[一二三四五六七八九十]|首先|其次|再次|最后)")


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
    while c.name[:1] in ("在", "被", "把", "了") and len(c.name) > 3:  # never the first word of a name
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
    moved = [m for m in _MOVED_INTO.finditer(name) if SUFFIX_END.search(name[: m.start()])]
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
    if _COUNTED.match(name):
        return False  # counted items: "112个城市更新试点示范项目"
    if _POSITIONING.search(name) or name in place_names:
        return False
    if re.search(r"\d+[个条项座处名位]", name) or "是指" in name:
        return False  # 7名院士…, 3个…: counts, not names
    quotes = QUOTE.findall(name)
    if quotes and not c.suffix and _COUNT_SLOGAN.match(quotes[-1]) and not SUFFIX_END.search(quotes[-1]):
        return False  # “三区一村”, “两化一振兴”: a slogan that counts its parts (“一网三平台” names a system)
    count = _QUOTED_COUNT.match(quotes[-1]) if quotes else None
    if count and _counts_only(quotes[-1][count.end():]):
        return False  # “三大行动”, “六个一批”: a count of things, not a name (“八项民生工程” is one)
    if quotes and "、" in quotes[-1] and all(len(q) >= 4 for q in quotes[-1].split("、")):
        return False  # “有根产业、有效投资、有持续税源”项目: a slogan of phrases
    if name.endswith("”") and name.count("“") == 1 and PROGRAMME_END.search(quotes[-1]):
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
            if SUFFIX_RE.search(name[max(0, q - 2):q]):
                return False  # 信用服务平台“川易贷”: the platform's own name, kept with the platform
            c.start += q
            c.name = name[q:]
            return True
        if re.match(r"^[一二三四五六七八九十\d]+号", inner):
            return False  # “一号工程”: the first priority, not a name
        stem_of = PROGRAMME_END.sub("", inner)
        if (stem_of != inner and len(stem_of) >= 2
                and not re.fullmatch(r"[一二三四五六七八九十百千两\d]+[大个项条批]", stem_of)):
            return True  # “千万工程”经验: the quotes hold a programme's whole name (“十大工程” counts)
        if _slogan(inner) or len(inner) < 3 or text[c.end:c.end + 1] not in "，。；、）),.;":
            return False
        stem = name[: name.find("“")]
        if stem not in _BARE_QUOTE_STEMS and not has_place:
            return False
        if contains_suffix(inner) and SUFFIX_RE.search(inner[-3:]):
            return True  # “四千行动”, “新时代渝商培养计划”
        before = text[max(0, c.start - 6):c.start]
        return bool(CONSTRUCT.search(before)) and not re.search(r"\d", inner)
    stem = name[: name.find(c.suffix)] if c.suffix in name else name
    if quotes:
        between = name[name.rfind("”") + 1: len(name) - len(c.suffix)] if name.endswith(c.suffix) else ""
        weak_head = c.suffix in WEAK_HEADS or c.suffix in PROGRAMME_SUFFIXES
        if between and (weak_head and generic(between) or c.suffix in ("港", "线")):
            return False  # “智改数转”重点项目, “三保”底线: the quoted words qualify a generic head
        if (re.fullmatch(r"[一二三四五六七八九十两双][\u4e00-\u9fff]", quotes[-1])
                and c.suffix not in PROGRAMME_SUFFIXES
                and (c.suffix in WEAK_HEADS or c.suffix in ZONE_HEADS) and not has_place):
            return False  # “两山”实践创新基地: a title a counted slogan gives to many places, not one undertaking
        return not _HARD_SLOGAN.search(quotes[-1]) and not re.match(r"^[一二三四五六七八九十\d]+号", quotes[-1])
    if generic(stem) or len(stem) < 2:
        return False
    if re.search(r"(两省市|各|全市统一|一体化的|等领域)", stem):
        return False
    has_code = bool(ORDINAL.search(name)) or name != name[: name.find(c.suffix) + len(c.suffix)]
    national = bool(_NATIONAL.match(stem)) or "国家" in stem
    # a facility of a named thing: 三纵线…立交至…段改造项目, 陆海新通道国际交流合作中心
    inner_head = any(SUFFIX_KIND.get(m.group(0)) in STRONG_SUFFIXES | {"corridor", "road"}
                     and m.start() >= 2 and not generic(stem[: m.start()])
                     for m in SUFFIX_RE.finditer(stem) if len(m.group(0)) >= 2)
    if inner_head:
        return True
    if c.suffix in ("港", "线"):
        return has_place and len(stem) >= 2
    if c.kind in ("education", "hospital"):
        # a university or hospital is an undertaking while it is built; otherwise it is an organization
        clause = text[max(0, c.start - 12):c.start]
        return (has_place or not generic(stem)) and bool(_ESTABLISH.search(clause))
    if c.kind in ("culture", "sports"):
        return has_place or (not generic(stem) and not plain_words(stem))
    if c.suffix in PROGRAMME_SUFFIXES:
        numeral = _NUMERAL_WORD.match(stem)
        if numeral and len(stem) <= len(numeral.group(0)) + 1:
            return False  # "六大工程": a count, not a name
        return has_place or has_code or bool(numeral) or inner_head or bool(re.search(r"(倍增|翻番)", stem))
    if _MACRO_ONLY.match(stem):
        return False
    if c.kind in STRONG_SUFFIXES and c.suffix not in WEAK_HEADS:
        return not re.search(r"(建设|推进|发展|实施|提升|改造)$", stem) or has_place
    if c.suffix in WEAK_HEADS:
        if c.suffix in ("基地", "示范基地", "出口基地", "储备基地") and national and not has_place:
            return False
        if has_place or has_code:
            return True
        # a descriptive but specific system: 就业培训管理信息平台, 智慧养老服务平台
        return c.suffix in DESCRIPTIVE_OK and specific(stem)
    if c.suffix in ZONE_HEADS:
        return has_place or not generic(stem) and specific(stem, min_len=2)
    return has_place or has_code or national
