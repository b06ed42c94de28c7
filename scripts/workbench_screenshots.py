#!/usr/bin/env python3
"""Regenerate docs/img/workbench-*.png: the workbench on the bundled samples, in headless Chromium.

    python scripts/workbench_screenshots.py
"""
from __future__ import annotations

import tempfile
import threading
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.build import build
from kg.web.server import make_workbench_server
from kg.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SHOTS = [  # (file, path, what to wait for, full page)
    ("workbench-place.png", "/place/璧山", "body[data-ready]", False),
    ("workbench-map.png", "/map?provinces=重庆,四川", "#map[data-drawn]", False),
    ("workbench-explorer.png", "/explore?places=璧山,铜梁", "#shared-graph[data-drawn]", True),
    ("workbench-matrix.png", "/explore?region=重庆", "#matrix[data-drawn]", False),
    ("workbench-document.png", "/document/chongqing-twin-city-action-plan-2023-2027#measure-6", "body[data-ready]",
     False),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "ws")
        build([str(ROOT / "kg" / "data" / "samples")], ws)
        server = make_workbench_server(ws, "https://plan-kg.org/id/", port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
                for name, path, ready, full in SHOTS:
                    page.goto(base + urllib.parse.quote(path, safe="/?=&,#"))
                    page.wait_for_selector(ready, timeout=60000)
                    page.wait_for_timeout(800)  # the force layout settles
                    page.screenshot(path=str(OUT / name), full_page=full)
                    print(f"wrote docs/img/{name}")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
