"""The district × district matrix of a region (``kg shared-matrix``, the workbench's explorer).

The members of a region are its divisions one level down: 重庆's 38 districts
and counties, 四川's 21 cities; a planning region or composite (川渝, 万达开)
has the members the gazetteer gives it, and a member that is a province is
replaced by its own divisions.  A project counts for a member when the project
is tied to the member or to a division inside it (a project in 成都高新区 counts
for 成都), directly: ties through regions are left out, as in
``kg shared-projects`` without ``--indirect``.
"""
from __future__ import annotations

from itertools import combinations

from kg.analytics.names import resolve
from kg.analytics.shared import _all_members, project_places
from kg.corpus import Corpus
from kg.errors import KGError


class MatrixError(KGError):
    pass


def _children(code: str) -> list:
    from kg.loaders.gazetteer import gazetteer

    return sorted((d for d in gazetteer().divisions.values() if d.parent == code), key=lambda d: d.code)


def _province_composite(name: str) -> list[str]:
    """The province names of a composite of one-character abbreviations (川渝 -> 四川, 重庆), else []."""
    from importlib import resources

    import yaml

    from kg.loaders.gazetteer import gazetteer

    doc = yaml.safe_load((resources.files("kg") / "data" / "provinces.yaml").read_text(encoding="utf-8"))
    by_abbr = {v[0]: code for code, v in doc.items()}
    if len(name) < 2 or any(ch not in by_abbr for ch in name):
        return []
    return [gazetteer().divisions[by_abbr[ch]].short for ch in name]


def _split(name: str) -> list[str]:
    import re

    return [n for n in re.split(r"[,，、+\s]+", name) if n]


def region_members(corpus: Corpus, name: str) -> tuple[object, list[tuple[str, str]]]:
    """(a label for the region, [(member id, member name)]) in code order.

    ``name`` is a place (重庆, 四川, 主城新区), a composite of province abbreviations (川渝) or several
    names (重庆,四川)."""
    parts = _split(name)
    if len(parts) == 1 and _province_composite(parts[0]) and not any(
            p.name == parts[0] or parts[0] in p.aliases for p in corpus.places.values()):
        parts = _province_composite(parts[0])
    if len(parts) > 1:
        union: dict[str, str] = {}
        for part in parts:
            union.update(region_members(corpus, part)[1])
        return name, sorted(union.items())
    region = resolve(corpus.places.values(), parts[0] if parts else name, "place")
    members: list[tuple[str, str]] = []
    if region.code:
        members = [(d.id, d.short or d.name) for d in _children(region.code)]
    else:
        for mid in _all_members(corpus, region.id) or region.members:
            place = corpus.places.get(mid)
            if place is None or not place.code:
                continue
            if place.level == 1:
                members += [(d.id, d.short or d.name) for d in _children(place.code)]
            elif not any(mid == m for m, _ in members):
                members.append((mid, place.name))
    if not members:
        raise MatrixError(f"'{region.name}' has no member divisions to compare (try a province, a city or a "
                          "planning region such as 川渝)")
    names = {}
    for mid, n in members:
        place = corpus.places.get(mid)
        names[mid] = place.name if place is not None else n
    return region.name, sorted(names.items(), key=lambda kv: kv[0])


def _member_of(code: str, member_codes: set[str]) -> str | None:
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        if candidate in member_codes:
            return candidate
    return None


def shared_matrix(corpus: Corpus, name: str) -> dict:
    """{"region": label, "members": [{id, name, projects}], "cells": {(a, b): [project ids]}} for ``name``."""
    region, members = region_members(corpus, name)
    codes = {mid.split(":", 1)[1]: mid for mid, _ in members}
    cells: dict[tuple[str, str], list[str]] = {}
    totals: dict[str, set[str]] = {}
    for pid, ties in project_places(corpus).items():
        hit = set()
        for place_id, tie in ties.items():
            place = corpus.places.get(place_id)
            if tie != "direct" or place is None or not place.code:
                continue
            code = _member_of(place.code, set(codes))
            if code:
                hit.add(codes[code])
        for m in hit:
            totals.setdefault(m, set()).add(pid)
        for a, b in combinations(sorted(hit), 2):
            cells.setdefault((a, b), []).append(pid)
    return {"region": region, "members": [{"id": m, "name": n, "projects": len(totals.get(m, ()))}
                                          for m, n in members], "cells": cells}


def matrix_rows(corpus: Corpus, name: str) -> list[dict]:
    """The matrix as rows (one per pair that shares projects): a, b, shared, projects."""
    data = shared_matrix(corpus, name)
    names = {m["id"]: m["name"] for m in data["members"]}
    rows = []
    for (a, b), pids in data["cells"].items():
        projects = sorted({corpus.projects[p].name for p in pids})
        rows.append({"a": names[a], "b": names[b], "shared": len(projects), "projects": projects,
                     "a_id": a, "b_id": b})
    rows.sort(key=lambda r: (-r["shared"], r["a_id"], r["b_id"]))
    return rows
