"""Quantities in a clause: a number with its unit, as plans write them.

"3万亿元", "2.5亿吨", "88%", "2—3个", "5%—5.5%" (a range), "1900多个" (more than),
"三个" (a Chinese numeral, only when a verb or cue governs it), "2.3∶1" (a ratio),
"万兆" (bandwidth).  Numbers that belong to a name, a date, a grade, a quote or a
bracketed weight are left out here: they are never targets.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.extract.numbers import ARABIC, chinese_to_int
from kg.extract.targets.vocabulary import COUNT_VERBS, CUES_BEFORE, GOVERNING_VERBS, NOT_AFTER, NOT_BEFORE

# Units as plans write them.  A magnitude (万, 亿…) is kept with its unit: 万人, 亿元, 万亿元.
MAGNITUDES = ("万亿", "千万", "亿", "万")
BASE_UNITS = sorted(set("""
元 美元 人次 人 户 家 个 项 所 座 条 处 场 列 对 套（间） 套(间) 套 间 张 台 部 辆 艘 架 标箱 TEU 吨 千瓦时 千瓦 度
立方米 方 平方公里 平方千米 平方米 公里 千米 米 亩 公顷 天 小时 分钟 年 岁 倍 名 类 位 次 批 本 个百分点 百分点 % ‰
P PFLOPS EFLOPS Gbps Mbps 兆 m2 ㎡ 斤 头 只 株 棵 首 件 篇 期 级 星 段 片 种 门 支 队 人/亿元 千克 公斤 吨标准煤 架次
艘次 笔 栋 年一遇 分 例 例次 宗 户次 场次 批次 班次 车次 人天
""".split()), key=len, reverse=True)
_UNIT = ("(?:" + "|".join(map(re.escape, MAGNITUDES)) + ")?(?:" + "|".join(map(re.escape, BASE_UNITS)) +
         ")(?:/(?:年|人|亩|户|平方米|吨))?|" + "|".join(map(re.escape, MAGNITUDES)))
_RANGE_SEP = r"\s*[—–\-~～至到]\s*"
_ARABIC_QUANTITY = re.compile(
    rf"(?P<low>{ARABIC})(?:(?P<low_pct>%)?{_RANGE_SEP}(?P<high>{ARABIC}))?(?P<more>多|余)?(?P<unit>{_UNIT})")
_CN_DIGITS = "一二两三四五六七八九十百千"
_CHINESE_QUANTITY = re.compile(
    rf"(?P<low>[{_CN_DIGITS}]+)(?:[—–\-至到](?P<high>[{_CN_DIGITS}]+))?(?P<more>多|余)?(?P<unit>[个家项所座条处名倍])")
_CHINESE_COUNT = re.compile(rf"[{_CN_DIGITS}][多余]?[个家项所座条处名倍]")
_RATIO = re.compile(rf"(?P<low>{ARABIC})\s*[∶:]\s*1(?!\d)")
_BARE_NUMBER = re.compile(rf"(?<![\d.]){ARABIC}(?![\d.%‰{''.join(MAGNITUDES)}])")
_INDEX_WORD = re.compile(r"(指数|系数|得分|评分|分值|发展水平)$")
_HAS_INDEX_WORD = re.compile(r"指数|系数|得分|评分|分值|发展水平")  # an index has no unit: "发展水平指数提高到60以上"
# "带动万名青年", "培训千名医生": a round number written as its magnitude alone
_ROUND_MAGNITUDE = re.compile(r"(?<![\d一二两三四五六七八九十百千万])(?P<low>万|千|百)"
                              r"(?P<unit>名|人|户|家|个)(?=[\u4e00-\u9fff])")
# "为80万重点群体": a bare 万 before people counts people
_PEOPLE_AFTER = re.compile(r"^(?:以上|多|余)?[^，、。；]{0,6}?(群体|人员|人口|居民|农民|职工|"
                           r"孕产妇|妇女|儿童|学生|老人|老年人|青年|毕业生|劳动力|患者|人才)")
_BANDWIDTH = re.compile(r"(?P<low>万|千|百|\d+)兆(?=[到进])")  # "万兆到乡镇", "20兆进牧户"

# Units that are never a quantity to reach: dates, phases, grades, generations, sessions.
_NEVER = {"月", "期", "级", "段", "星", "代"}
# Units that count only under a verb or cue that governs them ("组建服务队伍50支"), else they
# belong to a name or a description ("三支队伍", "两种模式").
_WEAK = {"支", "队", "种", "位", "次", "批", "首", "门", "片", "本", "篇", "类", "天", "年", "分"}
# Durations written before a noun name it: "240小时过境免签", "15分钟生活圈".
_DURATION = {"小时", "分钟", "天"}

# Full-width forms that scraped pages mix with ASCII; one character each, so offsets hold.
_SAME_WIDTH = str.maketrans("０１２３４５６７８９％．～－", "0123456789%.~-")


def same_width_ascii(text: str) -> str:
    """Full-width digits, % and dots as ASCII, character for character (offsets do not move)."""
    return text.translate(_SAME_WIDTH)


@dataclass
class Quantity:
    start: int  # offsets in the clause
    end: int
    value: float
    unit: str
    value_max: float | None = None  # the top of a range: "2—3个"
    more: bool = False  # "1900多个": more than the number


def find_quantities(clause: str) -> list[Quantity]:
    """The quantities of a clause, in order, none overlapping."""
    found = [q for m in _ARABIC_QUANTITY.finditer(clause) if (q := _arabic(clause, m))]
    if _CHINESE_COUNT.search(clause):
        found += [q for m in _CHINESE_QUANTITY.finditer(clause) if (q := _chinese(clause, m))]
    if "∶" in clause or ":" in clause:
        found += [Quantity(m.start(), m.end(), float(m.group("low")), "ratio") for m in _RATIO.finditer(clause)]
    for m in _BANDWIDTH.finditer(clause) if "兆" in clause else ():
        if not any(q.start <= m.start() < q.end for q in found):
            low = m.group("low")
            value = {"万": 10000, "千": 1000, "百": 100}.get(low) or float(low)
            found.append(Quantity(m.start(), m.end(), float(value), "兆"))
    for m in _ROUND_MAGNITUDE.finditer(clause) if ("万" in clause or "千" in clause or "百" in clause) else ():
        before = clause[: m.start()]
        if ends_with_count_verb(before) or GOVERNING_VERBS.search(before):
            value, unit = (1.0, "万" + m.group("unit")) if m.group("low") == "万" else \
                ({"千": 1000.0, "百": 100.0}[m.group("low")], m.group("unit"))
            found.append(Quantity(m.start(), m.end(), value, unit))
    for m in _BARE_NUMBER.finditer(clause) if _HAS_INDEX_WORD.search(clause) else ():
        comparator, length = cue_before(clause[: m.start()])
        if comparator and _INDEX_WORD.search(clause[: m.start() - length]) and \
                not any(q.start <= m.start() < q.end for q in found):
            found.append(Quantity(m.start(), m.end(), float(m.group(0).replace(",", "")), ""))
    found.sort(key=lambda q: q.start)
    return _without_overlaps(found)


def _arabic(clause: str, m: re.Match) -> Quantity | None:
    unit = _unit(m.group("unit"))
    before, after = clause[: m.start()], clause[m.end():]
    if unit == "年" and re.fullmatch(r"\d{4}", m.group("low")):
        return None  # a year
    if not _plausible(unit, before, after):
        return None
    if re.match(r"^[A-Za-z]", after) or re.search(r"[A-Za-z+＋.]$", before):
        return None  # 5G, T3, “1000+”, a version 3.0
    low = float(m.group("low").replace(",", ""))
    high = float(m.group("high").replace(",", "")) if m.group("high") else None
    if high is not None and high <= low:
        high = None  # "2025-2027" style pairs are not ranges of a quantity
    if unit in MAGNITUDES and _PEOPLE_AFTER.match(after):
        unit += "人"  # "为80万重点群体提供就业帮扶": 80万人
    return Quantity(m.start(), m.end(), low, unit, value_max=high, more=bool(m.group("more")))


def _chinese(clause: str, m: re.Match) -> Quantity | None:
    before, after = clause[: m.start()], clause[m.end():]
    if not _plausible(m.group("unit"), before, after):
        return None
    # a Chinese numeral counts only under a verb or cue: "建成三个中心"; "三张清单" is a name
    if not (ends_with_count_verb(before) or cue_before(before)[0]):
        return None
    if re.search(f"[{_CN_DIGITS}]$", before):
        return None  # part of a longer numeral word
    if m.group(0) == "一个" and not re.search(r"^[^，。；]{0,12}?(?:以上|以内|左右)", after):
        return None  # 建成一个现代化新广东: an article ("a"), not a count to reach
    low = chinese_to_int(m.group("low"))
    if low is None:
        return None
    high = chinese_to_int(m.group("high")) if m.group("high") else None
    return Quantity(m.start(), m.end(), float(low), m.group("unit"), value_max=float(high) if high else None,
                    more=bool(m.group("more")))


def _plausible(unit: str, before: str, after: str) -> bool:
    """False for numbers that belong to a name, a date, a grade, a quote or a bracketed weight."""
    base = unit
    for magnitude in MAGNITUDES:
        if base.startswith(magnitude) and base != magnitude:
            base = base[len(magnitude):]
            break
    if base in _NEVER or base in ("月", "日"):
        return False
    if unit in ("元", "美元"):
        return False  # a price or an amount per head: "补贴200元"; totals carry a magnitude (万元, 亿元)
    if base == "年" and not re.search(r"(年限|时间|工龄)[^，。]{0,6}$", before):
        return False  # a span of years counts only as a length: 受教育年限达到11.7年
    if base == "岁" and re.match(rf"^(?:及?以上|以下)?(?:的)?[{_CJK_NOUN}]", after):
        return False  # "60岁以上老年人": an age bracket describing people
    if base in _DURATION and re.match(rf"^[{_CJK_NOUN}“]", after) and not re.match(r"^(以上|以内|左右|内)", after):
        return False  # "240小时过境免签", "15分钟生活圈"
    if base in _WEAK and not (ends_with_count_verb(before) or cue_before(before)[0] or opens_with_count_verb(before)):
        return False
    if NOT_BEFORE.search(before) or NOT_AFTER.match(after):
        return False
    if before.count("“") > before.count("”"):
        return False  # inside a quoted name: “百千万”工程
    in_brackets = before.count("（") + before.count("(") > before.count("）") + before.count(")")
    if in_brackets and not re.search(r"(累计|约|其中)$", before):
        return False  # points and weights: （25分）, 日常监测（60%）
    return True


_CJK_NOUN = r"\u4e00-\u9fff"


def _unit(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw)  # 万套（间） and 万套(间) are one unit


def _without_overlaps(found: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in found:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


_CUE_AT_END = re.compile("(" + "|".join(re.escape(cue) for cue, _ in CUES_BEFORE) + ")$")
_CUE_COMPARATOR = dict(CUES_BEFORE)
_VERB_AT_END = re.compile("(" + "|".join(map(re.escape, COUNT_VERBS)) + ")$")
_VERB_AT_START = re.compile("(" + "|".join(map(re.escape, COUNT_VERBS)) + ")")
_LONGEST_CUE = max(len(cue) for cue, _ in CUES_BEFORE)
_LONGEST_VERB = max(map(len, COUNT_VERBS))


def cue_before(text: str) -> tuple[str | None, int]:
    """The comparator of the cue that ends ``text`` and the cue's length: "提高到" -> (">=", 3)."""
    m = _CUE_AT_END.search(text[-_LONGEST_CUE:])
    return (_CUE_COMPARATOR[m.group(1)], len(m.group(1))) if m else (None, 0)


def ends_with_count_verb(text: str) -> int:
    """Length of the count verb that ends ``text`` (0 if none): "新建" in "新建50个"."""
    m = _VERB_AT_END.search(text[-_LONGEST_VERB:])
    return len(m.group(1)) if m else 0


def opens_with_count_verb(text: str) -> bool:
    stripped = re.sub(r"^(力争|确保|争取|全年|今年|累计|再|新|共)+", "", text.lstrip("“ "))
    return bool(_VERB_AT_START.match(stripped))
