"""Self-contained interactive HTML views, built with pyvis.

pyvis 0.3.2 with ``cdn_resources="in_line"`` still links Bootstrap from a CDN
and writes files in the platform encoding.  So pyvis builds the network (its
nodes, edges and the vis-network assets it ships), and this module writes the
page: every script and style inlined, no request to any other address, UTF-8
always, and every string from a document escaped - data goes into the page as
JSON with ``<``, ``>`` and ``&`` escaped, so a plan containing ``<script>``
cannot run, and vis-network shows tooltips as text, not HTML.

The page has a legend that filters by type, a search box, hover tooltips with
the entity's facts and source sentence, and a layout that settles quickly:
physics for small graphs (switched off once stable), a layout precomputed
with networkx for large ones.
"""
from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path

from kg.errors import require
from kg.views import ViewGraph
from kg.views.layout import layout
from kg.views.style import EDGE_COLOURS, TYPES, colour, shape, type_label
from kg.workspace import atomic_write

PHYSICS_LIMIT = 350  # above this many nodes, positions are precomputed and physics is off


def _asset(*parts: str) -> str:
    require("pyvis", "views")
    return (resources.files("pyvis") / "templates" / "lib").joinpath(*parts).read_text(encoding="utf-8")


def script_json(value) -> str:
    """JSON safe inside <script>: no '</script>', no '<!--', no line separators that end strings."""
    text = json.dumps(value, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def build_network(graph: ViewGraph, lang: str = "zh"):
    pyvis_network = require("pyvis.network", "views")
    net = pyvis_network.Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    big = len(graph.nodes) > PHYSICS_LIMIT
    positions = layout(graph) if big else {}
    for n in graph.nodes:
        label = n["label_en"] if lang == "en" and n.get("label_en") else n["label"]
        kwargs = dict(label=label, title=n.get("info", label), color=colour(n["type"]), shape=shape(n["type"]),
                      size=float(n.get("size", 10)))
        if big:
            x, y = positions[n["id"]]
            kwargs.update(x=x, y=y, physics=False)
        net.add_node(n["id"], **kwargs)
        net.nodes[-1]["kgType"] = n["type"]
        net.nodes[-1]["kgName"] = n["label"] + " " + n.get("label_en", "")
    ids = {n["id"] for n in graph.nodes}
    for e in graph.edges:
        if e["source"] in ids and e["target"] in ids:
            net.add_edge(e["source"], e["target"], title=e.get("info") or e["type"], value=float(e.get("weight", 1)),
                         color=EDGE_COLOURS.get(e["type"], "#999999"), arrows="to" if e["type"] != "SHARES" else "")
    return net, big


def options(big: bool) -> dict:
    opts = {
        "nodes": {"font": {"size": 13, "face": "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"},
                  "borderWidth": 1},
        "edges": {"smooth": False, "color": {"inherit": False}, "scaling": {"min": 1, "max": 8}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": True,
                        "hideEdgesOnDrag": big},
        "physics": {"enabled": not big, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": True, "iterations": 150, "fit": True}},
        "layout": {"improvedLayout": not big},
    }
    return opts


def page(graph: ViewGraph, lang: str = "zh") -> str:
    net, big = build_network(graph, lang)
    nodes = [{k: v for k, v in n.items()} for n in net.nodes]
    edges = [{k: v for k, v in e.items()} for e in net.edges]
    types = sorted({n["kgType"] for n in nodes}, key=lambda t: list(TYPES).index(t) if t in TYPES else 99)
    legend = "".join(
        f'<label class="kg-type"><input type="checkbox" checked data-type="{html.escape(t)}">'
        f'<span class="kg-swatch" style="background:{colour(t)}"></span>{html.escape(type_label(t, lang))}'
        f' <small>({sum(1 for n in nodes if n["kgType"] == t)})</small></label>' for t in types)
    title = html.escape(graph.title)
    subtitle = html.escape(graph.subtitle)
    placeholder = "Search a name…" if lang == "en" else "搜索名称…"
    return _TEMPLATE.format(
        lang="en" if lang == "en" else "zh-CN", title=title, subtitle=subtitle, legend=legend,
        placeholder=html.escape(placeholder), vis_css=_asset("vis-9.1.2", "vis-network.css"),
        vis_js=_asset("vis-9.1.2", "vis-network.min.js"), nodes=script_json(nodes), edges=script_json(edges),
        options=script_json(options(big)), counts=html.escape(f"{len(nodes)} nodes · {len(edges)} edges"), csp=CSP)


def write_html(graph: ViewGraph, path: Path, lang: str = "zh") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, page(graph, lang))  # always UTF-8, whatever the platform's default
    return path


# nothing from any other address; the page's own inline script and style only
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:"

# The page.  {{ and }} are literal braces (str.format).
_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>
html, body {{ margin: 0; height: 100%;
              font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }}
#kg-header {{ position: absolute; top: 0; left: 0; right: 0; padding: 8px 14px; background: rgba(255,255,255,0.92);
  border-bottom: 1px solid #ddd; z-index: 10; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }}
#kg-header h1 {{ font-size: 16px; margin: 0; font-weight: 600; }}
#kg-header .sub {{ color: #666; font-size: 12px; }}
.kg-type {{ font-size: 13px; margin-right: 8px; cursor: pointer; white-space: nowrap; }}
.kg-swatch {{ display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin: 0 4px 0 2px;
              vertical-align: -1px; }}
#kg-search {{ font-size: 13px; padding: 3px 6px; width: 180px; }}
#kg-network {{ position: absolute; top: 52px; left: 0; right: 0; bottom: 0; }}
div.vis-tooltip {{ white-space: pre-wrap; max-width: 460px; font-size: 13px; line-height: 1.45;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }}
</style>
</head>
<body>
<div id="kg-network"></div>
<div id="kg-header">
  <h1>{title}</h1><span class="sub">{subtitle} · {counts}</span>
  <span id="kg-legend">{legend}</span>
  <input id="kg-search" type="search" placeholder="{placeholder}" autocomplete="off">
  <span id="kg-found" class="sub"></span>
</div>
<script>{vis_js}</script>
<script>
(function () {{
  "use strict";
  var nodes = new vis.DataSet({nodes});
  var edges = new vis.DataSet({edges});
  var network = new vis.Network(document.getElementById("kg-network"), {{nodes: nodes, edges: edges}}, {options});
  window.network = network;  // for tests and for users' own scripts
  window.kgNodes = nodes;
  function ready() {{ window.kgReady = true; document.body.setAttribute("data-kg-ready", "1"); }}
  network.once("stabilizationIterationsDone", function () {{ network.setOptions({{physics: false}}); ready(); }});
  network.once("afterDrawing", function () {{ if (!network.physics.options.enabled) ready(); }});
  var hidden = {{}};
  function applyFilter() {{
    nodes.update(nodes.get().map(function (n) {{ return {{id: n.id, hidden: !!hidden[n.kgType]}}; }}));
  }}
  Array.prototype.forEach.call(document.querySelectorAll("#kg-legend input"), function (box) {{
    box.addEventListener("change", function () {{
      hidden[box.getAttribute("data-type")] = !box.checked; applyFilter();
    }});
  }});
  var search = document.getElementById("kg-search"), found = document.getElementById("kg-found");
  search.addEventListener("input", function () {{
    var q = search.value.trim().toLowerCase();
    if (!q) {{ network.unselectAll(); found.textContent = ""; return; }}
    var hits = nodes.get({{filter: function (n) {{
      return !n.hidden && String(n.kgName).toLowerCase().indexOf(q) >= 0;
    }}}});
    found.textContent = hits.length + " found";
    network.selectNodes(hits.map(function (n) {{ return n.id; }}));
    if (hits.length) network.focus(hits[0].id, {{scale: 1.2, animation: {{duration: 300}}}});
  }});
}})();
</script>
</body>
</html>
"""
