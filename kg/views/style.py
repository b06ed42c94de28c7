"""Colours, shapes and legend labels by entity type, shared by HTML and static views.

Colours are the Okabe–Ito palette (readable by colour-blind readers) plus greys.
"""
from __future__ import annotations

TYPES = {
    # type: (colour, vis shape, matplotlib marker, 中文, English)
    "Place": ("#0072B2", "dot", "o", "地点", "Place"),
    "Region": ("#56B4E9", "dot", "o", "区域", "Region"),
    "Project": ("#E69F00", "diamond", "D", "项目", "Project"),
    "Organization": ("#009E73", "triangle", "^", "机构", "Organization"),
    "Measure": ("#999999", "square", "s", "任务", "Measure"),
    "Target": ("#CC79A7", "star", "*", "目标", "Target"),
    "Plan": ("#000000", "box", "s", "规划", "Plan"),
    "Group": ("#D55E00", "ellipse", "h", "分组", "Group"),
}
EDGE_COLOURS = {"LOCATED_IN": "#E69F00", "MENTIONS": "#BBBBBB", "PART_OF": "#56B4E9", "MEMBER_OF": "#56B4E9",
                "RESPONSIBLE_FOR": "#009E73", "SHARES": "#0072B2", "HAS_TARGET": "#CC79A7", "IN_GROUP": "#D55E00"}


EDGE_LABELS = {  # relationship type: (中文, English), for legends
    "LOCATED_IN": ("位于", "located in"), "MENTIONS": ("提及", "mentions"), "PART_OF": ("隶属", "part of"),
    "MEMBER_OF": ("成员", "member of"), "RESPONSIBLE_FOR": ("牵头", "responsible for"),
    "SHARES": ("共享项目", "shares projects"),
    "HAS_TARGET": ("含目标", "has target"), "IN_GROUP": ("属于", "in group")}


def edge_label(edge_type: str, lang: str = "zh") -> str:
    zh, en = EDGE_LABELS.get(edge_type, (edge_type, edge_type.replace("_", " ").lower()))
    return en if lang == "en" else zh


def colour(node_type: str) -> str:
    return TYPES.get(node_type, TYPES["Measure"])[0]


def shape(node_type: str) -> str:
    return TYPES.get(node_type, TYPES["Measure"])[1]


def marker(node_type: str) -> str:
    return TYPES.get(node_type, TYPES["Measure"])[2]


def type_label(node_type: str, lang: str = "zh") -> str:
    t = TYPES.get(node_type, (None, None, None, node_type, node_type))
    return t[4] if lang == "en" else t[3]
