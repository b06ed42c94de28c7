"""What a target measures: the indicator phrase, trimmed to the words that name it.

"力争全市常住人口城镇化率达到" -> indicator 常住人口城镇化率, scope 全市: the
time, effort and cue words around it are not part of it.  Lists share a head
noun: "基本养老保险、基本医疗保险参保率" is two indicators, each with 参保率.
"""
from __future__ import annotations

import re

from kg.extract.targets.vocabulary import (
    CJK,
    COUNT_VERBS,
    KEPT_PREFIXES,
    LEAD_FILLER,
    LEVEL_WORDS,
    NOUN_STARTS,
    SCOPE,
    SHARED_HEADS,
    TRAIL_FILLER,
)

_LEAD_VERB = re.compile(rf"^({'|'.join(re.escape(v) for v in COUNT_VERBS if v not in NOUN_STARTS)})")
# A baseline written between the indicator and its cue: "收入从3826.5亿元(增长到)", "产值比2020年(翻一番)".
_BASELINE_TAIL = re.compile(r"(?:(?:从|由)(?:20\d{2}年(?:底|末)?的?)?\d[^，。；]*|(?:比|较)20\d{2}年(?:底|末)?的?)$")
_CONJUNCTION = re.compile(r"(?<=[\u4e00-\u9fff”）)])(?:和(?![谐平美])|及(?!时)|与)(?=[\u4e00-\u9fff“])")


def clean(raw: str) -> tuple[str, str | None]:
    """(indicator, scope) from the words before or after a number."""
    text = raw.strip(" 　")
    text = LEAD_FILLER.sub("", text)
    if not text.startswith(KEPT_PREFIXES):
        text = _LEAD_VERB.sub("", text)
    scope = None
    m = SCOPE.match(text)
    if m and len(text) > len(m.group(0)) + 1:
        scope, text = m.group(0), text[m.end():]
    text = LEAD_FILLER.sub("", text)
    text = _BASELINE_TAIL.sub("", text) or text
    text = TRAIL_FILLER.sub("", text)
    return _balanced(text.strip(" 、，")), scope


def _balanced(text: str) -> str:
    """Drop a quote mark the cut left dangling: a closing one in front, an opening one at the end."""
    return text.lstrip("”").rstrip("“")


def split_parts(text: str, counted: bool = False) -> list[str]:
    """The items of a coordinated subject: "A、B和C" -> [A, B, C].

    "和" splits only when there is no "、" and either the values are counted out ("分别") or the first
    item is an indicator of its own ("工业投资和民间投资"), not a part of one ("货物和服务进出口")."""
    if "、" in text:
        return [p for p in text.split("、") if p]
    parts = [p for p in _CONJUNCTION.split(text) if p]
    if len(parts) > 1 and not counted and not SHARED_HEADS.search(parts[0]):
        return [text]
    return parts


def distribute(parts: list[str]) -> list[str] | None:
    """'基本养老保险、基本医疗保险参保率' -> both with 参保率; None when the list is one indicator.

    The shared words are those after the last item's own name, which is about as long as the other
    items: "水稻、玉米播种面积" -> 水稻播种面积; a head noun right there marks the cut ("煤炭、成品油年供应能力")."""
    if len(parts) < 2 or any(LEVEL_WORDS.match(p) for p in parts[:-1]):
        return None
    last = parts[-1]
    if not SHARED_HEADS.search(last):
        return None
    out = []
    for part in parts[:-1]:
        cut = len(part)
        near = [m.start() for m in SHARED_HEADS.finditer(last) if abs(m.start() - cut) <= 1 and m.start() > 0]
        if near:
            cut = min(near, key=lambda at: abs(at - len(part)))
        tail = last[cut:]
        if len(part) >= len(last) or not SHARED_HEADS.search(tail) or part.endswith(tail):
            growth = _GROWTH_END.search(last)
            out.append(part + growth.group(0) if growth and not _GROWTH_END.search(part) else part)
        else:
            out.append(part + tail)
    return out + [last]


_GROWTH_END = re.compile(r"(年均)?(增长|增速)$")  # "社会消费品零售总额、固定资产投资增长": both grow


# -- what a count counts: the object after the number -----------------------------------

_OBJECT_END = re.compile(rf"[、，]|(?<=[{CJK}])[和及与](?=[{CJK}\d])|(?<!级)以上|左右")
_MODIFIER_ITEM = re.compile(r"(级|型|类|性)$")  # "行业级、场景级大模型": modifiers listed before one noun


def words_after(clause: str, start: int, stop: int) -> str:
    """The words after a number, past a bracketed aside: "新增2400户（累计约3600户）餐饮单位" -> 餐饮单位."""
    aside = re.match(r"^[（(][^（）()]*[)）]", clause[start:])
    if aside:
        return clause[start + aside.end():]
    return clause[start:stop]


def counted_object(text: str) -> str:
    """What a counted number counts, from the words after it: "40个吸引力强、带动面广的消费场景" -> 消费场景."""
    text = re.sub(r"^(?:以上|左右|以内|多)?的?", "", text)
    if text.startswith(("（", "(")):
        return ""  # "培训40万人次（牵头单位": a note, not what is counted
    head = _first_part(text)
    while _MODIFIER_ITEM.search(head) and text[len(head): len(head) + 1] == "、":
        longer = head + "、" + _first_part(text[len(head) + 1:])
        if longer == head + "、":
            break
        head = longer
    described = re.match(r"^([^，；]*?)的([^的，；]{2,})", text)
    if described and ("、" in described.group(1) or "的" in head):
        return _first_part(described.group(2))
    return head


def _first_part(text: str) -> str:
    """``text`` up to its first separator outside brackets: "县（市、区）整县…、" -> 县（市、区）整县…."""
    depth = 0
    for i, char in enumerate(text):
        depth += char in "（("
        depth -= char in "）)" and depth > 0
        if depth == 0 and _OBJECT_END.match(text, i):
            return text[:i]
    return text
