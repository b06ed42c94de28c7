"""The numbering of official documents: which marker opens a paragraph, and its level.

Chinese official documents (GB/T 9704 and common practice) number their parts
in a fixed order of levels, each written a few ways on real pages:

=============  =====================================  ===========================
level          written                                example
=============  =====================================  ===========================
part           第X篇 / 第X部分                         第二篇 创新驱动
chapter        第X章                                  第三章 建设现代化产业体系
section        第X节                                  第一节 推进制造业高质量发展
cn             一、 一. 一． 一，                       二、重点任务
cn_paren       （一） (一) 〔一〕                       （三）加强组织领导
arabic         1. 1． 1、 1， １． (full width too)    5.建设国际性综合交通枢纽
arabic_paren   （1） (1) 1）                          （2）完善配套政策
circled        ① ② …                                  ③加快建设…
=============  =====================================  ===========================

A document uses some of these levels, always in this order from outside in.
Boxes (专栏1 …) sit beside the numbering and list items of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十百零〇两"
LEVELS = ("part", "chapter", "section", "cn", "cn_paren", "arabic", "arabic_paren", "circled")
RANK = {name: i for i, name in enumerate(LEVELS)}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (level, pattern): the pattern matches the marker at the start of a paragraph; group "n" is the number.
_MARKERS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(rf"^第(?P<n>[{CN_DIGITS}\d]{{1,4}})(?:篇|部分)[\s\u3000]*")),
    ("chapter", re.compile(rf"^第(?P<n>[{CN_DIGITS}\d]{{1,4}})章[\s\u3000]*")),
    ("section", re.compile(rf"^第(?P<n>[{CN_DIGITS}\d]{{1,4}})节[\s\u3000]*")),
    # 一、 but not 一是 / 一批 / 一体化: the numeral must be followed by its punctuation
    ("cn", re.compile(rf"^(?P<n>[{CN_DIGITS}]{{1,3}})[\s\u3000]*[、．.，,][\s\u3000]*")),
    ("cn_paren", re.compile(rf"^[（(〔][\s\u3000]*(?P<n>[{CN_DIGITS}]{{1,3}})[\s\u3000]*[)）〕][、．.]?[\s\u3000]*")),
    # 1. but not 1.5万亿元 (a decimal) and not 2026年
    ("arabic", re.compile(r"^(?P<n>[\d０-９]{1,3})[\s\u3000]*[.．、，,](?![\d０-９])[\s\u3000]*")),
    ("arabic_paren", re.compile(r"^(?:[（(][\s\u3000]*(?P<n>[\d０-９]{1,3})[\s\u3000]*[)）]"
                                r"|(?P<n2>[\d０-９]{1,3})[)）])"
                                r"[、．.]?[\s\u3000]*")),
    ("circled", re.compile(rf"^(?P<c>[{_CIRCLED}])[\s\u3000]*")),
]
_BOX = re.compile(r"^专栏[\s\u3000]*(?P<n>[\d０-９]{1,3}|[一二三四五六七八九十]{1,3})?"
                  r"[\s\u3000]*[:：.．、]?[\s\u3000]*")


@dataclass(frozen=True)
class Marker:
    level: str
    number: int
    label: str  # the marker as written, without trailing spaces: "（一）", "3.", "第二章"
    rest: int  # offset in the paragraph where the text after the marker starts

    @property
    def rank(self) -> int:
        return RANK[self.level]


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103, 〇 → 0 (the numbers documents number their parts with)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + digits.get(ch, 0)
    return total + current


def marker_at(paragraph: str) -> Marker | None:
    """The numbering marker that opens ``paragraph``, or None."""
    for level, pattern in _MARKERS:
        m = pattern.match(paragraph)
        if not m:
            continue
        if level == "circled":
            number = _CIRCLED.index(m.group("c")) + 1
        else:
            raw = (m.group("n") or m.groupdict().get("n2") or "").translate(_FULLWIDTH_DIGITS)
            number = int(raw) if raw.isdigit() else cn_number(raw)
        if number <= 0 or m.end() >= len(paragraph):
            continue  # a lone numeral is not a heading
        return Marker(level, number, paragraph[: m.end()].rstrip(" \u3000"), m.end())
    return None


def box_at(paragraph: str) -> Marker | None:
    """专栏3 重大工程: a box, beside the numbering."""
    m = _BOX.match(paragraph)
    if not m:
        return None
    raw = (m.group("n") or "").translate(_FULLWIDTH_DIGITS)
    number = int(raw) if raw.isdigit() else (cn_number(raw) if raw else 0)
    return Marker("box", number, paragraph[: m.end()].rstrip(" \u3000"), m.end())
