#!/usr/bin/env python3
"""Views: time to write each view (HTML and PNG) and time until the page is interactive in Chromium.

Two graphs: the sample plan (every view), and an overview of about 5,000 nodes
(the first documents of the 100-document synthetic corpus, as many as it takes).
"Interactive" is the page's own ``window.kgReady`` flag: set once vis-network
has drawn and (for small graphs) the physics has settled.

    python bench/views.py
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import WORK, corpus, kg, sample_dir, save, table  # noqa: E402

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def load(label: str, docs: Path):
    from kg.graph import load_corpus
    from kg.workspace import Workspace

    ws = WORK / f"ws-{label}"
    if not (ws / "manifest.json").exists():
        kg("-q", "-w", str(ws), "build", str(docs))
    return load_corpus(Workspace(ws))


def corpus_of_about(nodes: int):
    """The smallest prefix of the 100-document corpus whose overview has at least ``nodes`` nodes."""
    from kg.corpus import Corpus
    from kg.views import build

    full = load("100", corpus(100))
    lo, hi = 1, len(full.documents)
    while lo < hi:
        mid = (lo + hi) // 2
        if len(build(Corpus.build(full.documents[:mid]), "overview").nodes) >= nodes:
            hi = mid
        else:
            lo = mid + 1
    return Corpus.build(full.documents[:lo])


def time_to_interactive(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=600_000, polling=50)
        return time.perf_counter() - t0
    finally:
        page.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    from kg.views import build, render_html, render_static, views

    out = WORK / "views"
    out.mkdir(parents=True, exist_ok=True)
    sample = load("sample", sample_dir())
    big = corpus_of_about(5000)
    cases = [("sample", sample, name) for name in views()] + [("~5,000 nodes", big, "overview"),
                                                             ("~5,000 nodes", big, "districts-projects")]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, c, name in cases:
            graph = build(c, name)
            html = out / f"{label[:6].strip('~, ')}-{name}.html"
            t0 = time.perf_counter()
            render_html(c, name, None, html)
            html_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            render_static(c, name, None, html.with_suffix(".png"))
            png_s = time.perf_counter() - t0
            tti = [time_to_interactive(browser, html) for _ in range(2)]
            rows.append({"graph": label, "documents": len(c.documents), "view": name, "nodes": len(graph.nodes),
                         "edges": len(graph.edges), "html_mb": html.stat().st_size / 2**20, "write_html_s": html_s,
                         "write_png_s": png_s, "interactive_s": min(tti)})
            print(rows[-1], flush=True)
        browser.close()
    save("views", {"rows": rows})
    print(table(rows))


if __name__ == "__main__":
    main()
