"""Static pictures of the views for reports: PNG, SVG and PDF with matplotlib.

A picture is made to be pasted into an A4 report and read there:

* only labels that can be read are drawn: nodes are taken by degree (the
  best-connected first) and a label is placed only where it overlaps no other
  label - above, below, right or left of its node; the caption says how many
  nodes were left unlabelled and where to see them all (the HTML view);
* edges that carry a label (the projects two districts share) are numbered on
  the picture and spelt out in a numbered list under it, so every edge is named;
* every picture has a title, a legend of the types drawn (the palette of
  :mod:`.style`, the same as the HTML views), a caption and a source line;
* SVG keeps its text as text (``svg.fonttype: none``), so a report's editor can
  search, select and restyle it.

Labels are Chinese, so a CJK font is selected explicitly (:mod:`.fonts`); with
none installed the drawing is refused with a clear message instead of printing
empty boxes.
"""
from __future__ import annotations

import unicodedata
import warnings
from pathlib import Path

from kg.errors import ViewError, require
from kg.views import ViewGraph
from kg.views.fonts import CJK_FONTS, cjk_font  # noqa: F401  (cjk_font was defined here; callers import it)
from kg.views.style import EDGE_COLOURS, colour, edge_label, marker, type_label

FORMATS = ("png", "svg", "pdf")

# Sizes in points, chosen for a picture printed at its own size (7 × 7 in fits an A4 text block).
TITLE_PT, SUBTITLE_PT, LABEL_PT, EDGE_NUMBER_PT, NOTE_PT = 11.0, 8.0, 7.0, 6.5, 6.5
LABEL_GAP_PT = 1.5  # free space kept around every label
_BOX_PAD = 0.15  # the white box behind a label, in font sizes
EDGE_SPOTS = [(0, 0, "center", "center"), (0, 5, "center", "bottom"), (0, -5, "center", "top"),
              (5, 0, "left", "center"), (-5, 0, "right", "center"), (0, 10, "center", "bottom"),
              (0, -10, "center", "top")]


# -- text helpers ------------------------------------------------------------------------------

