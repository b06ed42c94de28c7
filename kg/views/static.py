"""Static pictures of the views for reports: PNG, SVG and PDF with matplotlib.

Labels are Chinese, so a CJK font is selected explicitly (Noto Sans CJK from
Debian's fonts-noto-cjk, or another installed CJK font); when none is found
the drawing is refused with a clear message instead of printing empty boxes.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from kg.errors import ViewError, require
from kg.views import ViewGraph
from kg.views.style import EDGE_COLOURS, colour, marker, type_label

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "AR PL UMing CN", "Droid Sans Fallback", "Microsoft YaHei", "SimHei")
FORMATS = ("png", "svg", "pdf")


def cjk_font() -> str:
    """The name of an installed font that has Chinese glyphs."""
    require("matplotlib", "views")
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in names:
            return name
    for f in font_manager.fontManager.ttflist:
        if "CJK" in f.name or "Han" in f.name:
            return f.name
    raise ViewError("no font with Chinese characters is installed, so labels would be empty boxes; "
                    "install one (Debian: apt-get install fonts-noto-cjk)")


def draw(graph: ViewGraph, path: Path, lang: str = "zh", width: float = 12.0, height: float = 9.0,
         dpi: int = 150, max_labels: int = 120) -> Path:
    require("matplotlib", "views")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from kg.views.layout import layout

    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ViewError(f"cannot draw .{fmt}: use one of {', '.join(FORMATS)}")
    if width <= 0 or height <= 0 or dpi <= 0:
        raise ViewError("width, height and dpi must be positive")
    font = cjk_font()
    plt.rcParams["font.family"] = [font]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.fonttype"] = "path"
    pos = layout(graph)
    by_id = {n["id"]: n for n in graph.nodes}
    fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
    try:
        for e in graph.edges:
            if e["source"] in pos and e["target"] in pos:
                (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
                ax.plot([x1, x2], [y1, y2], color=EDGE_COLOURS.get(e["type"], "#999999"),
                        linewidth=0.4 + 0.6 * min(float(e.get("weight", 1)), 6), alpha=0.55, zorder=1)
        types = []
        for t in dict.fromkeys(n["type"] for n in graph.nodes):
            members = [n for n in graph.nodes if n["type"] == t]
            types.append(t)
            ax.scatter([pos[n["id"]][0] for n in members], [pos[n["id"]][1] for n in members],
                       s=[float(n.get("size", 10)) ** 2 * 1.2 for n in members], c=colour(t), marker=marker(t),
                       edgecolors="white", linewidths=0.6, zorder=2)
        ranked = sorted(graph.nodes, key=lambda n: -float(n.get("size", 10)))[:max_labels]
        for n in ranked:
            x, y = pos[n["id"]]
            label = n["label_en"] if lang == "en" and n.get("label_en") else n["label"]
            ax.annotate(label, (x, y), fontsize=7 if len(graph.nodes) > 60 else 9, ha="center", va="bottom",
                        xytext=(0, 5), textcoords="offset points", zorder=3)
        handles = [Line2D([0], [0], marker=marker(t), color="w", markerfacecolor=colour(t), markersize=9,
                          label=type_label(t, lang)) for t in types]
        ax.legend(handles=handles, loc="lower right", frameon=True, fontsize=9)
        ax.set_title(graph.title + (f"\n{graph.subtitle}" if graph.subtitle else ""), fontsize=13)
        ax.axis("off")
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*Glyph .* missing.*")  # empty boxes are a failure
            fig.savefig(tmp, format=fmt, dpi=dpi)
        tmp.replace(path)
    except UserWarning as exc:
        raise ViewError(f"a label cannot be drawn with the font {font}: {exc}") from None
    finally:
        plt.close(fig)
    return path
