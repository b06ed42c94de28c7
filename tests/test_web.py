"""The workbench (``kg serve``), driven in real headless Chromium against a real server.

One server and one browser serve the whole module.  The workspace holds the
three bundled documents plus ``fixtures/hostile-names.txt``, whose extracted
names are markup (``<img src=x onerror=…>铁路``): they must show as text.
Every page opened here is watched: no request may leave 127.0.0.1 and the
console must stay free of errors (CSP violations included).
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
HOSTILE = Path(__file__).parent / "fixtures" / "hostile-names.txt"
BASE_IRI = "https://plan-kg.org/id/"


@pytest.fixture(scope="module")
def workspace(built_workspace, tmp_path_factory):
    from kg.build import build
    from kg.workspace import Workspace

    ws = Workspace(tmp_path_factory.mktemp("web") / "ws")
    shutil.copytree(built_workspace.path, ws.path)
    report = build([str(HOSTILE)], ws)
    assert not report.failed, report.failed
    return ws


@pytest.fixture(scope="module")
def server(workspace):
    from kg.config import Neo4jSettings
    from kg.web.server import make_workbench_server

    # as `kg serve` does: the Cypher console is there when a Neo4j is configured
    neo4j = Neo4jSettings.from_env() if os.environ.get("NEO4J_URI") else None
    srv = make_workbench_server(workspace, BASE_IRI, port=0, timeout=10, neo4j=neo4j)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def page(browser, server):
    """A fresh page; after the test, nothing left 127.0.0.1 and the console had no error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    log = {"errors": [], "outside": [], "dialogs": []}
    pg.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log["errors"].append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith((server + "/", "data:", "blob:"))
          else log["outside"].append(r.url))
    pg.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    pg.base = server
    pg.log = log
    yield pg
    pwned = pg.evaluate("window.__pwned === undefined ? null : window.__pwned")
    context.close()
    assert log["outside"] == [], f"requests left 127.0.0.1: {log['outside']}"
    assert log["errors"] == [], f"console errors: {log['errors']}"
    assert log["dialogs"] == [] and pwned is None, "a document's text ran as script"


def goto(page, path: str):
    """Open a page and wait until it is wired and every drawing on it is drawn (ECharts loads after)."""
    page.goto(page.base + urllib.parse.quote(path, safe="/?=&,#%"))
    page.wait_for_selector("body[data-ready='1']")
    # (selectors, not wait_for_function: Playwright polls a function with eval, which the pages' CSP forbids)
    page.wait_for_selector(".chart:not([data-drawn]):not([hidden])", state="detached")


def run_saved(page, name: str, engine: str, **params: str):
    """Run a saved query from the console's form: choose it and its engine, then type the parameters
    (choosing the engine redraws the form, so the values come after)."""
    goto(page, "/query")
    page.select_option("#saved-name", name)
    page.select_option("#saved-engine", engine)
    for key, value in params.items():
        page.fill(f"#saved-form input[name={key}]", value)
    page.click("#saved-run")


def expect_one_refusal(page):
    """Chromium logs every 4xx answer to fetch() as a console error; accept the one refusal a test asked for."""
    assert len(page.log["errors"]) == 1 and "status of 400" in page.log["errors"][0], page.log["errors"]
    page.log["errors"].clear()


def get(server, path: str):
    with urllib.request.urlopen(server + urllib.parse.quote(path, safe="/?=&,")) as r:
        return r.status, dict(r.headers), r.read().decode("utf-8")


# -- the journeys of the issue ----------------------------------------------------------------

def test_search_bishan_leads_to_its_place_page_with_bitong_line_and_tongliang(page):
    goto(page, "/")
    page.fill("#q", "璧山")
    page.wait_for_selector("#suggest li a:has-text('璧山')")
    first = page.locator("#suggest li").first
    assert "璧山" in first.inner_text()
    first.locator("a").click()
    page.wait_for_url("**/place/**")
    assert urllib.parse.unquote(page.url).endswith("/place/璧山")
    assert page.locator("h1").inner_text().startswith("璧山")
    projects = page.locator("#projects tr.direct", has_text="璧铜线")
    assert projects.count() == 1
    assert "璧铜线" in projects.locator("q").inner_text()  # the sentence that says so
    partner = page.locator("#partners tr.partner", has_text="铜梁")
    assert partner.count() == 1 and "璧铜线" in partner.inner_text()
    assert "璧铜线" in partner.locator("q").first.inner_text()
    # the source link opens the document view at that sentence
    partner.locator("a.src").first.click()
    page.wait_for_url("**/document/**")
    assert page.evaluate("document.querySelector(':target') !== null")
    assert "璧铜线" in page.locator(":target").inner_text()


