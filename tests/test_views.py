"""Views: self-contained HTML checked in headless Chromium, and static pictures.

Needs Debian's chromium (installed by scripts/setup.sh).  Set KG_SKIP_BROWSER=1
to skip the browser checks on a machine without it.
"""
from __future__ import annotations

import json
import os
import struct

import pytest

from kg.views import build, views
from kg.views.html import write_html
from kg.views.static import draw


@pytest.fixture(scope="module")
def corpus(built_workspace):
    from kg.graph import load_corpus

    return load_corpus(built_workspace)


@pytest.fixture(scope="module")
def graphs(corpus):
    """Each view's graph built once (its layout is cached on it): drawing it is what these tests check."""
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = build(corpus, name)
        return cache[name]
    return get


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1100, "height": 750})
    log = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60000)
    return page, log


def test_views_are_listed_with_defaults(runner):
    from kg.cli import main

    rows = json.loads(runner.invoke(main, ["views", "--format", "json"]).stdout)
    names = {r["name"] for r in rows}
    assert {"overview", "districts-projects", "project", "place", "measure", "targets"} <= names
    for r in rows:
        assert {"name", "title", "params"} <= set(r)
        assert all(p["default"] != "" for p in r["params"])


@pytest.mark.parametrize("name", sorted(views()))
def test_view_in_chromium(browser, corpus, tmp_path, name):
    path = tmp_path / f"{name}.html"
    write_html(build(corpus, name), path)
    html = path.read_bytes().decode("utf-8")  # written as UTF-8
    assert "cdn." not in html and "https://" not in html.split("<script>")[0]
    page, log = open_page(browser, path)
    try:
        assert log["errors"] == []
        assert [u for u in log["requests"] if not u.startswith("file://")] == []
        shot = page.screenshot()
        assert _coloured_fraction(shot) > 0.002, "the canvas looks blank"
        # hover a node: its tooltip shows the facts
        x, y, label = page.evaluate("""() => {
            const box = document.getElementById("kg-network").getBoundingClientRect();
            const cx = box.width / 2, cy = box.height / 2;
            let best = null;
            for (const id of kgNodes.getIds()) {  // the node nearest the middle is surely on screen
                const p = network.canvasToDOM(network.getPositions([id])[id]);
                const d = (p.x - cx) ** 2 + (p.y - cy) ** 2;
                if (best === null || d < best[0]) best = [d, box.left + p.x, box.top + p.y, kgNodes.get(id).label];
            }
            return best.slice(1); }""")
        page.mouse.move(x, y)
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tip = page.inner_text("div.vis-tooltip")
        assert tip.strip()
        # search selects nodes
        page.fill("#kg-search", label[:2])
        assert page.inner_text("#kg-found").endswith("found")
        # filter by type hides nodes
        first_type = page.get_attribute("#kg-legend input", "data-type")
        page.click("#kg-legend input")
        hidden = page.evaluate(
            f"() => kgNodes.get({{filter: n => n.kgType === {json.dumps(first_type)}}}).every(n => n.hidden)")
        assert hidden
    finally:
        page.close()


def _coloured_fraction(png: bytes) -> float:
    """Share of pixels that are neither white nor near-white (a drawn canvas is not blank)."""
    from io import BytesIO

    from matplotlib import image

    img = image.imread(BytesIO(png), format="png")
    rgb = img[..., :3]
    return float(((rgb < 0.9).any(axis=-1)).mean())