def _em(text: str) -> float:
    """Width of ``text`` in ems: a CJK character is one, a Latin one about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def wrap(text: str, width_pt: float, size_pt: float) -> list[str]:
    """Lines of ``text`` no wider than ``width_pt`` at ``size_pt`` (CJK breaks anywhere, Latin at spaces)."""
    limit = max(width_pt / size_pt, 4.0)
    lines, line = [], ""
    for word in _tokens(text):
        if line and _em(line + word) > limit:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    out, cur = [], ""
    for c in text:
        if unicodedata.east_asian_width(c) in "WF":
            if cur:
                out.append(cur)
                cur = ""
            out.append(c)
        elif c == " ":
            out.append(cur + " ")
            cur = ""
        else:
            cur += c
    if cur:
        out.append(cur)
    return out


def _label(node: dict, lang: str) -> str:
    return node["label_en"] if lang == "en" and node.get("label_en") else node["label"]


def _clip(text: str, ems: float = 14.0) -> str:
    """A label no longer than ``ems`` (measure titles run to a sentence); the HTML view has them whole.

    A short tail after the first space (a target's value: 城镇调查失业率 ~ 5.5 %) is kept and the head clipped."""
    if _em(text) <= ems:
        return text
    head, sep, tail = text.partition(" ")
    if sep and _em(tail) <= ems / 2:
        return _cut(head, ems - _em(tail) - 0.5) + " " + tail
    return _cut(text, ems)


def _cut(text: str, ems: float) -> str:
    out = ""
    for c in text:
        if _em(out + c) > ems - 1:
            break
        out += c
    return out.rstrip() + "…"


# -- the picture -------------------------------------------------------------------------------

class Placer:
    """Places texts so that no two overlap: each tries its candidate spots until one is free."""

    def __init__(self, fig, ax, renderer):
        self.fig, self.ax, self.renderer = fig, ax, renderer
        self.taken: list = []  # display-space boxes already used
        self.frame = ax.get_window_extent(renderer)

    def block(self, artist) -> None:
        self.taken.append(artist.get_window_extent(self.renderer))

    def _free(self, box) -> bool:
        f = self.frame
        if box.x0 < f.x0 or box.x1 > f.x1 or box.y0 < f.y0 or box.y1 > f.y1:
            return False
        return not any(box.overlaps(t) for t in self.taken)

    def place(self, xy, text: str, spots, **style):
        """Draw ``text`` at the first free spot (offsets in points, with alignment); None if none is free.

        Each spot is judged on an estimate of the text's box (arithmetic, fast); only a spot that looks free
        gets a real artist, whose real box is checked again - a picture of 300 nodes tries 2,400 spots."""
        from matplotlib.font_manager import FontProperties
        from matplotlib.transforms import Bbox

        scale = self.fig.dpi / 72
        pad = LABEL_GAP_PT * scale
        w, h, _ = self.renderer.get_text_width_height_descent(
            text, FontProperties(size=style.get("fontsize", LABEL_PT), weight=style.get("fontweight", "normal")),
            ismath=False)
        w, h = w + 2 * _BOX_PAD * scale * style.get("fontsize", LABEL_PT), h + 2 * _BOX_PAD * scale * style.get(
            "fontsize", LABEL_PT)
        x, y = self.ax.transData.transform(xy)
        for dx, dy, ha, va in spots:
            x0 = x + dx * scale - {"left": 0, "center": w / 2, "right": w}[ha]
            y0 = y + dy * scale - {"bottom": 0, "center": h / 2, "top": h, "baseline": 0}[va]
            guess = Bbox.from_extents(x0 - pad, y0 - pad, x0 + w + pad, y0 + h + pad)
            if not self._free(guess):
                continue
            artist = self.ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                      annotation_clip=False, **style)
            box = artist.get_window_extent(self.renderer)
            patch = artist.get_bbox_patch()
            if patch is not None:
                artist.update_bbox_position_size(self.renderer)
                box = Bbox.union([box, patch.get_window_extent(self.renderer)])
            box = Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)
            if self._free(box):
                self.taken.append(box)
                return artist
            artist.remove()
        return None


def _node_spots(radius_pt: float):
    """Where a node's label may go, nearest first: above, below, beside, at the corners, then a little farther."""
    spots = []
    for r in (radius_pt + 1.5, radius_pt + 6, radius_pt + 11):
        d = r * 0.8
        spots += [(0, r, "center", "bottom"), (0, -r, "center", "top"), (r, 0, "left", "center"),
                  (-r, 0, "right", "center"), (d, d, "left", "bottom"), (-d, d, "right", "bottom"),
                  (d, -d, "left", "top"), (-d, -d, "right", "top")]
    return spots


