#!/usr/bin/env python3
"""Workbench page timings in headless Chromium, and the measurements behind its parts.

    python bench/web.py                    # pages at 100 and 1,000 synthetic documents (+ the sample)
    python bench/web.py --sizes 100 --runs 3
    python bench/web.py --libs             # also: ECharts vs Leaflet drawing the same boundaries

For each workspace, ``kg serve`` runs in a child process (the real command) and
Chromium opens each page ``--runs`` times after one warm-up visit; the median
of each timing is kept:

* ``ttfb_ms``: the server's answer starts (navigation ``responseStart``);
* ``interactive_ms``: the page's script has wired everything (search box,
  tables, downloads; the ``kg-ready`` mark app.js sets at its end);
* ``drawn_ms`` (map, graph pages): ECharts has finished drawing (``kg-map-drawn``
  for the map).

Results go to ``bench/results/web.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, WORK, corpus, save, table  # noqa: E402

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def workspace(n: int | str) -> Path:
    """A built workspace of ``n`` synthetic documents (or 'sample': the bundled three), built once."""
    ws = WORK / f"ws-web-{n}"
    if not (ws / "manifest.json").exists():
        src = str(ROOT / "kg" / "data" / "samples") if n == "sample" else str(corpus(int(n)))
        print(f"building {ws} from {src} …", flush=True)
        subprocess.run([sys.executable, "-m", "kg", "-q", "-w", str(ws), "build", src], check=True)
    return ws


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(ws: Path) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "-w", str(ws), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 900
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/api/search?q=x", timeout=5).read()
            return proc, base, time.perf_counter() - t0
        except OSError as exc:
            if proc.poll() is not None:
                raise SystemExit(f"kg serve exited: {proc.stderr.read().decode()[-800:]}") from exc
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("kg serve did not come up")


def busiest_place(base: str) -> str:
    data = json.loads(urllib.request.urlopen(base + "/api/map").read())
    top = max(data["units"], key=lambda u: u["projects"])
    return top["code"]


def timings(page, url: str, marks=("kg-ready",), selector: str | None = None) -> dict:
    page.goto(url, wait_until="load")
    # selectors, not wait_for_function: Playwright polls a function with eval, which the pages' CSP forbids
    page.wait_for_selector("body[data-ready]", timeout=60000)  # set after the kg-ready mark
    if selector:
        page.wait_for_selector(selector, timeout=60000)  # e.g. #map[data-drawn], set with kg-map-drawn
    return page.evaluate("""(marks) => { const n = performance.getEntriesByType('navigation')[0];
        const out = {ttfb_ms: n.responseStart, html_kb: n.transferSize / 1024, dom_ms: n.domContentLoadedEventEnd};
        for (const m of marks) out[m] = performance.getEntriesByName(m)[0].startTime;
        return out; }""", list(marks))


def measure_pages(ws: Path, label: str, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    proc, base, startup = serve(ws)
    rows = []
    try:
        place = busiest_place(base)
        pages = [
            ("place page (busiest place)", f"/place/{place}", ("kg-ready",), None),
            ("place page 璧山", "/place/" + urllib.parse.quote("璧山"), ("kg-ready",), None),
            ("map (default provinces)", "/map", ("kg-ready", "kg-map-drawn"), "#map[data-drawn]"),
            ("explorer matrix 重庆", "/explore?region=" + urllib.parse.quote("重庆"), ("kg-ready",),
             "#matrix[data-drawn]"),
            ("search page", "/search?q=" + urllib.parse.quote("重庆"), ("kg-ready",), None),
        ]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path, marks, selector in pages:
                try:
                    timings(page, base + path, marks, selector)  # warm-up: caches, first use of a code path
                except Exception as exc:  # a page that fails is reported, not hidden
                    rows.append({"workspace": label, "page": name, "error": str(exc)[:200]})
                    continue
                samples = [timings(page, base + path, marks, selector) for _ in range(runs)]
                row = {"workspace": label, "page": name, "runs": runs,
                       "ttfb_ms": statistics.median(s["ttfb_ms"] for s in samples),
                       "interactive_ms": statistics.median(s["kg-ready"] for s in samples),
                       "html_kb": statistics.median(s["html_kb"] for s in samples)}
                if "kg-map-drawn" in marks:
                    row["drawn_ms"] = statistics.median(s["kg-map-drawn"] for s in samples)
                rows.append(row)
                print(row, flush=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(30)
    for r in rows:
        r["server_start_s"] = round(startup, 1)
    return rows


# -- the libraries: ECharts and Leaflet drawing the same boundaries --------------------------------

LIB_PAGE = """<!doctype html><html><head><meta charset="utf-8">{head}</head>
<body><div id="m" style="width:1200px;height:800px"></div>
<script src="geo.js"></script>{scripts}<script src="run.js"></script></body></html>"""

ECHARTS_RUN = """const t0 = performance.now();
const chart = echarts.init(document.getElementById('m'), null, {renderer: 'canvas'});
echarts.registerMap('b', GEO);
chart.on('finished', function once() { chart.off('finished', once); window.drawnMs = performance.now() - t0; });
chart.setOption({animation: false, visualMap: {min: 0, max: 10, show: false},
  series: [{type: 'map', map: 'b', nameProperty: 'code',
            data: GEO.features.map((f, i) => ({name: f.properties.code, value: i % 10}))}]});"""

LEAFLET_RUN = """const t0 = performance.now();
const map = L.map('m', {preferCanvas: true, zoomControl: false, attributionControl: false});
const colours = ['#fff7e6', '#fdd49e', '#fc8d59', '#d7301f', '#7f0000'];
const layer = L.geoJSON(GEO, {style: (f) => ({color: '#888', weight: 0.5, fillOpacity: 1,
  fillColor: colours[parseInt(f.properties.code.slice(-2)) % 5]})}).addTo(map);