def test_hostile_document_cannot_run_script(browser, tmp_path):
    from kg.build import build as build_docs
    from kg.graph import load_corpus
    from kg.workspace import Workspace

    plan = tmp_path / "evil.txt"
    plan.write_text(
        "某市行动方案(2024—2026年)\n"
        "交通是先行官。到2026年,高速公路通车里程超过3000公里。\n"
        "1.建设<script>window.__pwned=1</script>枢纽。开工建设“</script><script>window.__pwned=2</script>”新机场,"
        "推进<img src=x onerror=\"window.__pwned=3\">大桥建设,建成\"'><svg onload=alert(4)>隧道。\n"
        "2.完善路网。建成快速路100公里,推进某市\\u2028环线建设。\n", encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    build_docs([str(plan)], ws)
    corpus = load_corpus(ws)
    assert any("script" in p.name or "svg" in p.name or "img" in p.name for p in corpus.projects.values())
    for name in ("overview", "measure"):
        path = tmp_path / f"{name}.html"
        params = {"document": "evil", "measure": "1"} if name == "measure" else {}
        write_html(build(corpus, name, params), path)
        page, log = open_page(browser, path)
        try:
            assert page.evaluate("() => window.__pwned") is None
            assert log["dialogs"] == []
            assert [u for u in log["requests"] if not u.startswith("file://")] == []
            assert page.evaluate("() => document.querySelectorAll('script').length") == 2
        finally:
            page.close()


def _png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("name", sorted(views()))
def test_static_pictures(graphs, tmp_path, name):
    g = graphs(name)
    png = draw(g, tmp_path / f"{name}.png", width=8, height=5, dpi=100)
    assert _png_size(png) == (800, 500)
    assert png.stat().st_size > 5000
    svg = draw(g, tmp_path / f"{name}.svg", width=8, height=5)
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    pdf = draw(g, tmp_path / f"{name}.pdf")
    assert pdf.read_bytes()[:4] == b"%PDF"


def test_english_labels(corpus, tmp_path):
    path = tmp_path / "place.html"
    write_html(build(corpus, "place", {"place": "璧山"}), path, lang="en")
    assert "Bishan District" in path.read_text(encoding="utf-8")


def test_view_cli(built_workspace, runner, tmp_path):
    from kg.cli import main

    ws = str(built_workspace.path)
    out = tmp_path / "p.html"
    r = runner.invoke(main, ["-w", ws, "view", "project", "-p", "project=成渝中线高铁", "-o", str(out),
                             "--png", str(tmp_path / "p.png"), "--width", "6", "--height", "4", "--dpi", "50"])
    assert r.exit_code == 0, r.output
    assert out.exists() and _png_size(tmp_path / "p.png") == (300, 200)
    r = runner.invoke(main, ["-w", ws, "view", "nope", "-o", str(out)])
    assert r.exit_code == 1 and "available:" in r.stderr
    r = runner.invoke(main, ["-w", ws, "view", "place", "-p", "place=火星", "-o", str(out)])
    assert r.exit_code == 1 and "no place called" in r.stderr


# -- pictures for reports ------------------------------------------------------------------------

def _drawn_boxes(fig, gids=("node-label", "edge-label")):
    """(artist, display box including its white patch) for every drawn label, after a real draw."""
    from matplotlib.transforms import Bbox

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for text in fig.findobj(lambda a: getattr(a, "get_gid", lambda: None)() in gids):
        box = text.get_window_extent(renderer)
        if text.get_bbox_patch() is not None:
            box = Bbox.union([box, text.get_bbox_patch().get_window_extent(renderer)])
        out.append((text, box))
    return out


@pytest.mark.parametrize("name", sorted(views()))
@pytest.mark.parametrize("size", [(7, 7), (8, 5)])
def test_no_two_labels_overlap(graphs, name, size):
    import matplotlib.pyplot as plt

    from kg.views.static import compose

    fig = compose(graphs(name), width=size[0], height=size[1], dpi=100)
    try:
        boxes = _drawn_boxes(fig)
        assert boxes, "nothing labelled"
        frame = fig.bbox
        for i, (a, box) in enumerate(boxes):
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, a
            for b, other in boxes[i + 1:]:
                assert not box.overlaps(other), (a.get_text(), b.get_text())
    finally:
        plt.close(fig)


def test_every_edge_of_the_districts_picture_is_named(graphs):
    import re

    import matplotlib.pyplot as plt

    from kg.views.static import compose

    graph = graphs("districts-projects")
    fig = compose(graph, dpi=100)
    try:
        numbers = {t.get_url(): t.get_text() for t, _ in _drawn_boxes(fig, ("edge-label",))}
        legend = " ".join(t.get_text()
                          for t in fig.findobj(lambda a: getattr(a, "get_gid", lambda: "")() == "edge-legend"))
        meaning = {int(m.group(1)): m.group(2) for m in re.finditer(r"(\d+) (\S+)", legend)}
        assert len(graph.edges) > 10 and len(numbers) == len(graph.edges)
        for e in graph.edges:
            drawn = numbers[f"{e['source']} {e['target']}"]
            assert sorted(meaning[int(n)] for n in drawn.split(",")) == sorted(e["names"]), (drawn, e["names"])
    finally:
        plt.close(fig)


@pytest.mark.parametrize("name", sorted(views()))
def test_every_picture_has_title_legend_caption_and_source(graphs, name):
    import matplotlib.pyplot as plt

    from kg.views.static import compose

    fig = compose(graphs(name), dpi=80, source="来源 Source: the sample plans")
    try:
        gids = {t.get_gid(): t.get_text() for t in fig.texts}
        assert gids["title"] and gids["caption"] and gids["source"] == "来源 Source: the sample plans"
        legend = fig.axes[0].get_legend()
        assert legend is not None and len(legend.get_texts()) >= 1
        if "unlabelled" in gids["caption"] or "other" in gids["caption"]:
            assert "interactive view" in gids["caption"]
    finally:
        plt.close(fig)


def test_the_overview_says_what_it_left_out(graphs):
    import matplotlib.pyplot as plt

    from kg.views.static import compose

    graph = graphs("overview")
    fig = compose(graph, dpi=80)
    try:
        labelled = len(_drawn_boxes(fig, ("node-label",)))
        caption = next(t.get_text() for t in fig.texts if t.get_gid() == "caption")
        assert f"the {labelled} best-connected of {len(graph.nodes)} nodes" in caption
        assert f"other {len(graph.nodes) - labelled}" in caption
    finally:
        plt.close(fig)


def test_svg_keeps_text_as_text(graphs, tmp_path):
    svg = draw(graphs("districts-projects"), tmp_path / "d.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "区县共享项目" in svg and "璧山" in svg


def test_a_font_installed_after_matplotlib_first_ran_is_found(tmp_path):
    """A stale font cache (written before fonts-noto-cjk was installed) is rebuilt, not reported as no font."""
    import glob
    import subprocess
    import sys

    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    [cache] = glob.glob(str(tmp_path / "fontlist-*.json"))
    data = json.loads(open(cache, encoding="utf-8").read())
    data["ttflist"] = [f for f in data["ttflist"] if "CJK" not in f["name"] and "Han" not in f["name"]]
    open(cache, "w", encoding="utf-8").write(json.dumps(data))
    stale = subprocess.run([sys.executable, "-c", "from matplotlib import font_manager as f; "
                            "print(any('CJK' in x.name for x in f.fontManager.ttflist))"],
                           env=env, capture_output=True, text=True)
    assert stale.stdout.strip() == "False"  # matplotlib alone never notices
    r = subprocess.run([sys.executable, "-c", "from kg.views.static import cjk_font; print(cjk_font())"],
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "CJK" in r.stdout or "Han" in r.stdout
    assert "CJK" in open(cache, encoding="utf-8").read()  # the rebuilt cache is kept for the next run
