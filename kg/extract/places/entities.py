"""From place matches to place entities: one :class:`kg.model.Place` per division, region or feature.

Divisions are named by their customary short name (璧山, 彭水, 新疆) with the
official name as an alias; regions and features as the document writes them;
a name the document could not resolve stays an ``unresolved`` place, reported in
the extraction's warnings.
"""
from __future__ import annotations

from collections import Counter

from kg.extract.places import find_places
from kg.loaders.gazetteer import Area, Division, Gazetteer
from kg.model import Place


def issuer_province(st, gaz) -> tuple[str | None, str | None]:
    """The issuer's province, and a warning when its name fits several (江北: 重庆 and 宁波 each have one).

    The longest division name in the issuer (or, failing that, the title) decides; a name that several
    provinces share decides nothing."""
    for source in (st.issuer or "", st.title):
        for n in range(min(len(source), 8), 1, -1):
            for i in range(0, len(source) - n + 1):
                found = gaz.lookup(source[i:i + n])
                provinces = {d.province for d in found}
                if len(provinces) == 1:
                    return provinces.pop(), None
                if len(provinces) > 1:
                    return None, (f"the issuer '{source[i:i + n]}' fits divisions in several provinces; "
                                  "places are resolved from the text alone")
    return None, None


def place_entities(text: str, gaz: Gazetteer, issuer_province: str | None, mention):
    """The document's places as entities, with the spans the other extractors look places up in.

    Returns (places, spans, place_at, warnings): ``spans`` are (start, end) of every place mention,
    ``place_at`` (start, end, place id); ``mention(start, end, surface)`` makes a mention."""
    if issuer_province is None:
        # no issuer: the province the text names most stands in for it
        counts: dict[str, int] = {}
        for m in find_places(text, gaz, None, names_only=True).matches:
            if isinstance(m.ref, Division):
                counts[m.ref.province] = counts.get(m.ref.province, 0) + 1
        if counts:
            issuer_province = max(sorted(counts), key=lambda c: counts[c])
    scan = find_places(text, gaz, issuer_province)
    by_id: dict[str, Place] = {}
    spans: list[tuple[int, int]] = []
    place_at: list[tuple[int, int, str]] = []
    for m in scan.matches:
        place = _place_for(m.ref, gaz, by_id)
        if place is None:
            continue
        place.add_alias(m.surface if m.via == "name" else "")
        place.add_mention(mention(m.start, m.end, m.surface))
        spans.append((m.start, m.end))
        place_at.append((m.start, m.end, place.id))
    _name_areas_as_written(by_id, scan.matches, gaz)
    places = sorted(by_id.values(), key=lambda p: (p.level or 9, p.code or "", p.name))
    return places, spans, place_at, scan.warnings


def _name_areas_as_written(by_id: dict[str, Place], matches, gaz) -> None:
    """A region or feature is named as the document writes it most (西部 where it writes 西部, 西部地区 where
    it writes that); its gazetteer name stays an alias.  Divisions keep their customary short name."""
    written: dict[str, Counter] = {}
    for m in matches:
        if isinstance(m.ref, Area) and m.via == "name" and m.surface in (m.ref.name, *m.ref.aliases) \
                and not m.surface.endswith("流域"):  # (a basin is its river's alias, never its name)
            written.setdefault(m.ref.id, Counter())[m.surface] += 1
    for pid, counts in written.items():
        place = by_id.get(pid)
        surface = counts.most_common(1)[0][0] if counts else None
        if place is not None and surface and surface != place.name:
            old = place.name
            place.name = surface
            place.aliases = [a for a in place.aliases if a != surface]
            place.add_alias(old)


def _place_for(ref, gaz, by_id: dict[str, Place]) -> Place | None:
    if isinstance(ref, Division):
        if ref.id not in by_id:
            parent = gaz.parent_of(ref)
            # plans write the customary short name (璧山, 彭水, 新疆); the official name is an alias
            by_id[ref.id] = Place(id=ref.id, name=ref.short or ref.name, kind=ref.kind, code=ref.code,
                                  parent=(parent.short or parent.name) if parent else None,
                                  parent_code=ref.parent or None,
                                  name_en=ref.name_en, level=ref.level,
                                  aliases=[ref.name] if ref.short and ref.short != ref.name else [])
        return by_id[ref.id]
    if isinstance(ref, Area):
        if ref.id not in by_id:
            parent = gaz.divisions.get(ref.within) if ref.within else None
            by_id[ref.id] = Place(id=ref.id, name=ref.name, kind=ref.kind, name_en=ref.name_en,
                                  parent=parent.name if parent else None, parent_code=ref.within,
                                  aliases=list(ref.aliases), members=list(ref.members))
        return by_id[ref.id]
    if isinstance(ref, tuple):
        kind: str
        kind, name, extra = ref
        if kind == "ambiguous":  # a name several divisions share and the document does not decide
            by_id.setdefault(f"place:{name}", Place(id=f"place:{name}", name=name, kind="unresolved"))
            return by_id[f"place:{name}"]
        # a village or town is named within its county (many counties have a 新村)
        pid = f"place:{extra}:{name}" if kind in ("village", "town", "subdistrict") else f"place:{name}"
        if pid not in by_id:
            parent = (gaz.divisions.get(extra) if kind in ("region", "village", "town", "subdistrict") and extra
                      else None)
            area_parent = gaz.areas.get(extra) if kind == "area" and extra else None
            by_id[pid] = Place(id=pid, name=name, kind={"bloc": "country_bloc"}.get(kind, kind),
                               parent=parent.name if parent else (area_parent.name if area_parent else None),
                               parent_code=extra if parent else None)
        return by_id[pid]
    if isinstance(ref, str):
        pid = f"place:{ref}"
        by_id.setdefault(pid, Place(id=pid, name=ref, kind="country"))
        return by_id[pid]
    return None
