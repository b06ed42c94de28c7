"""The names in a measure's responsibility note (``Measure.lead``), one organization each.

The structure parser reads the note wherever it stands (``牵头单位：市交通运输局``
on its own line, ``（市发展改革委牵头，市财政局配合）``, ``责任单位：…``) and
fills ``Measure.lead``; an item may still hold several bodies
(``市发展改革委、市财政局及市商务委``), or a body cut in two at 和
(``市住房和城乡建设委`` read as 市住房 / 城乡建设委).  This module splits and
mends them.
"""
from __future__ import annotations

import re

from kg.extract.organizations.patterns import BUREAU, LEVEL, PORT

_SEPARATORS = re.compile(r"[、，,；;/]|以及|及|和|与|会同")
_DEPARTMENT = re.compile(rf"(?:(?:(?!和)[\u4e00-\u9fff]){{0,8}}?{LEVEL})?(?:{PORT}){BUREAU}")
_STARTS_WITH_LEVEL = re.compile(LEVEL)
# words of the note around the names
_LEAD_IN = re.compile(r"^(?:牵头(?:考核)?单位|责任单位|配合单位|协办单位|主办单位|"
                      r"参与单位|负责单位|牵头部门|责任部门)?[:：]?\s*"
                      r"(?:由|请|各)?")
_TRAILER = re.compile(r"(?:牵头(?:抓总|负责|落实)?|负责|按职责分工(?:负责)?|分工负责|"
                      r"配合|参与|等(?:部门|单位)?|落实)+$")


def split_lead(item: str) -> list[str]:
    """One responsibility item into its bodies: 市发展改革委、市财政局及市商务委 -> three names.

    A split at 和 that cuts a department in two is mended: 市住房和城乡建设委 stays whole.
    """
    parts = [p for p in _SEPARATORS.split(item)]
    seps = _SEPARATORS.findall(item)
    names: list[str] = []
    i = 0
    while i < len(parts):
        current = parts[i]
        while i + 1 < len(parts) and seps[i] in ("和", "与") and not _STARTS_WITH_LEVEL.match(parts[i + 1]) and \
                _DEPARTMENT.fullmatch(
                _clean(current + seps[i] + parts[i + 1])) and not _DEPARTMENT.fullmatch(_clean(current)):
            current = current + seps[i] + parts[i + 1]
            i += 1
        names.append(current)
        i += 1
    return [n for n in (_clean(x) for x in names) if len(n) >= 2]


def lead_names(lead: list[str]) -> list[str]:
    """Every body named in a measure's responsibility items, in order, each once."""
    joined = "、".join(x.strip() for x in lead if x and x.strip())
    # the parser may already have split at 和 (市住房 / 城乡建设委): split_lead mends it when rejoined with 和
    out: list[str] = []
    items = [x.strip() for x in lead if x and x.strip()]
    mended: list[str] = []
    for item in items:
        if mended and not _STARTS_WITH_LEVEL.match(item) and _DEPARTMENT.fullmatch(
                _clean(mended[-1] + "和" + item)) and not _DEPARTMENT.fullmatch(_clean(mended[-1])):
            mended[-1] = mended[-1] + "和" + item
        else:
            mended.append(item)
    for item in mended or [joined]:
        for name in split_lead(item):
            if name not in out:
                out.append(name)
    return out


def _clean(name: str) -> str:
    name = _LEAD_IN.sub("", name.strip(" （）()。．.：:"))
    return _TRAILER.sub("", name).strip(" （）()。")
