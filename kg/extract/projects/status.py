"""The state a plan gives a project: the verb that governs it or the list it stands in."""
from __future__ import annotations

from kg.extract.lexicon import STATUS_VERBS
from kg.extract.projects.model import Candidate


def _list_around(text: str, c: Candidate, clause_start: int, clause_end: int) -> tuple[int, int]:
    """The span of the 、-separated list the candidate stands in (its own span when it stands alone)."""
    start = c.start
    while start > clause_start and text[start - 1] != "、":
        start -= 1
    while start > clause_start:  # earlier items
        prev = start - 1
        while prev > clause_start and text[prev - 1] not in "、":
            prev -= 1
        start = prev
    in_list = start < c.start or text.find("、", c.end, clause_end) >= 0
    return start, clause_end if in_list else c.end


def status_for(text: str, c: Candidate, clause_start: int, clause_end: int) -> str | None:
    """The state the text gives a project: the verb that governs it, or the list it stands in.

    Every item of a list shares the list's verb: in 开工建设A、B、C and in A、B、C等项目建成投用 the three
    projects have one status - the verb after 等 when the list is the subject, else the verb before it."""
    list_start, list_end = _list_around(text, c, clause_start, clause_end)
    if list_start < c.start or list_end > c.end:
        tail = text[list_start:list_end]
        closing = tail.rfind("等")
        if closing >= 0:
            for verb in STATUS_VERBS:
                if verb in tail[closing:]:
                    return verb
        head = tail[:12]
        for verb in STATUS_VERBS:
            if verb in head:
                return verb
    before = text[max(clause_start, c.start - 8): c.start]
    for verb in STATUS_VERBS:
        if before.endswith(verb):
            return verb
    after = text[c.end: min(clause_end, c.end + 12)]
    for verb in STATUS_VERBS:
        if verb in after:
            return verb
    for verb in STATUS_VERBS:
        if verb in before:
            return verb
    return None
