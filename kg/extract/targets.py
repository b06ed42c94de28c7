"""Targets: quantitative goals - indicator, comparator, value, unit, year.

Plans state goals in a few shapes:

* indicator + cue + number + unit: "地区生产总值超过3万亿元" (>), "提高到26%" (>=),
  "控制在5.5%左右" (~), "降低15%左右" (reduce_by), "达88%以上" (以上 wins: >);
* verb + number + unit + object: "建成100公里滨江公共空间", "新建50个智能工厂和500个
  数字化车间" (a counted deliverable, >=);
* paired lists: "最大电力负荷和全社会用电量分别达到3925万千瓦、1860亿千瓦时";
* growth: "年均增长10%以上" (an annual rate, %/year), a bare "增长2%" (=);
* doubling: "翻一番", "倍增" (2 倍).

Results of past years are not targets: review chapters of a work report are
skipped, and so are sentences that read as results (同比, 比上年).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import ANNUAL, CJK, CMP_AFTER, CMP_BEFORE, COUNT_VERBS, UNITS
from kg.extract.numbers import ARABIC

_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_NUM_UNIT = re.compile(
    rf"(?P<num>{ARABIC}(?:\s*[—–\-~～]\s*{ARABIC})?|[一二两三四五六七八九十]+(?=[个家项所座条处名批倍]))"
    rf"\s*(?P<unit>{_UNIT_RE})?")
_RATIO = re.compile(rf"(?P<num>{ARABIC})\s*[∶:]\s*1(?!\d)")
_DOUBLE = re.compile(r"(翻一番|翻番|双倍增|倍增)")
_YEAR_NUM = re.compile(r"^(20\d{2}|19\d{2})年")
_NOT_A_TARGET_AFTER = re.compile(r"^(年|月|日|号|期|级|大|型|代|届|次会议|版|线|环|横|纵|射|小时交通圈|星|A级|强|批次|倍增计划|\+)")
_PAST = re.compile(r"(同比|比上年|较上年|比去年|上年度|去年|已经|已有|已建成|累计完成投资)")
_CLAUSE_SPLIT = re.compile(r"[，；。！？,;!?：:]")
_LEAD_FILLER = re.compile(
    r"^(?:(?:到|至)20\d{2}年(?:底|末)?|20\d{2}年|今年|力争|确保|争取|实现|推动|使|让|其中|基本|全面|进一步|持续|稳步|"
    r"努力|着力|全力|并|且|和|以及|年末|年底|同时|将|要|达到|保持|基本实现|初步)+")
_SCOPE = re.compile(r"^(全市|全省|全区|全县|全国|全域|各区县|每个区县|主城都市区|中心城区)")
_INDICATOR_STOP = re.compile(r"(等|以上|左右|以内|以下)$")


@dataclass
class FoundTarget:
    indicator: str
    comparator: str
    value: float | None
    unit: str
    start: int  # span of the target phrase in the text
    end: int
    scope: str | None = None


def _comparator_before(text: str) -> tuple[str | None, int]:
    """(comparator, cue length) for the cue ending right before a number."""
    for cue, cmp_ in sorted(CMP_BEFORE, key=lambda t: len(t[0]), reverse=True):
        if text.endswith(cue):
            return cmp_, len(cue)
    return None, 0


def _count_verb_before(text: str) -> int:
    for verb in COUNT_VERBS:
        if text.endswith(verb):
            return len(verb)
    return 0


def _clean_indicator(s: str) -> tuple[str, str | None]:
    s = s.strip(" “”")
    s = _LEAD_FILLER.sub("", s)
    scope = None
    m = _SCOPE.match(s)
    if m and len(s) > len(m.group(0)) + 1:
        scope = m.group(0)
        s = s[m.end():]
    s = _LEAD_FILLER.sub("", s)
    s = re.sub(r"(要|将|需|应|均|总量|分别|稳定|保持|巩固|提升|提高|实现|达到|超过)+$", lambda m: "总量" if m.group(0) == "总量" else "", s)
    return s.strip(" 、“”"), scope


def find_targets(text: str, start: int, end: int) -> list[FoundTarget]:
    """Targets in the sentence text[start:end]."""
    out: list[FoundTarget] = []
    sentence = text[start:end]
    if _PAST.search(sentence):
        return out
    pos = start
    for clause in _CLAUSE_SPLIT.split(sentence):
        cs = text.find(clause, pos, end) if clause else pos
        if cs < 0:
            cs = pos
        ce = cs + len(clause)
        pos = ce
        if clause.strip():
            out.extend(_clause_targets(text, cs, ce))
    return out


def _in_quotes_or_parens(text: str, cs: int, i: int) -> bool:
    seg = text[cs:i]
    return seg.count("“") > seg.count("”") or seg.count("（") > seg.count("）") or seg.count("(") > seg.count(")")


def _clause_targets(text: str, cs: int, ce: int) -> list[FoundTarget]:
    clause = text[cs:ce]
    found: list[FoundTarget] = []
    nums = []
    for m in _NUM_UNIT.finditer(clause):
        unit = m.group("unit") or ""
        num_text = m.group("num")
        after = clause[m.end():]
        before = clause[: m.start()]
        if not unit:
            continue
        if re.match(r"^\d{4}$", num_text) and unit == "年":
            continue
        if _NOT_A_TARGET_AFTER.match(clause[m.end("num"):]) and unit in ("年", "级", "期", "大", "个") and \
                _NOT_A_TARGET_AFTER.match(clause[m.end("num"):]).group(0) not in ("个",):
            continue
        if unit in ("年", "月", "日", "期", "级", "段", "星", "代", "批", "次", "首", "门", "支", "队", "片", "本", "篇"):
            continue
        if _NOT_A_TARGET_AFTER.match(after):
            continue
        if before.endswith(("第", "“", "前", "近", "T", "G", "A", "+")) or re.search(r"[A-Za-z]$", before):
            continue
        if _in_quotes_or_parens(text, cs, cs + m.start()):
            continue
        if re.match(r"^[A-Za-z]", after) and unit in ("", "G"):
            continue
        nums.append(m)
    for m in _RATIO.finditer(clause):
        nums.append(m)
    if not nums:
        dm = _DOUBLE.search(clause)
        if dm:
            ind, scope = _clean_indicator(clause[: dm.start()])
            ind = re.sub(r"(实现|力争|推动|“|”)+$", "", ind)
            if ind:
                found.append(FoundTarget(ind, ">=", 2.0, "倍", cs, ce, scope))
        return found

    # "A和B分别达到X、Y": pair indicators with values
    if "分别" in clause and len(nums) >= 2:
        k = clause.index("分别")
        subject = clause[:k]
        cmp_, _ = _comparator_before(clause[k + 2: nums[0].start()] or "")
        cmp_ = cmp_ or ">="
        tail = clause[nums[-1].end():]
        for cue, c in CMP_AFTER:
            if tail.startswith(cue):
                cmp_ = c
        subject_clean, scope = _clean_indicator(subject)
        parts = [p for p in re.split(r"[、和及与]", subject_clean) if p]
        if len(parts) == len(nums):
            shared_tail = _shared_tail(parts)
            for part, m in zip(parts, nums):
                value, unit = _value_unit(m)
                ind = part if part.endswith(shared_tail) or not shared_tail else part + shared_tail
                found.append(FoundTarget(ind, cmp_, value, unit, cs, ce, scope))
            return found

    last_end = 0
    for idx, m in enumerate(nums):
        value, unit = _value_unit(m)
        if value is None:
            continue
        before = clause[last_end: m.start()]
        after = clause[m.end():]
        nxt = nums[idx + 1].start() if idx + 1 < len(nums) else len(clause)
        cmp_, cue_len = _comparator_before(before)
        verb_len = 0 if cmp_ else _count_verb_before(before)
        comparator = cmp_
        # bare growth "增长2%": the rate itself
        growth = before.endswith(("增长", "增速", "增幅", "年均增长", "增长率为", "增长率达到"))
        if comparator is None and growth:
            comparator = "="
            cue_len = 0
        if comparator is None and verb_len:
            comparator = ">="
        for cue, c in CMP_AFTER:
            if after.startswith(cue):
                if comparator == "reduce_by" and c == "~":
                    break
                comparator = c if comparator not in ("reduce_by",) else comparator
                break
        if re.match(r"^(覆盖|达标|全部完成|全覆盖)", after) or re.search(r"全部完成", after[:20]):
            if comparator in (None, ">="):
                comparator = "="
        if comparator is None:
            # a counted noun right after a named indicator: "城镇新增就业85万人", "智能工厂20个以上"
            if before.strip() and re.search(f"[{CJK}]$", before) and not re.search(r"(为|是|有|共|约|占|的)$", before):
                comparator = ">="
            else:
                last_end = m.end()
                continue
        # indicator: before the cue, or the object after a count verb
        if cmp_ or growth or (not verb_len and before.strip()):
            raw = before[: len(before) - cue_len] if cue_len else before
            if growth:
                raw = before
            ind, scope = _clean_indicator(raw)
            if verb_len or (not ind and after):
                obj = re.split(r"[和及、与]|以上|左右", after)[0]
                ind2, _ = _clean_indicator(obj)
                ind = ind or ind2
        else:
            obj = re.split(r"[和及、与，]", clause[m.end(): nxt])[0]
            ind, scope = _clean_indicator(obj)
            if not ind:
                ind, scope = _clean_indicator(before[: len(before) - verb_len])
        if growth and not any(a in ind for a in ANNUAL) and any(a in before for a in ANNUAL):
            ind = ind + "年均增长"
        if unit in ("%",) and any(a in (before + ind) for a in ANNUAL):
            unit = "%/year"
        if not ind or len(ind) > 40:
            last_end = m.end()
            continue
        found.append(FoundTarget(ind, comparator, value, unit, cs + m.start() - len(before) + (0 if idx else 0),
                                 cs + m.end(), scope if 'scope' in dir() else None))
        last_end = m.end()
    return found


def _shared_tail(parts: list[str]) -> str:
    """'煤炭、成品油年供应能力' -> the last part's tail after its own head word."""
    last = parts[-1]
    if len(parts) < 2:
        return ""
    head = min(len(p) for p in parts[:-1])
    return last[head:] if len(last) > head + 1 else ""


def _value_unit(m: re.Match) -> tuple[float | None, str]:
    if m.re is _RATIO:
        return float(m.group("num")), "ratio"
    num = m.group("num")
    unit = m.group("unit") or ""
    first = re.split(r"[—–\-~～]", num)[0].strip()
    try:
        value = float(first.replace(",", ""))
    except ValueError:
        from kg.extract.numbers import chinese_to_int

        v = chinese_to_int(first)
        value = float(v) if v is not None else None
    return value, unit
