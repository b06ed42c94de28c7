"""Responsibility notes: who leads a measure, who supports it, by when.

Plans write them in several positions; all are read here:

* a closing parenthesis:     …推进数字政府建设。（牵头单位：市大数据局；配合单位：市财政局）
* the lead written inline:   …（市发展改革委牵头，市财政局、各区县政府按职责分工负责）
* with a deadline first:     …（2024年底前完成，牵头考核单位：市审批服务局）
* lines of their own:        牵头单位：市交通运输局
                             责任单位：市公安局、市住房城乡建设委
* bracketed labels:          【牵头单位】市商务委

When a note names only 责任单位 (responsible units), they lead; beside a
牵头单位 they support.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_LABEL = re.compile(r"[【\[]?(?P<label>(?:主要)?"
                    r"(?:牵头(?:考核|责任)?|责任|负责|配合|协同|参与|协助|协办|主办)"
                    r"(?:单位|部门|处室|领导))"
                    r"[】\]]?[:：]?")
_DEADLINE_LABEL = re.compile(r"(?:完成时限|完成时间|时间节点|时限|进度安排)[:：]")
_INLINE_LEAD = re.compile(r"(?P<names>[^（）()，。；;,：:]{2,80}?)(?:负责牵头|牵头负责|牵头)(?=[，,；;）)]|$)")
_INLINE_DUTY = re.compile(r"(?P<names>[^（）()，。；;,：:]{2,80}?)"
                          r"(?:按职责分工|按照职责分工|按职责|分别)?(?:负责|落实)$")
_DUTY_TAIL = re.compile(r"(?:等)?(?:按职责分工|按照职责分工|按职责|分工)?(?:负责|落实|配合|参与)$")
# A deadline before the label: "2024年底前", "5月底完成", "持续推进", "二季度".
_DEADLINE = re.compile(r"([^，,；;、]{0,12}(?:年|月|季度|持续|长期|年内|底前|以前)[^，,；;、]{0,8})")
_SPLIT = re.compile(r"[、，,；;]|(?<=[局委厅办部署院会室府心社行司门位])及(?=\S)")
_CLOSING_PAREN = re.compile(r"[（(](?P<body>[^（）()]*(?:牵头|责任单位|责任部门|配合单位|负责单位|负责)[^（）()]*)"
                            r"[)）][。.]?\s*$")


@dataclass
class Duty:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str | None = None

    def __bool__(self) -> bool:
        return bool(self.lead or self.support or self.deadline)


def split_names(text: str) -> list[str]:
    """'市发展改革委、市财政局及各区县政府' -> three names; duty phrases and fillers dropped.

    Names are not split on 和/与: 人力资源和社会保障局 and 住房和城乡建设委 are one body each."""
    out = []
    for part in _SPLIT.split(text):
        name = _DUTY_TAIL.sub("", part.strip(" \u3000。.（）()"))
        name = re.sub(r"^(?:由|请|会同|联合|和|与|及)", "", name).strip()
        if 2 <= len(name) <= 40 and not re.fullmatch(r"[\d\s年月日底前]+", name):
            out.append(name)
    return out


def read_note(text: str) -> Duty:
    """The duties stated in one note (a parenthesis body or a line of its own)."""
    duty = Duty()
    labels = list(_LABEL.finditer(text))
    if labels:
        has_lead_label = any("牵头" in m.group("label") or "主办" in m.group("label") for m in labels)
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            deadline = _DEADLINE_LABEL.search(text, m.end(), end)
            if deadline:
                duty.deadline = duty.deadline or text[deadline.end():end].strip(" ；;，,。）)")
                end = deadline.start()
            names = split_names(text[m.end():end])
            label = m.group("label")
            if "牵头" in label or "主办" in label or (label.startswith(("责任", "负责")) and not has_lead_label):
                duty.lead += names
            else:
                duty.support += names
        before = text[: labels[0].start()]
        when = _DEADLINE.search(before)
        if when and not duty.deadline:
            duty.deadline = when.group(0).strip()
        return duty
    inline = _INLINE_LEAD.search(text)
    if inline:
        lead_text = inline.group("names")
        when = _DEADLINE.match(lead_text)
        if when:  # （2024年底前，市大数据局牵头）
            duty.deadline = when.group(0).strip()
            lead_text = lead_text[when.end():]
        duty.lead = split_names(lead_text)
        rest = text[inline.end():]
        duty.support = [n for n in split_names(rest) if not re.search(r"(按职责|分工)", n)]
    elif (responsible := _INLINE_DUTY.search(text)) is not None:
        duty.lead = split_names(responsible.group("names"))  # （市财政局、各区县政府按职责分工负责）: no lead named
    label = _DEADLINE_LABEL.search(text)
    if label:
        duty.deadline = text[label.end():].strip(" ；;，,。")
    return duty


def is_note_line(line: str) -> bool:
    """Is this line a responsibility note on its own (牵头单位：…, 责任单位：…, 完成时限：…)?"""
    return bool(re.match(rf"^{_LABEL.pattern}", line) or _DEADLINE_LABEL.match(line))


def closing_note(paragraph: str) -> tuple[int, Duty] | None:
    """The note in a paragraph's closing parenthesis: (where the parenthesis starts, its duties)."""
    m = _CLOSING_PAREN.search(paragraph)
    if not m:
        return None
    duty = read_note(m.group("body"))
    return (m.start(), duty) if duty.lead or duty.support else None
