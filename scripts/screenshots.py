#!/usr/bin/env python3
"""Regenerate docs/img/: a screenshot of each view of the sample plan, taken in headless Chromium
(view-NAME.png), and the static picture of each view as `kg view NAME --png` draws it for a report
(picture-NAME.png, on the three bundled documents).

    python scripts/screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.build import build
from kg.demo import sample_path
from kg.graph import load_corpus
from kg.views import build as build_view
from kg.views import views
from kg.views.html import write_html
from kg.views.static import draw
from kg.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "ws")
        build([str(sample_path())], ws)
        corpus = load_corpus(ws)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name in views():
                html = Path(tmp) / f"{name}.html"
                write_html(build_view(corpus, name), html)
                page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
                page.goto(html.as_uri())
                page.wait_for_function("window.kgReady === true", timeout=60000)
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / f"view-{name}.png"))
                page.close()
                print(f"docs/img/view-{name}.png", file=sys.stderr)
            browser.close()
        ws_all = Workspace(Path(tmp) / "ws-all")
        build([str(sample_path().parent)], ws_all)
        corpus = load_corpus(ws_all)
        source = "来源 Source: " + "; ".join(ex.document.title for ex in corpus.documents)
        for name in views():
            out = OUT / f"picture-{name}.png"
            draw(build_view(corpus, name), out, dpi=110, source=source, html_hint=f"kg view {name} -o {name}.html")
            print(f"docs/img/{out.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
