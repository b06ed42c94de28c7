"""Places: administrative divisions, planning regions, rivers and other features, countries.

Found in three passes, in order of trust, each taking its characters so a
later pass cannot read them again:

1. names (:mod:`.names`) - divisions, regions, features, countries, with the
   word-boundary evidence that keeps 同心 out of 共同心声, and homonyms decided
   by the document or reported;
2. composites (:mod:`.composites`) - 川渝, 万达开, 渝昆高铁, 中欧班列, read
   character by character only with evidence from the document;
3. shapes (:mod:`.shapes`) - 渝西, 宁夏南部, 长江上游, 西安都市圈, towns after
   their county.

Longest match wins, so 嘉陵江 is a river and not the district 嘉陵, and 贺兰山
a mountain rather than the county 贺兰 followed by 山.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.places.composites import Evidence, find_composites
from kg.extract.places.model import PlaceMatch
from kg.extract.places.names import NameIndex, resolve, scan_names
from kg.extract.places.shapes import find_shapes
from kg.loaders.gazetteer import Area, Division, Gazetteer

__all__ = ["PlaceMatch", "PlaceScan", "find_places"]


@dataclass
class PlaceScan:
    matches: list[PlaceMatch]
    warnings: list[str] = field(default_factory=list)


def find_places(text: str, gaz: Gazetteer, issuer_province: str | None, names_only: bool = False) -> PlaceScan:
    """Every place in ``text``; ``names_only`` stops after the first pass (enough to tell which province a
    document is about)."""
    index = NameIndex.build(gaz, issuer_province)
    named, warnings = resolve(text, scan_names(text, index, bytearray(len(text))), index)
    taken = bytearray(len(text))  # what the kept names hold (a name dropped for lack of support holds nothing)
    for m in named:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    if names_only:
        return PlaceScan(named, warnings)
    divisions = [m.ref for m in named if isinstance(m.ref, Division)]
    evidence = Evidence(issuer=issuer_province, provinces=frozenset(d.province for d in divisions),
                        named=frozenset(d.code for d in divisions))
    composites = find_composites(text, gaz, taken, evidence)
    context = {c for c in (issuer_province, *evidence.provinces) if c}
    shaped, covered = find_shapes(text, gaz, taken, context, named)
    matches = named + composites + shaped
    # 长江上游 stands for itself: the bare river inside it is not counted again, unless the reach is the
    # only place the river is named (金沙江中上游 still tells the reader the plan concerns 金沙江)
    def inside_reach(m: PlaceMatch) -> bool:
        return m.start in covered and isinstance(m.ref, Area) and m.ref.kind == "river"

    named_alone = {m.ref.id for m in matches if isinstance(m.ref, Area) and not inside_reach(m)}
    matches = [m for m in matches
               if not (inside_reach(m) and isinstance(m.ref, Area) and m.ref.id in named_alone)]
    matches.sort(key=lambda m: (m.start, m.end))
    return PlaceScan(matches, warnings)
