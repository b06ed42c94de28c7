"""Targets: quantitative goals - indicator, comparator, value, unit, year.

Plans state goals in a few shapes, each handled here:

* indicator + cue + number + unit: "地区生产总值超过3万亿元" (>), "提高到26%" (>=),
  "控制在5.5%左右" (~), "降低15%左右" (reduce_by), "达88%以上" (以上 wins: >);
* verb + number + unit + object: "建成100公里滨江公共空间", "新建50个智能工厂和500个
  数字化车间" (a counted deliverable, >=);
* a bare count closing a clause: "城镇新增就业85万人" (>=);
* lists: "最大电力负荷和全社会用电量分别达到3925万千瓦、1860亿千瓦时",
  "建成2—3个世界级商圈、10个高品质商圈", "基本养老保险、基本医疗保险参保率稳定在95%以上";
* growth: "年均增长10%以上" (an annual rate, %/year), a bare "增长2%" (=);
* doubling: "翻一番", "实现“双倍增”" (2 倍).

Numbers that belong to a name or a description are not targets: 5G, 第四期,
“1000+”, 3岁以下, "高于10万元的村", points and weights in brackets, years and
dates, and baselines ("在现有…62项的基础上").  Results of past years are not
targets either: the caller skips review chapters of work reports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import ANNUAL, CJK, CMP_AFTER, CMP_BEFORE, COUNT_VERBS, UNITS
from kg.extract.numbers import ARABIC, chinese_to_int

_UNITS = sorted(set(UNITS) | {"年一遇", "万套（间）", "套（间）", "万户", "万座"}, key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS if u not in ("G", "M"))
_CN = "一二两三四五六七八九十百千"
_NUM = re.compile(
    rf"(?P<num>{ARABIC}(?:\s*[—–\-~～]\s*{ARABIC})?|[{_CN}]+(?=[个家项所座条处名批倍类]))\s*(?P<unit>{_UNIT_RE})")
_RATIO = re.compile(rf"(?P<num>{ARABIC})\s*[∶:]\s*1(?!\d)")
_BANDWIDTH = re.compile(r"(?P<num>万|千|百|\d+)兆(?=[到进])")
_DOUBLE = re.compile(r"(翻一番|翻番|双倍增|倍增)(?=”?(?:[，。；、,;]|$))")
_SKIP_UNITS = {"年", "月", "日", "期", "级", "段", "星", "代", "批", "次", "首", "门", "支", "队", "片", "本", "篇", "种",
               "位", "元"}
_NOT_AFTER = re.compile(r"^(年|月|日|号|期|级|大|型|代|届|次会议|版|环|横|纵|射|小时交通圈|A级|强|方面|"
                        r"婴幼儿|以下婴幼儿|专职|规定|行动|计划|工程|专项|主要指标|个方向|个专项)")
_NOT_BEFORE = re.compile(r"(第|“|近|T|满|铁人|以下|提供|覆盖)$")
_BASELINE = re.compile(r"(现有|已有|基础上|目前|截至|同比|比上年|较上年|比去年)")
_CLAUSE_SPLIT = re.compile(r"[，；。！？,;!?：:]")
_LEAD_FILLER = re.compile(
    r"^(?:(?:到|至)20\d{2}年(?:底|末)?|20\d{2}年|今年|力争|确保|争取|实现|推动|使|让|其中|基本(?=[建实形完])|全面|进一步|持续|稳步|"
    r"努力|着力|全力|并|且|和|以及|年末|年底|同时|将|要|达到|保持|基本实现|初步|加快|大力|积极|深入|推进|“|”)+")
_SCOPE = re.compile(r"^(全市|全省|全区|全县|全国|全域|各区县|每个区县)")
_TRAIL = re.compile(r"(要|将|需|应|均|分别|稳定|保持|巩固|实现|达到|力争|确保|超过|“|”|、|和|及)+$")
_HEADS = re.compile(r"(年均增长率|年复合增长率|增长率|覆盖率|参保率|达标率|比重|比例|占比|年供应能力|供应能力|能力|总量|规模|产量|数量|面积|里程)")


@dataclass
class FoundTarget:
    indicator: str
    comparator: str
    value: float | None
    unit: str
    start: int  # span of the target phrase in the text
    end: int
    scope: str | None = None


@dataclass
class _Num:
    start: int  # relative to the clause
    end: int
    value: float
    unit: str


def _cue_before(s: str) -> tuple[str | None, int]:
    for cue, cmp_ in sorted(CMP_BEFORE, key=lambda t: len(t[0]), reverse=True):
        if s.endswith(cue):
            return cmp_, len(cue)
    return None, 0


def _count_verb_before(s: str) -> int:
    for verb in COUNT_VERBS:
        if s.endswith(verb):
            return len(verb)
    return 0


_LEAD_VERBS = re.compile(rf"^({'|'.join(map(re.escape, COUNT_VERBS))})")


def _clean(s: str) -> tuple[str, str | None]:
    s = s.strip(" 　")
    s = _LEAD_FILLER.sub("", s)
    s = _LEAD_VERBS.sub("", s)
    scope = None
    m = _SCOPE.match(s)
    if m and len(s) > len(m.group(0)) + 1:
        scope, s = m.group(0), s[m.end():]
    s = _LEAD_FILLER.sub("", s)
    s = _TRAIL.sub("", s)
    return s.strip(" 、"), scope


def _numbers(clause: str) -> list[_Num]:
    nums: list[_Num] = []
    for m in _NUM.finditer(clause):
        unit, raw = m.group("unit"), m.group("num")
        before, after = clause[: m.start()], clause[m.end():]
        if unit in _SKIP_UNITS or (unit == "年" and re.fullmatch(r"\d{4}", raw)):
            continue
        if re.match(r"^[A-Za-z]", after) or re.search(r"[A-Za-z+＋]$", before) or _NOT_BEFORE.search(before):
            continue
        if _NOT_AFTER.match(after):
            continue
        if before.count("“") > before.count("”"):
            continue  # inside a quoted name: “1000+”
        in_paren = before.count("（") + before.count("(") > before.count("）") + before.count(")")
        if in_paren and not re.search(r"(累计|约)$", before):
            continue  # points and weights: （25分）, 日常监测（60%）
        first = re.split(r"\s*[—–\-~～]\s*", raw)[0]
        if re.fullmatch(f"[{_CN}]+", first):
            if not (_count_verb_before(before) or _cue_before(before)[0]):
                continue  # 铁人三项, 三张清单: numerals in names
            value = chinese_to_int(first)
        else:
            value = float(first.replace(",", ""))
        if value is None:
            continue
        nums.append(_Num(m.start(), m.end(), float(value), unit))
    for m in _RATIO.finditer(clause):
        nums.append(_Num(m.start(), m.end(), float(m.group("num")), "ratio"))
    for m in _BANDWIDTH.finditer(clause):
        if any(n.start == m.start() for n in nums):
            continue  # "20兆" is already a number with its unit
        v = {"万": 10000, "千": 1000, "百": 100}.get(m.group("num")) or float(m.group("num"))
        nums.append(_Num(m.start(), m.end(), float(v), "兆"))
    nums.sort(key=lambda n: n.start)
    return nums


_LEVEL_WORDS = re.compile(r"^(市|省|区|县|区县|乡镇|街道|村|市级|省级|区县级|县级)$")


def _split_parts(s: str) -> list[str]:
    if "、" in s:
        return [p for p in s.split("、") if p]
    return [p for p in re.split(r"(?<=[\u4e00-\u9fff])(?:和(?![谐平])|及(?!时)|与)(?=[\u4e00-\u9fff])", s) if p]


def _distribute(parts: list[str]) -> list[str] | None:
    """'基本养老保险、基本医疗保险参保率' -> both with 参保率; None when it is one indicator."""
    if len(parts) < 2 or any(_LEVEL_WORDS.match(p) for p in parts[:-1]):
        return None
    m = _HEADS.search(parts[-1])
    if not m:
        return None
    tail = parts[-1][m.start():]
    return [p if _HEADS.search(p) else p + tail for p in parts[:-1]] + [parts[-1]]


def find_targets(text: str, start: int, end: int) -> list[FoundTarget]:
    """Targets in the sentence text[start:end]."""
    out: list[FoundTarget] = []
    pos = start
    for clause in _CLAUSE_SPLIT.split(text[start:end]):
        cs = pos
        pos += len(clause) + 1
        if clause.strip() and not _BASELINE.search(clause):
            out.extend(_clause_targets(clause, cs))
    return out


def _clause_targets(clause: str, cs: int) -> list[FoundTarget]:
    found: list[FoundTarget] = []
    nums = _numbers(clause)

    # doubling: "实现“双倍增”", "翻一番"
    for dm in _DOUBLE.finditer(clause):
        seg_start = clause.rfind("、", 0, dm.start()) + 1
        if any(seg_start <= n.start < dm.start() for n in nums):
            continue
        seg = clause[seg_start: dm.start()]
        ind, scope = _clean(seg.rstrip("“"))
        if ind:
            found.append(FoundTarget(ind, ">=", 2.0, "倍", cs + dm.start() - len(seg), cs + dm.end(), scope))
    if not nums:
        return found

    # "A和B分别达到X、Y" / "A、B…分别达100%"
    k = clause.find("分别")
    if k >= 0:
        after_nums = [n for n in nums if n.start > k]
        subject = clause[:k]
        raw_parts = _split_parts(_clean(subject)[0])
        parts = _distribute(raw_parts) or raw_parts
        if len(parts) != max(len(after_nums), 2):
            for piece in reversed([p for p in re.split(r"[，、]|实现|总量", subject) if p]):
                pp = _split_parts(_clean(piece)[0])
                if len(pp) == len(after_nums):
                    parts = _distribute(pp) or pp
                    break
        cmp_, _ = _cue_before(clause[k + 2: after_nums[0].start] if after_nums else "")
        cmp_ = cmp_ or ">="
        tail = clause[after_nums[-1].end:] if after_nums else ""
        for cue, c in CMP_AFTER:
            if tail.startswith(cue):
                cmp_ = c
        if after_nums and len(parts) >= 2 and (len(parts) == len(after_nums) or len(after_nums) == 1):
            values = after_nums if len(after_nums) == len(parts) else after_nums * len(parts)
            for part, n in zip(parts, values):
                found.append(FoundTarget(part, cmp_, n.value, _unit(n.unit, part), cs, cs + len(clause)))
            return found

    # trailing value list: "建成市级、区县级和谐示范村(社区)200个、1000个"
    if len(nums) >= 2 and all(clause[a.end:b.start] == "、" for a, b in zip(nums, nums[1:])):
        ind_text, scope = _clean(clause[: nums[0].start])
        parts = _split_parts(ind_text)
        if len(parts) == len(nums) and clause[nums[-1].end:].strip() in ("", "以上"):
            cmp_ = ">" if clause[nums[-1].end:].startswith("以上") else ">="
            for part, n in zip(parts, nums):
                found.append(FoundTarget(part, cmp_, n.value, _unit(n.unit, part), cs + n.start, cs + n.end, scope))
            return found

    prev: FoundTarget | None = None
    prev_end = 0
    for i, n in enumerate(nums):
        before = clause[prev_end: n.start]
        after = clause[n.end:]
        nxt = nums[i + 1].start if i + 1 < len(nums) else len(clause)
        cmp_, cue_len = _cue_before(before)
        verb_len = 0 if cmp_ else _count_verb_before(before)
        growth = bool(re.search(r"(增长|增速|增幅|增长率为?|增长率达到)$", before))
        continuation = prev is not None and bool(re.search(r"[、和及与]$", before)) and not cmp_
        item_start = re.match(r"^(以上|左右|以内)?([、和及与]|的)", before)
        if item_start and prev is not None:
            before = before[item_start.end():]  # "…15个以上、大型科技企业孵化载体10个以上"
        if not verb_len and not cmp_ and not continuation:
            lead = _clean(clause[:0] + before)[0]
            opening = re.match(rf"^({'|'.join(map(re.escape, COUNT_VERBS))})", before.lstrip("“"))
            if opening and re.search(r"[、等]$", before) and not re.search(r"(以上|以下|左右)$", after[:2]):
                verb_len = -1  # "布局实施人工智能、高端航空装备等9个重大科技专项": the verb governs the count
        modifier = bool(re.match(r"^(以上的|以下的|的)", after))
        comparator = cmp_
        if comparator is None and growth:
            comparator, cue_len = "=", 0
        if comparator is None and (verb_len or continuation):
            comparator = prev.comparator if continuation and prev else ">="
        later_cued = any(_cue_before(clause[: m.start])[0] for m in nums[i + 1:])
        if modifier and later_cued:
            prev_end = n.end
            continue  # "高于10万元以上的村占比达到80%": the first number describes the indicator
        for cue, c in CMP_AFTER:
            if after.startswith(cue):
                if comparator != "reduce_by":
                    comparator = c
                break
        if re.match(r"^(覆盖|达标|全覆盖)", after) or "全部完成" in after[:24]:
            if comparator in (None, ">="):
                comparator = "="
        if comparator is None:
            # a bare count closing its clause or list item: "城镇新增就业85万人", "孵化载体10个以上、"
            closing = bool(re.match(r"^(以上|左右|以内)?(、|$)", after))
            if closing and before.strip() and re.search(f"[{CJK})）]$", before):
                comparator = ">="
            else:
                prev_end = n.end
                continue
        elif comparator != "reduce_by" and not cmp_ and not verb_len and not continuation and later_cued:
            prev_end = n.end
            continue  # "社区1名以上专职网格员配备率达100%": the 1 describes the indicator
        scope = None
        if cmp_ or growth or (not verb_len and not continuation and before.strip()):
            raw = before[: len(before) - cue_len] if cue_len else before
            if not raw.strip() and prev is None:
                raw = clause[: n.start - cue_len]
            ind, scope = _clean(raw)
            if not ind and raw.strip():  # "力争累计开行超3.2万列": the verb is all there is
                ind = _LEAD_FILLER.sub("", raw.strip())
            if not ind:  # "达到万兆到旗县区": what is measured follows the number
                ind = _clean(re.split(r"[、，]|的", clause[n.end:nxt])[0])[0]
            parts = _distribute(_split_parts(ind)) or [ind]
        else:
            obj = re.split(r"[、，]|(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff\d])|以上|左右", clause[n.end:nxt])[0]
            if n.unit == "兆":  # "20兆进牧户的带宽要求": the reach is what is measured
                obj = obj.split("的")[0]
            ind, scope = _clean(obj)
            if not ind and verb_len > 0:
                verb = before[len(before) - verb_len:]
                ind = _clean(before[: len(before) - verb_len])[0] or verb
            if not ind and continuation and prev is not None:
                ind = prev.indicator
            parts = [ind]
        if growth and not any(a in ind for a in ANNUAL) and any(a in before for a in ANNUAL):
            parts = [p + "年均增长" for p in parts]
        for part in parts:
            if not part or len(part) > 40:
                continue
            begin = clause.rfind(part, 0, n.start) if part in clause[: n.start] else n.start
            t = FoundTarget(part, comparator, n.value, _unit(n.unit, before + part), cs + begin, cs + n.end, scope)
            found.append(t)
            prev = t
        prev_end = n.end
    return found


def _unit(unit: str, context: str) -> str:
    import unicodedata

    unit = unicodedata.normalize("NFKC", unit)  # 万套（间） and 万套(间) are one unit
    if unit == "%" and any(a in context for a in ANNUAL):
        return "%/year"
    return unit