@pytest.mark.parametrize("name", ["璧山区", "500120", "Bishan", "bishan", "bs"])
def test_a_place_page_is_found_by_any_name_the_search_accepts(page, name):
    goto(page, f"/place/{name}")
    assert page.locator("h1").inner_text().startswith("璧山")


def test_a_project_page_is_found_by_its_pinyin_initials(page):
    goto(page, "/project/btx")
    assert page.locator("h1").inner_text() == "璧铜线"
    assert urllib.parse.unquote(page.url).endswith("/project/璧铜线")


def test_typeahead_finds_by_pinyin_initials_and_code(page):
    goto(page, "/")
    for typed, expected in (("tongliang", "铜梁"), ("500151", "铜梁"), ("btx", "璧铜线")):
        page.fill("#q", typed)
        page.wait_for_selector(f"#suggest li a:has-text('{expected}')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/project/**")
    assert page.locator("h1").inner_text() == "璧铜线"


def test_map_renders_chongqing_districts_with_non_blank_fills(page):
    goto(page, "/map?provinces=重庆")
    page.wait_for_selector("#map[data-ready]")
    assert page.get_attribute("#map", "data-ready") == "38"
    option = page.evaluate("""() => { const o = window.kgCharts.map.getOption();
        return {units: o.series[0].data.length, shaded: o.series[0].data.filter(d => d.value > 0).length,
                lines: o.series[1].data.length}; }""")
    assert option["units"] == 38 and option["shaded"] >= 10 and option["lines"] >= 1
    # the canvas really has colour: count pixels that are neither white nor the empty grey
    colours = page.evaluate("""() => { const c = document.querySelector('#map canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let warm = 0, filled = 0;
        for (let i = 0; i < d.length; i += 16) { if (d[i+3] === 0) continue;
          if (d[i] > 200 && d[i+1] < 200 && d[i+2] < 160) warm++;
          if (!(d[i] > 245 && d[i+1] > 245 && d[i+2] > 245)) filled++; }
        return {warm, filled}; }""")
    assert colours["warm"] > 100 and colours["filled"] > 1000, colours
    # a click on 璧山 opens its page
    x, y = page.evaluate("""() => { const c = window.kgCharts.map;
        const d = JSON.parse(document.getElementById('map-data').textContent);
        return c.convertToPixel({geoIndex: 0}, [106.2, 29.55]); }""")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/place/**")
    assert page.locator("h1").inner_text().startswith("璧山")


def test_map_downloads_png_and_svg(page):
    goto(page, "/map?provinces=50")
    page.wait_for_selector("#map[data-ready]")
    with page.expect_download() as png:
        page.click("button.dl-png[data-chart='map']")
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        page.click("button.dl-svg[data-chart='map']")
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert text.lstrip().startswith("<svg") and text.count("<path") > 38


def test_explorer_shows_the_bishan_tongliang_pair_as_table_and_graph(page):
    goto(page, "/explore?places=璧山,铜梁")
    row = page.locator("#shared-table tr.group", has_text="璧铜线")
    assert row.count() == 1
    assert row.locator(".pair-names").inner_text() in ("璧山–铜梁", "铜梁–璧山")
    assert "璧铜线" in row.locator("q").first.inner_text()
    nodes = page.evaluate("window.kgCharts['shared-graph'].getOption().series[0].data.map(d => d.name)")
    assert {"璧山", "铜梁", "璧铜线"} <= set(nodes)


def test_matrix_of_chongqing_has_38_districts_and_a_count_opens_the_list(page):
    goto(page, "/explore?region=重庆")
    names = page.evaluate("window.kgCharts.matrix.getOption().xAxis[0].data")
    assert len(names) == 38 and "璧山" in names and "铜梁" in names
    i, j = names.index("璧山"), names.index("铜梁")
    x, y = page.evaluate(f"window.kgCharts.matrix.convertToPixel({{xAxisIndex: 0, yAxisIndex: 0}}, [{i}, {j}])")
    box = page.locator("#matrix").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#cell-list:not([hidden])")
    assert "璧铜线" in page.locator("#cell-projects").inner_text()
    page.click("#cell-explore")
    page.wait_for_url("**/explore?places=**")
    assert page.locator("#shared-table tr.group", has_text="璧铜线").count() == 1


def test_matrix_of_a_composite_region(page):
    goto(page, "/explore?region=川渝")
    names = page.evaluate("window.kgCharts.matrix.getOption().xAxis[0].data")
    assert "璧山" in names and "成都" in names