def compose(graph: ViewGraph, lang: str = "zh", width: float = 7.0, height: float = 7.0, dpi: int = 150,
            max_labels: int = 60, source: str = "", html_hint: str = "kg view NAME -o FILE.html"):
    """The picture as a matplotlib figure (not saved).  Texts carry a gid saying what they are:
    ``node-label``, ``edge-label`` (an edge's number), ``edge-legend``, ``caption``, ``source``, ``title``."""
    require("matplotlib", "views")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from kg.views.layout import layout

    if width <= 0 or height <= 0 or dpi <= 0:
        raise ViewError("width, height and dpi must be positive")
    font = cjk_font()
    plt.rcParams["font.family"] = [font]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.fonttype"] = "none"  # text stays text in SVG
    plt.rcParams["pdf.fonttype"] = 3  # subset glyphs, still text; 42 (TrueType) took 10 s to subset the CJK font
    pos = layout(graph)
    edges = [e for e in graph.edges if e["source"] in pos and e["target"] in pos]
    named = [e for e in edges if e.get("label")]

    # the text under the picture: numbered edges, caption, source - its height decides the drawing's
    line_pt = NOTE_PT * 1.45
    text_width_pt = (width - 0.5) * 72
    numbers: dict[str, int] = {}  # what the edges stand for (shared projects), each numbered once
    for e in named:
        for name in e.get("names") or [e["label"]]:
            numbers.setdefault(name, len(numbers) + 1)
    legend_lines = _pack([f"{i} {name}" for name, i in numbers.items()], text_width_pt, NOTE_PT)
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + 1
        degree[e["target"]] = degree.get(e["target"], 0) + 1

    fig = plt.figure(figsize=(width, height), dpi=dpi)
    try:
        top_in = (TITLE_PT * 1.5 + (SUBTITLE_PT * 1.5 if graph.subtitle else 0) + 10) / 72
        notes_in = (len(legend_lines) + 4) * line_pt / 72 + 0.15  # + caption (up to 2 lines), source, gaps
        if notes_in > height * 0.55:
            raise ViewError(f"the picture is too small to list what its {len(named)} edges share; "
                            f"give it more height (--height {notes_in / 0.55:.0f} or more)")
        ax = fig.add_axes((0.02, notes_in / height, 0.96, 1 - (notes_in + top_in) / height))
        ax.axis("off")
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        mx, my = (max(xs) - min(xs)) * 0.06 or 1, (max(ys) - min(ys)) * 0.06 or 1
        ax.set_xlim(min(xs) - mx, max(xs) + mx)
        ax.set_ylim(min(ys) - my, max(ys) + my)

        fig.text(0.5, 1 - 6 / 72 / height, graph.title, ha="center", va="top", fontsize=TITLE_PT,
                 fontweight="bold", gid="title")
        if graph.subtitle:
            fig.text(0.5, 1 - (8 + TITLE_PT * 1.5) / 72 / height, graph.subtitle, ha="center", va="top",
                     fontsize=SUBTITLE_PT, color="#444444", gid="subtitle")

        for e in edges:
            (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
            ax.plot([x1, x2], [y1, y2], color=EDGE_COLOURS.get(e["type"], "#999999"),
                    linewidth=0.4 + 0.5 * min(float(e.get("weight", 1)), 6), alpha=0.6, zorder=1,
                    solid_capstyle="round")
        types = list(dict.fromkeys(n["type"] for n in graph.nodes))
        for t in types:
            members = [n for n in graph.nodes if n["type"] == t]
            ax.scatter([pos[n["id"]][0] for n in members], [pos[n["id"]][1] for n in members],
                       s=[_area(n) for n in members], c=colour(t), marker=marker(t), edgecolors="white",
                       linewidths=0.5, zorder=2)
        handles = [Line2D([0], [0], marker=marker(t), color="w", markerfacecolor=colour(t), markersize=7,
                          label=type_label(t, lang)) for t in types]
        by_colour: dict[str, list[str]] = {}  # one legend line per colour: 隶属 and 成员 share theirs
        for t in dict.fromkeys(e["type"] for e in edges):
            by_colour.setdefault(EDGE_COLOURS.get(t, "#999999"), []).append(edge_label(t, lang))
        handles += [Line2D([0], [0], color=c, linewidth=1.5, label=" / ".join(names)) for c, names in by_colour.items()]
        legend = ax.legend(handles=handles, loc="upper right", frameon=True, fontsize=NOTE_PT + 0.5,
                           framealpha=0.92, borderpad=0.5, handlelength=1.6)

        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has one
        placer = Placer(fig, ax, renderer)
        placer.block(legend)
        box_style = {"boxstyle": f"round,pad={_BOX_PAD}", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}

        # edge numbers first: every named edge must get one
        for e in named:
            text = ",".join(str(numbers[name]) for name in e.get("names") or [e["label"]])
            (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
            spots = [(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
                     for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9)]
            artist = None
            for xy in spots:
                artist = placer.place(xy, text, EDGE_SPOTS,
                                      fontsize=EDGE_NUMBER_PT, color=EDGE_COLOURS.get(e["type"], "#333333"),
                                      fontweight="bold", zorder=4, gid="edge-label",
                                      bbox={**box_style, "edgecolor": EDGE_COLOURS.get(e["type"], "#999999"),
                                            "linewidth": 0.5, "alpha": 0.95})
                if artist is not None:
                    break
            if artist is None:
                raise ViewError(f"the edge {text} of the picture cannot be numbered without covering another "
                                "label; draw it larger (--width/--height)")
            artist.set_url(f"{e['source']} {e['target']}")  # which edge this number names (for checks)

        # then node labels, the best-connected first, as many as fit
        ranked = sorted(graph.nodes, key=lambda n: (-degree.get(n["id"], 0), -float(n.get("size", 10)),
                                                    _label(n, lang)))
        node_labels: list = []
        for n in ranked:
            if len(node_labels) >= max_labels:
                break
            radius = _area(n) ** 0.5 / 2
            artist = placer.place(pos[n["id"]], _clip(_label(n, lang)), _node_spots(radius), fontsize=LABEL_PT,
                                  zorder=3, gid="node-label", bbox=box_style)
            if artist is not None:
                node_labels.append(artist)

        y = notes_in * 72 - 6  # points from the bottom of the figure, downwards
        for line in legend_lines:
            fig.text(0.25 / width, y / 72 / height, line, ha="left", va="top", fontsize=NOTE_PT, gid="edge-legend")
            y -= line_pt
        caption = _caption(graph, len(node_labels), named, html_hint)
        for line in wrap(caption, text_width_pt, NOTE_PT)[:2]:
            fig.text(0.25 / width, y / 72 / height, line, ha="left", va="top", fontsize=NOTE_PT, color="#333333",
                     gid="caption")
            y -= line_pt
        source_lines = wrap(source or "来源 Source: plan-kg", text_width_pt, NOTE_PT)
        fig.text(0.25 / width, 4 / 72 / height, source_lines[0] + ("…" if len(source_lines) > 1 else ""),
                 ha="left", va="bottom", fontsize=NOTE_PT - 0.5, color="#666666", gid="source")
    except BaseException:
        plt.close(fig)
        raise
    return fig


def _area(node: dict) -> float:
    """Marker area in points² (node sizes are vis-network pixels; a picture wants them smaller)."""
    return (float(node.get("size", 10)) * 0.6) ** 2


def _caption(graph: ViewGraph, labelled: int, named: list, html_hint: str) -> str:
    total = len(graph.nodes)
    if labelled == total:
        text = f"All {total} nodes labelled."
    else:
        text = (f"Labelled: the {labelled} best-connected of {total} nodes that fit without overlapping; the "
                f"other {total - labelled} are named in the interactive view ({html_hint}).")
    if named:
        text += " The numbers on the edges stand for the projects listed above."
    return text


def _pack(entries: list[str], width_pt: float, size_pt: float) -> list[str]:
    """Entries side by side, separated by wide spaces, in lines no wider than ``width_pt``."""
    limit = width_pt / size_pt
    lines, line = [], ""
    for entry in entries:
        candidate = f"{line}　 {entry}" if line else entry
        if line and _em(candidate) > limit:
            lines.append(line)
            line = entry
        else:
            line = candidate
    if line:
        lines.append(line)
    return [part for line in lines for part in (wrap(line, width_pt, size_pt) if _em(line) > limit else [line])]


def draw(graph: ViewGraph, path: Path, lang: str = "zh", width: float = 7.0, height: float = 7.0,
         dpi: int = 150, max_labels: int = 60, source: str = "", html_hint: str = "kg view NAME -o FILE.html") -> Path:
    """Write the picture to ``path`` (.png, .svg or .pdf)."""
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ViewError(f"cannot draw .{fmt}: use one of {', '.join(FORMATS)}")
    import matplotlib.pyplot as plt

    fig = compose(graph, lang=lang, width=width, height=height, dpi=dpi, max_labels=max_labels, source=source,
                  html_hint=html_hint)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*Glyph .* missing.*")  # empty boxes are a failure
            fig.savefig(tmp, format=fmt, dpi=dpi)
        tmp.replace(path)
    except UserWarning as exc:
        raise ViewError(f"a label cannot be drawn with the font {plt.rcParams['font.family'][0]}: {exc}") from None
    finally:
        plt.close(fig)
    return path
