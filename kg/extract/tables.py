"""Task tables flattened into text: each row is a numbered measure.

Task lists are often tables (序号 | 重点任务 | 牵头单位 | 完成时限).  Copied out of
a page or a PDF they arrive flattened, either one cell a line::

    序号
    重点任务
    牵头单位
    完成时限
    1
    建设城市大数据中心
    市大数据局
    2024年12月

or one row a line, the cells separated by tabs, bars or runs of spaces::

    序号  重点任务  牵头单位  完成时限
    1  建设城市大数据中心  市大数据局  2024年12月

The header names the columns (by the general vocabulary of such tables); the
rows follow while their numbers run on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUMBER_COLUMN = re.compile(r"^(序号|编号|序列)$")
# Column titles, by what the column holds.
_COLUMNS = [
    ("task", re.compile(r"^(重点任务|主要任务|工作任务|任务内容|任务|具体措施|工作措施|主要措施|措施|工作内容|"
                        r"重点工作|项目名称|建设内容|工作事项|事项|目标任务|具体任务|任务名称|工作要求)$")),
    ("lead", re.compile(r"^(牵头单位|牵头部门|责任单位|责任部门|负责单位|主责单位|牵头责任单位)$")),
    ("support", re.compile(r"^(配合单位|配合部门|协同单位|参与单位|协办单位)$")),
    ("deadline", re.compile(r"^(完成时限|完成时间|时间节点|时限|进度安排|时间安排|完成期限)$")),
    ("other", re.compile(r"^(备注|分值|考核内容|考核标准|评分标准|目标|指标|目标值|主要目标)$")),
]
_CELL_SPLIT = re.compile(r"\t+|\s*[|｜]\s*|\s{2,}|\u3000+")


@dataclass
class Row:
    number: int
    cells: dict[str, str] = field(default_factory=dict)
    first: int = 0  # index of the row's first paragraph
    last: int = 0  # index of its last paragraph


def _column(title: str) -> str | None:
    return next((name for name, pattern in _COLUMNS if pattern.match(title.strip())), None)


def find_rows(paragraphs: list[str]) -> list[Row]:
    """The rows of every flattened task table among ``paragraphs`` (the texts of the document's lines)."""
    rows: list[Row] = []
    i = 0
    while i < len(paragraphs):
        found = _one_per_line(paragraphs, i) or _one_row_per_line(paragraphs, i)
        if found:
            table, i = found
            rows.extend(table)
        else:
            i += 1
    return rows


def _one_per_line(paragraphs: list[str], start: int) -> tuple[list[Row], int] | None:
    if not _NUMBER_COLUMN.match(paragraphs[start].strip()):
        return None
    columns = []
    i = start + 1
    while i < len(paragraphs) and (name := _column(paragraphs[i])):
        columns.append(name)
        i += 1
    if "task" not in columns or len(columns) < 2:
        return None
    rows, expected = [], 1
    while i + len(columns) < len(paragraphs) + 1 and paragraphs[i].strip() == str(expected):
        cells = paragraphs[i + 1: i + 1 + len(columns)]
        if len(cells) < len(columns):
            break
        # cells is a full slice (checked just above): one cell per column
        rows.append(Row(expected, dict(zip(columns, (c.strip() for c in cells), strict=True)), i, i + len(columns)))
        i += 1 + len(columns)
        expected += 1
    return (rows, i) if rows else None


def _one_row_per_line(paragraphs: list[str], start: int) -> tuple[list[Row], int] | None:
    header = [c for c in _CELL_SPLIT.split(paragraphs[start].strip()) if c]
    if len(header) < 3 or not _NUMBER_COLUMN.match(header[0]):
        return None
    columns = [_column(c) or "other" for c in header[1:]]
    if "task" not in columns:
        return None
    rows, expected, i = [], 1, start + 1
    while i < len(paragraphs):
        cells = [c for c in _CELL_SPLIT.split(paragraphs[i].strip()) if c]
        if not cells or cells[0] != str(expected) or len(cells) < 2:
            break
        # a line may have fewer or more cells than the header: the extra columns or cells are left out
        rows.append(Row(expected, dict(zip(columns, cells[1:], strict=False)), i, i))
        i += 1
        expected += 1
    return (rows, i) if rows else None