def test_console_runs_a_saved_query_in_sparql_and_offers_downloads(page):
    run_saved(page, "projects-in-place", "sparql", place="铜梁")  # not the default (璧山): the value typed runs
    page.wait_for_selector("#result-table tbody tr")
    assert "璧铜线" in page.locator("#result-table tbody").inner_text()
    csv_url = page.get_attribute("#dl-csv", "href")
    body = page.request.get(page.base + csv_url).text()
    assert "璧铜线" in body and body.splitlines()[0].startswith("project")


def test_console_sparql_editor_runs_and_refuses_service(page):
    goto(page, "/query")
    page.fill("#sparql-text", "PREFIX plan: <https://plan-kg.org/ontology#>\n"
                              "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                              "SELECT ?name WHERE { ?p a plan:Project ; skos:prefLabel ?name } ORDER BY ?name LIMIT 5")
    page.click("#sparql-run")
    page.wait_for_selector("#result-table tbody tr")
    assert page.locator("#result-table tbody tr").count() == 5
    page.fill("#sparql-text", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
    page.click("#sparql-run")
    page.wait_for_selector("#result-error:not([hidden])")
    assert "SERVICE is not allowed" in page.locator("#result-error").inner_text()
    expect_one_refusal(page)


def test_console_shows_the_answer_to_the_latest_run_not_a_slower_earlier_one(page):
    goto(page, "/query")
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?b a ?t }"  # about a second of counting pairs here
    page.fill("#sparql-text", slow)
    with page.expect_response(lambda r: r.url.endswith("/sparql") and "COUNT" in (r.request.post_data or ""),
                              timeout=60_000) as first:
        page.click("#sparql-run")
        page.fill("#sparql-text", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
        page.click("#sparql-run")
        page.wait_for_selector("#result-error:not([hidden])")
        assert not first.is_done(), "the slow query answered first: the test would prove nothing"
    assert first.value.status in (200, 503)  # counted, or over the endpoint's time on a busy machine
    page.wait_for_timeout(300)  # the page has handled the slower answer by now
    assert "SERVICE is not allowed" in page.locator("#result-error").inner_text()
    assert page.locator("#result-table tbody tr").count() == 0
    refusals = [e for e in page.log["errors"] if "status of 503" not in e]
    assert len(refusals) == 1 and "status of 400" in refusals[0], page.log["errors"]
    page.log["errors"].clear()


def test_console_shows_a_saved_query_the_workers_refuse_as_one_line(page):
    run_saved(page, "top-places", "sparql", limit="ten")
    page.wait_for_selector("#result-error:not([hidden])")
    assert page.locator("#result-error").inner_text() == "parameter 'limit' must be an integer, not 'ten'"
    expect_one_refusal(page)


@pytest.mark.parametrize("limits, status, says", [
    ({"max_waiting": 0}, 503, "the endpoint is busy: 0 queries are already waiting; try again"),
    ({"timeout": 1e-6}, 503, "the query ran longer than"),
])
def test_a_saved_query_the_workers_cannot_answer_is_a_json_error(workspace, limits, status, says):
    """Busy and QueryTimeout from the query workers reach the console as JSON with /sparql's status."""
    import urllib.error

    from kg.web.server import make_workbench_server

    options = {"timeout": 10, "workers": 1, "fast_lane": 0, "spares": 0, **limits}
    srv = make_workbench_server(workspace, BASE_IRI, port=0, warm=False, **options)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            get(f"http://127.0.0.1:{srv.server_address[1]}", "/api/query/projects-in-place?p.place=璧山")
        body = json.loads(err.value.read())
        assert err.value.code == status and body["error"].startswith(says), body
        assert err.value.headers["Content-Type"] == "application/json"
        if "max_waiting" in limits:
            assert err.value.headers["Retry-After"] == "5"
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="module")
def neo4j_loaded(workspace):
    if os.environ.get("KG_SKIP_NEO4J") == "1":
        pytest.skip("KG_SKIP_NEO4J=1")
    if not os.environ.get("NEO4J_URI"):
        pytest.fail("NEO4J_URI is not set: run the tests with scripts/test.sh, which starts the bundled server")
    from kg.config import Neo4jSettings
    from kg.graph import load_corpus
    from kg.neo4j.connection import driver
    from kg.neo4j.loader import load

    settings = Neo4jSettings.from_env()
    with driver(settings) as drv, drv.session(database=settings.database) as s:
        s.run("MATCH ()-[r]->() WHERE r.kg_tool = 'plan-kg' "
              "CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        s.run("MATCH (n) WHERE n.kg_tool = 'plan-kg' "
              "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    load(load_corpus(workspace), settings)
    return settings


@pytest.mark.neo4j
def test_console_runs_cypher_when_a_neo4j_is_configured(page, neo4j_loaded):
    run_saved(page, "projects-in-place", "cypher", place="铜梁")  # not the default (璧山): the value typed runs
    page.wait_for_selector("#result-table tbody tr")
    assert "璧铜线" in page.locator("#result-table tbody").inner_text()
    page.fill("#cypher-text", "MATCH (p:Project)-[:LOCATED_IN]->(:Place {name: $place}) RETURN p.name AS in_place")
    page.fill("#cypher-params", '{"place": "铜梁"}')
    page.click("#cypher-run")
    page.wait_for_selector("#result-table thead th:text-is('in_place')")  # this answer, not the saved query's
    assert "璧铜线" in page.locator("#result-table tbody").inner_text()
    page.fill("#cypher-text", "LOAD CSV FROM 'http://127.0.0.1:9/x' AS row RETURN row")
    page.click("#cypher-run")
    page.wait_for_selector("#result-error:not([hidden])")
    assert "LOAD CSV" in page.locator("#result-error").inner_text()
    expect_one_refusal(page)


def test_document_view_highlights_every_entity_in_place(page, workspace):
    from kg.analytics.document import mentions
    from kg.graph import load_corpus

    doc = "chongqing-twin-city-action-plan-2023-2027"
    goto(page, f"/document/{doc}#measure-6")
    kinds = page.evaluate("Array.from(document.querySelectorAll('#doc-text .ent')).map(a => a.className)")
    assert any("t-place" in k for k in kinds) and any("t-project" in k for k in kinds)
    assert any("t-organization" in k for k in kinds) and any("t-target" in k for k in kinds)
    # a mention inside another (璧 of 璧铜线 read as 璧山) stays part of the outer entity's link
    linked = page.evaluate("Array.from(document.querySelectorAll('#doc-text a.ent')).filter(a => "
                           "decodeURIComponent(a.getAttribute('href')) === '/project/璧铜线').map(a => a.textContent)")
    assert "".join(linked).startswith("璧铜线")
    # the page shows the cleaned text as it is: its characters, in order, nothing added or lost
    shown = page.evaluate("Array.from(document.querySelectorAll('#doc-text p')).map(p => "
                          "Array.from(p.querySelectorAll('.s')).map(s => s.textContent).join('')).join('\\n')")
    text = load_corpus(workspace).document(doc).document.text
    assert shown == "\n".join(line for line in text.split("\n") if line)
    assert len(mentions(load_corpus(workspace), doc)) > 100


def test_hostile_names_render_as_text(page):
    evil = "<img src=x onerror=window.__pwned=1>铁路"
    goto(page, "/search?q=" + urllib.parse.quote("铁路"))
    assert page.locator("#search-results a", has_text=evil).count() == 1
    goto(page, "/")
    page.fill("#q", "onerror")
    page.wait_for_selector("#suggest li")
    assert evil in page.locator("#suggest").inner_text()
    goto(page, "/project/" + urllib.parse.quote(evil, safe=""))
    assert page.locator("h1").inner_text() == evil
    goto(page, "/document/hostile-names")
    assert page.locator("#doc-text a.t-project", has_text=evil).count() == 1
    assert page.locator("#doc-text a.t-project", has_text="<script>").count() == 1
    goto(page, "/place/璧山")
    assert evil in page.locator("body").inner_text()  # in a sentence that names 璧山
    assert page.evaluate("document.querySelectorAll('img[src=x], svg[onload], "
                         "script:not([src]):not([type=\"application/json\"])').length") == 0


def test_english_toggle_keeps_the_url_and_translates(page):
    goto(page, "/place/璧山")
    assert page.locator("#projects h2").inner_text().startswith("项目")
    page.click("#lang-toggle")
    page.wait_for_selector("#projects h2:has-text('Projects')")
    assert urllib.parse.unquote(page.url).endswith("/place/璧山")
    goto(page, "/map")
    assert page.locator("h1").inner_text() == "Map"
    goto(page, "/map?lang=zh")
    assert page.locator("h1").inner_text() == "地图"


# -- the server's promises, without a browser ------------------------------------------------

def test_pages_are_read_only_and_carry_a_strict_csp(server):
    status, headers, body = get(server, "/place/璧山")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    request = urllib.request.Request(server + "/place/x", method="POST", data=b"a=1")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    assert err.value.code == 405
    request = urllib.request.Request(server + "/sparql", data=b"update=DROP%20ALL", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    assert err.value.code == 403


def test_unknown_and_ambiguous_names_get_a_page_not_a_traceback(server):
    with pytest.raises(urllib.error.HTTPError) as err:
        get(server, "/place/火星")
    assert err.value.code == 404
    page = err.value.read().decode("utf-8")
    assert "火星" in page and "Traceback" not in page


def test_a_page_and_a_command_give_the_same_rows(server, workspace, runner):
    from kg.cli import main

    for page, command in (("/api/place/璧山?format=csv", ["place", "璧山"]),
                          ("/api/project/璧铜线?format=csv", ["project", "璧铜线"]),
                          ("/api/matrix?region=重庆&format=csv", ["shared-matrix", "重庆"]),
                          ("/api/search?q=bs&limit=20&format=csv", ["search", "bs", "--limit", "20"]),
                          ("/api/shared?place=璧山&format=csv",
                           ["shared-projects", "--place", "璧山", "--limit", "0"])):
        _, _, body = get(server, page)
        result = runner.invoke(main, ["--workspace", str(workspace.path), *command, "--format", "csv"])
        assert result.exit_code == 0, result.output
        web_rows = list(csv.DictReader(io.StringIO(body)))
        cli_rows = list(csv.DictReader(io.StringIO(result.stdout)))
        shared = set(web_rows[0]) & set(cli_rows[0]) if web_rows and cli_rows else set()
        assert web_rows and len(web_rows) == len(cli_rows), page
        assert [{k: r[k] for k in shared} for r in web_rows] == [{k: r[k] for k in shared} for r in cli_rows], page


def test_saved_query_parameters_are_bound_not_pasted(server):
    evil = '璧山" } UNION { ?s ?p ?o } #'
    _, _, body = get(server, "/api/query/projects-in-place?p.place=" + urllib.parse.quote(evil))
    assert json.loads(body) == []


def test_boundaries_and_assets_are_served_from_the_package(server):
    _, headers, body = get(server, "/api/boundaries/district/50")
    codes = {f["properties"]["code"] for f in json.loads(body)["features"]}
    assert len(codes) == 38 and "500120" in codes
    status, _, js = get(server, "/static/vendor/echarts.min.js")
    assert status == 200 and "Apache" in js[:400]


# -- boundaries, the map picture and the commands behind the pages ------------------------------

def test_boundary_codes_cover_chongqing_and_the_report_is_current():
    from kg.boundaries import code_check, report_markdown

    report = code_check()
    assert report["province"]["matched"] == 34
    district = report["district"]
    assert not [c for c, _ in district["missing_shape"] if c.startswith("50")]  # all 38 of 重庆 drawn
    assert district["matched"] > 2700
    doc = (Path(__file__).resolve().parent.parent / "docs" / "boundaries.md").read_text(encoding="utf-8")
    assert doc.strip() == report_markdown(report).strip(), "regenerate: python -m kg.boundaries > docs/boundaries.md"


def test_a_division_renumbered_in_one_table_is_joined_by_name():
    from kg.boundaries import shape_codes

    assert shape_codes()["130526"] == "130505"  # 任泽区: a county code in the gazetteer, a district's in the shapes


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_kg_view_map_draws_the_same_map_as_a_picture(runner, workspace, tmp_path, suffix):
    from kg.cli import main

    out = tmp_path / f"map.{suffix}"
    result = runner.invoke(main, ["-w", str(workspace.path), "view", "map", "--provinces", "重庆", f"--{suffix}",
                                  str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" if suffix == "png" else b"<svg" in data[:400]
    result = runner.invoke(main, ["-w", str(workspace.path), "view", "map", "-o", str(tmp_path / "map.html")])
    assert result.exit_code != 0 and "/map" in result.output


def test_map_data_counts_projects_of_districts(workspace):
    from kg.graph import load_corpus
    from kg.views.geomap import map_data

    data = map_data(load_corpus(workspace), ["重庆"])
    by_name = {u["name"]: u for u in data["units"]}
    assert len(data["units"]) == 38 and by_name["璧山"]["projects"] >= 1
    codes = {by_name["璧山"]["code"], by_name["铜梁"]["code"]}
    assert any({line["a"], line["b"]} == codes and "璧铜线" in line["projects"] for line in data["lines"])


def test_serve_warns_loudly_when_exposed():
    from kg.web.server import exposure_warning, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")
    assert "WARNING" in exposure_warning("0.0.0.0", 8890)


def test_search_command_finds_by_code_pinyin_and_initials(runner, workspace):
    from kg.cli import main

    for typed in ("500120", "bishan", "bs", "璧山区", "Bishan"):
        result = runner.invoke(main, ["-w", str(workspace.path), "search", typed, "--format", "json", "--limit", "3"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)[0]["name"] == "璧山", typed