map.fitBounds(layer.getBounds());
requestAnimationFrame(() => requestAnimationFrame(() => { window.drawnMs = performance.now() - t0; }));"""


def measure_libs(runs: int) -> list[dict]:
    import http.server
    import shutil
    import tarfile
    import threading

    from playwright.sync_api import sync_playwright

    from kg.boundaries import features

    tmp = Path(tempfile.mkdtemp(prefix="kg-libs-"))
    subprocess.run(["npm", "pack", "leaflet@1.9.4", "--pack-destination", str(tmp)], check=True,
                   capture_output=True, cwd=tmp)
    with tarfile.open(next(tmp.glob("leaflet-*.tgz"))) as tar:
        (tmp / "leaflet.js").write_bytes(tar.extractfile("package/dist/leaflet.js").read())
        (tmp / "leaflet.css").write_bytes(tar.extractfile("package/dist/leaflet.css").read())
    shutil.copy(ROOT / "kg" / "web" / "static" / "vendor" / "echarts.min.js", tmp / "echarts.min.js")
    cases = {"重庆 districts (38)": ["50"], "6 provinces' counties": ["42", "43", "50", "51", "52", "61"],
             "all counties (2,891)": None}
    rows = []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: Quiet(*a, directory=str(tmp)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for case, provinces in cases.items():
                fc = {"type": "FeatureCollection", "features": features("district", provinces)}
                (tmp / "geo.js").write_text("const GEO = " + json.dumps(fc, ensure_ascii=False) + ";", encoding="utf-8")
                for lib, head, scripts, run in (
                        ("ECharts 6.1.0", "", '<script src="echarts.min.js"></script>', ECHARTS_RUN),
                        ("Leaflet 1.9.4", '<link rel="stylesheet" href="leaflet.css">',
                         '<script src="leaflet.js"></script>', LEAFLET_RUN)):
                    (tmp / f"{lib.split()[0]}.html").write_text(LIB_PAGE.format(head=head, scripts=scripts),
                                                               encoding="utf-8")
                    (tmp / "run.js").write_text(run, encoding="utf-8")
                    drawn = []
                    for _ in range(runs + 1):
                        page = browser.new_page()
                        page.goto(f"{base}/{lib.split()[0]}.html")
                        page.wait_for_function("window.drawnMs !== undefined", timeout=60000)
                        drawn.append(page.evaluate("window.drawnMs"))
                        page.close()
                    row = {"case": case, "library": lib, "units": len(fc["features"]),
                           "draw_ms": statistics.median(drawn[1:])}
                    rows.append(row)
                    print(row, flush=True)
            browser.close()
    finally:
        httpd.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    sizes = {"ECharts 6.1.0": ROOT / "kg" / "web" / "static" / "vendor" / "echarts.min.js"}
    for r in rows:
        if r["library"] in sizes:
            import gzip

            raw = sizes[r["library"]].read_bytes()
            r["script_kb"], r["gzip_kb"] = len(raw) / 1024, len(gzip.compress(raw)) / 1024
    return rows


def framework_overhead(ws: Path, n: int = 200) -> dict:
    """What the WSGI hop costs: /sparql (the endpoint's own handler) against a Flask route, same server."""
    proc, base, _ = serve(ws)
    try:
        def median_ms(url):
            times = []
            for _ in range(n):
                t0 = time.perf_counter()
                urllib.request.urlopen(url).read()
                times.append((time.perf_counter() - t0) * 1000)
            return statistics.median(times)

        return {"sparql_description_ms": median_ms(base + "/sparql"),
                "flask_static_file_ms": median_ms(base + "/static/app.css"),
                "flask_search_api_ms": median_ms(base + "/api/search?q=" + urllib.parse.quote("重庆"))}
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", nargs="*", default=["sample", "100", "1000"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--libs", action="store_true", help="also measure ECharts and Leaflet on the same shapes")
    args = ap.parse_args()
    rows = []
    for size in args.sizes:
        ws = workspace(size)
        rows += measure_pages(ws, f"{size} documents" if size != "sample" else "bundled sample (3)", args.runs)
    # sizes measured in an earlier run (a 1,000-document workspace takes long to build) are kept
    earlier = json.loads((ROOT / "bench" / "results" / "web.json").read_text(encoding="utf-8")) \
        if (ROOT / "bench" / "results" / "web.json").exists() else {}
    measured = {r["workspace"] for r in rows}
    rows = [r for r in earlier.get("pages", []) if r["workspace"] not in measured] + rows
    result = {"pages": rows, "framework": framework_overhead(workspace(args.sizes[0])) if args.sizes
              else earlier.get("framework"), "libraries": earlier.get("libraries")}
    if args.libs:
        result["libraries"] = measure_libs(args.runs)
    path = save("web", result)
    print(table(rows, ["workspace", "page", "ttfb_ms", "interactive_ms", "drawn_ms", "html_kb", "server_start_s"]))
    print(result["framework"])
    if result.get("libraries"):
        print(table(result["libraries"], ["case", "library", "units", "draw_ms"]))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
