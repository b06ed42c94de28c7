"""Numbers as plans write them: 3万亿, 2.5亿吨, 2—3家, 两, 翻一番, 百万."""
from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG_UNIT = {"万": 10_000, "亿": 100_000_000}

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千]+"
NUMBER = re.compile(rf"(?P<a>{ARABIC})(?:\s*[—–\-~～至到]\s*(?P<b>{ARABIC}))?|(?P<c>{CHINESE})")


def chinese_to_int(s: str) -> int | None:
    """一百二十 -> 120, 十五 -> 15, 两 -> 2.  Returns None for strings that are not numerals."""
    if not s or any(c not in _DIGIT and c not in _SMALL_UNIT and c not in _BIG_UNIT for c in s):
        return None
    total, section, number = 0, 0, 0
    for c in s:
        if c in _DIGIT:
            number = _DIGIT[c]
        elif c in _SMALL_UNIT:
            section += (number or 1) * _SMALL_UNIT[c]
            number = 0
        else:
            section += number
            total += section * _BIG_UNIT[c]
            section, number = 0, 0
    return total + section + number


def parse_number(match: re.Match) -> float | None:
    if match.group("a"):
        return float(match.group("a").replace(",", ""))
    value = chinese_to_int(match.group("c"))
    return float(value) if value is not None else None
