"""``kg views`` and ``kg view NAME``: interactive pages and static pictures."""
from __future__ import annotations

import click

from kg.cli import main, status
from kg.cli.output import emit, format_option
from kg.errors import ViewError


@main.command(name="views")
@format_option()
def views_cmd(fmt):
    """List the views and their parameters (all have defaults)."""
    from kg.views import views

    rows = [v.to_row() for v in views().values()]
    if fmt == "table":
        rows = [{"name": r["name"], "title": r["title"],
                 "params": ", ".join(f"{p['name']}={p['default']}" for p in r["params"])} for r in rows]
        emit(rows, fmt, ("name", "title", "params"))
    else:
        emit(rows, fmt, ("name", "title", "description", "params"))


@main.command()
@click.argument("name")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the interactive HTML page here.")
@click.option("--png", type=click.Path(dir_okay=False), help="Draw a PNG picture here.")
@click.option("--svg", type=click.Path(dir_okay=False), help="Draw an SVG picture here.")
@click.option("--pdf", type=click.Path(dir_okay=False), help="Draw a PDF picture here.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="View parameter (repeatable).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Labels in Chinese as written, or in English where a standard name exists.")
@click.option("--width", type=click.FloatRange(min=1, min_open=False), default=7.0, show_default=True,
              help="Picture width in inches (7 × 7 fits an A4 page's text block at full size).")
@click.option("--height", type=click.FloatRange(min=1, min_open=False), default=7.0, show_default=True,
              help="Picture height in inches.")
@click.option("--dpi", type=click.IntRange(min=1), default=150, show_default=True, help="Picture resolution (PNG).")
@click.option("--provinces", help="map: provinces to draw (names or codes, comma-separated; default: where "
                                  "the plans tie most projects).")
@click.option("--level", type=click.Choice(["district", "city", "province"]), default="district",
              show_default=True, help="map: the divisions shaded.")
@click.pass_obj
def view(settings, name, output, png, svg, pdf, params, lang, width, height, dpi, provinces, level):
    """Render a view: an offline HTML page (-o) and/or pictures (--png/--svg/--pdf).

    Pictures are made for reports: a title, a legend, a caption saying what was
    left unlabelled (labels never overlap; the best-connected nodes get one),
    the source documents, and in SVG and PDF text that stays text.

    The view 'map' draws divisions shaded by their number of projects, with lines between divisions
    sharing projects (the workbench's /map as a picture: --png/--svg/--pdf only).

    \b
    Examples:
      kg view overview -o overview.html
      kg view districts-projects -o shared.html --png shared.png --dpi 200
      kg view place -p place=璧山 --lang en -o bishan.html
      kg view map --provinces 重庆 --png chongqing.png --svg chongqing.svg
    """
    from pathlib import Path

    from kg.cli.graph import _params
    from kg.graph import load_corpus
    from kg.views import build
    from kg.views.html import write_html
    from kg.views.static import draw
    from kg.workspace import Workspace

    if not (output or png or svg or pdf):
        raise ViewError("say where to write the view: -o FILE.html, --png, --svg or --pdf")
    if name == "map":
        from kg.views.geomap import draw_map

        if output:
            raise ViewError("the map is drawn as a picture (--png, --svg, --pdf); the interactive map is the "
                            "workbench's /map (kg serve)")
        corpus = load_corpus(Workspace(settings.workspace))
        chosen = [p for p in (provinces or "").replace("，", ",").split(",") if p] or None
        for path in (png, svg, pdf):
            if path:
                draw_map(corpus, Path(path), chosen, level, lang=lang, width=width, height=height, dpi=dpi)
                status(settings, f"wrote {path}")
        return
    corpus = load_corpus(Workspace(settings.workspace))
    graph = build(corpus, name, _params(params))
    titles = [ex.document.title for ex in corpus.documents]
    listed = "; ".join(titles)
    source = "来源 Source: " + (listed if len(titles) <= 2 else f"{len(titles)} documents: {listed}")
    if output:
        write_html(graph, Path(output), lang=lang)
        status(settings, f"wrote {output} ({len(graph.nodes)} nodes, {len(graph.edges)} edges)")
    for path in (png, svg, pdf):
        if path:
            draw(graph, Path(path), lang=lang, width=width, height=height, dpi=dpi, source=source,
                 html_hint=f"kg view {name} -o {name}.html")
            status(settings, f"wrote {path}")
