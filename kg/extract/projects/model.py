"""A candidate project name, and the span index used to look up places inside it."""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Candidate:
    name: str
    start: int
    end: int
    suffix: str
    kind: str
    quoted: bool = False
    aliases: list[str] = field(default_factory=list)
    place_span: tuple[int, int] | None = None  # where to look for the places of the name
    derived: bool = False  # built by sharing a head across a list
    extra_span: tuple[int, int] | None = None  # an inherited prefix (中心城区至 in 中心城区至南川市域铁路)
    named: bool = False  # its shape alone makes it a name (引大济岷, 西电东送)
    # a shared head's qualifier: （四川段） in 长征、黄河等国家文化公园（四川段）
    shared_span: tuple[int, int] | None = None

    def spans(self) -> list[tuple[int, int]]:
        spans = [self.place_span or (self.start, self.end)]
        for extra in (self.extra_span, self.shared_span):
            if extra:
                spans.append(extra)
        return spans


def norm_key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"[“”\"'‘’《》「」\s·]", "", name)
    return name.replace("—", "-").replace("–", "-").replace("－", "-")


class SpanIndex:
    """Spans ``(start, end, *payload)`` sorted by start, to find those inside a range without a full scan
    (a 2.7 MB plan has tens of thousands of place spans and of candidates)."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda t: t[0])  # stable: equal starts keep their order
        self.starts = [t[0] for t in self.spans]

    def within(self, lo: int, hi: int) -> list[tuple]:
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.starts, hi)
        return [t for t in self.spans[i:j] if t[1] <= hi]

    def any_within(self, lo: int, hi: int) -> bool:
        return bool(self.within(lo, hi))

    def any_starting_at(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos)
        return i < len(self.starts) and self.starts[i] == pos
