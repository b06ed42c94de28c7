/* plan-kg workbench: type-ahead, charts (ECharts), query console, downloads.
   Data arrive as JSON (fetch or <script type="application/json"> blocks); text is always set with
   textContent or drawn on canvas, never parsed as HTML. */
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function esc(s) {  // for ECharts tooltips, which are HTML
    return String(s === undefined || s === null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  var T = data("i18n") || {};

  // ECharts (1.1 MB) is loaded only by pages that draw, and after the page is wired, so that search,
  // tables and links are usable at once
  var echartsSrc = document.currentScript && document.currentScript.getAttribute("data-echarts");
  var echartsWaiting = null;
  function withECharts(callback) {
    if (window.echarts) { callback(); return; }
    if (!echartsWaiting) {
      echartsWaiting = [];
      var s = document.createElement("script");
      s.src = echartsSrc;
      s.onload = function () { var w = echartsWaiting; echartsWaiting = []; w.forEach(function (f) { f(); }); };
      document.head.appendChild(s);
    }
    echartsWaiting.push(callback);
  }
  var charts = {};
  window.kgCharts = charts;  // for tests and the console: the live chart instances by id

  // -- language toggle: a cookie, so every page keeps it; ?lang= overrides in a shared URL ----------
  var toggle = $("#lang-toggle");
  if (toggle) toggle.addEventListener("click", function () {
    document.cookie = "lang=" + toggle.getAttribute("data-next") + "; path=/; SameSite=Strict; max-age=31536000";
    var url = new URL(location.href);
    url.searchParams.delete("lang");
    location.href = url.toString();
  });

  // -- type-ahead -------------------------------------------------------------------------------
  var q = $("#q"), list = $("#suggest"), timer = null, active = -1, seq = 0;
  function pageOf(hit) { return "/" + hit.type + "/" + encodeURIComponent(hit.key); }
  function renderHits(hits) {
    list.textContent = "";
    active = -1;
    hits.forEach(function (h) {
      var li = el("li", { role: "option" });
      var a = el("a", { href: pageOf(h) });
      a.appendChild(el("span", { "class": "type type-" + h.type }, T[h.type] || h.type));
      a.appendChild(el("span", { "class": "name" }, h.name));
      a.appendChild(el("span", { "class": "detail" }, h.detail));
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = hits.length === 0;
  }
  if (q && list) {
    q.addEventListener("input", function () {
      clearTimeout(timer);
      var text = q.value.trim();
      if (!text) { renderHits([]); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch("/api/search?limit=10&q=" + encodeURIComponent(text)).then(function (r) { return r.json(); })
          .then(function (hits) { if (mine === seq) renderHits(Array.isArray(hits) ? hits : []); });
      }, 120);
    });
    q.addEventListener("keydown", function (ev) {
      var items = $all("li", list);
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (!items.length) return;
        active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
      } else if (ev.key === "Enter" && active >= 0 && items[active]) {
        ev.preventDefault();
        location.href = $("a", items[active]).getAttribute("href");
      } else if (ev.key === "Escape") {
        renderHits([]);
      }
    });
    document.addEventListener("click", function (ev) { if (!list.contains(ev.target) && ev.target !== q) list.hidden = true; });
  }

  // -- downloads of drawings: PNG from the canvas, SVG from a second, SVG-rendered chart ------------
  function save(url, name) {
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function svgOf(id) {
    var chart = charts[id];
    var box = el("div");
    box.style.width = chart.getWidth() + "px";
    box.style.height = chart.getHeight() + "px";
    box.style.position = "absolute";
    box.style.left = "-10000px";
    document.body.appendChild(box);
    var copy = echarts.init(box, null, { renderer: "svg" });
    var option = chart.getOption();
    option.animation = false;
    copy.setOption(option);
    var url = copy.getDataURL({ type: "svg" });
    copy.dispose();
    box.remove();
    return url;
  }
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button[data-chart]") : null;
    if (!b || !charts[b.getAttribute("data-chart")]) return;
    var id = b.getAttribute("data-chart");
    if (b.classList.contains("dl-png")) {
      save(charts[id].getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }), id + ".png");
    } else {
      save(svgOf(id), id + ".svg");
    }
  });
  window.kgSvgOf = svgOf;

  function chartOn(node) {
    var chart = echarts.init(node, null, { renderer: "canvas" });
    charts[node.id] = chart;
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  // -- graphs: places and projects, click a node to open its page ---------------------------------
  // drawn after the rest of the page is wired (a force layout takes a moment on a big neighbourhood)
  function drawGraph(node, g) {
    if (!g || !g.nodes || !g.nodes.length) { node.hidden = true; return; }
    if (g.trimmed) {
      var note = node.previousElementSibling && $(".graph-note", node.previousElementSibling);
      if (note) note.hidden = false;
    }
    var cats = ["place", "project", "organization", "measure", "target"];
    var colours = {};
    g.nodes.forEach(function (n) { colours[n.type] = colours[n.type] || n.colour; });
    var chart = chartOn(node);
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) { return p.dataType === "node" ? esc((T[p.data.type] || p.data.type) + ": " + p.data.name) : ""; } },
      legend: { data: cats.filter(function (c) { return colours[c]; }).map(function (c) { return { name: c }; }),
                formatter: function (c) { return T[c] || c; } },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        zoom: g.nodes.length < 10 ? 2.5 : g.nodes.length < 40 ? 1.5 : 1,
        force: { repulsion: 180, edgeLength: [40, 120], layoutAnimation: false },
        categories: cats.map(function (c) { return { name: c, itemStyle: { color: colours[c] || "#999" } }; }),
        label: { show: true, position: "right", fontSize: 12 },
        data: g.nodes.map(function (n) {
          return { id: n.id, name: n.name, type: n.type, key: n.key, category: Math.max(0, cats.indexOf(n.type)),
                   symbolSize: Math.max(8, Math.min(40, n.size)) };
        }),
        links: g.edges.map(function (e) { return { source: e.source, target: e.target }; }),
        lineStyle: { color: "#aaa", opacity: 0.7 }
      }]
    });
    chart.on("click", function (p) {
      if (p.dataType === "node" && p.data.key && (p.data.type === "place" || p.data.type === "project" || p.data.type === "organization")) {
        location.href = "/" + p.data.type + "/" + encodeURIComponent(p.data.key);
      }
    });
    node.setAttribute("data-drawn", "1");
  }
  var drawGraphs = function () {
    var nodes = $all(".graph-chart");
    if (nodes.length) withECharts(function () { nodes.forEach(function (node) {
      if (node.hasAttribute("data-graph")) {
        drawGraph(node, data(node.getAttribute("data-graph")));
      } else if (node.hasAttribute("data-graph-url")) {
        fetch(node.getAttribute("data-graph-url")).then(function (r) { return r.ok ? r.json() : null; })
          .then(function (g) { drawGraph(node, g); });
      }
    }); });
  };

  // -- the map: boundaries from the package, shaded by projects, lines for shared projects ------------
  var mapNode = $("#map"), mapData = data("map-data");
  if (mapNode && mapData) {
    var urls = mapData.level === "province" ? ["/api/boundaries/province"] :
      mapData.provinces.map(function (p) { return "/api/boundaries/" + mapData.level + "/" + p; });
    var echartsReady = new Promise(function (resolve) { withECharts(resolve); });
    Promise.all(urls.map(function (u) { return fetch(u).then(function (r) { return r.json(); }); })
      .concat([echartsReady])).then(function (docs) {
      docs = docs.slice(0, urls.length);
      var features = [];
      var wanted = {};
      mapData.units.forEach(function (u) { wanted[u.code] = u; });
      docs.forEach(function (d) { d.features.forEach(function (f) { if (wanted[f.properties.code]) features.push(f); }); });
      echarts.registerMap("kg", { type: "FeatureCollection", features: features });
      var centers = {};
      features.forEach(function (f) { centers[f.properties.code] = f.properties.center; });
      var chart = chartOn(mapNode);
      chart.on("finished", function once() {  // registered first: the first frame may come at once
        chart.off("finished", once);
        if (window.performance && performance.mark) performance.mark("kg-map-drawn");
        mapNode.setAttribute("data-drawn", "1");
      });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "item", formatter: function (p) {
          if (p.seriesType === "lines") return esc(p.data.names + ": " + p.data.shared + " · " + p.data.projects.slice(0, 8).join("、"));
          var u = wanted[p.name];
          return u ? esc(u.name + " (" + u.code + "): " + u.projects + " " + (T.projects || "")) : "";
        } },
        visualMap: { min: 0, max: Math.max(1, mapData.max), left: 10, bottom: 20, calculable: true, seriesIndex: 0,
                     inRange: { color: ["#fff7e6", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000"] }, text: ["", "0"] },
        geo: { map: "kg", nameProperty: "code", roam: true, aspectScale: 0.85, label: { show: false },
               itemStyle: { areaColor: "#f2f2f2", borderColor: "#888", borderWidth: 0.5 },
               emphasis: { label: { show: true, formatter: function (p) { return wanted[p.name] ? wanted[p.name].name : ""; } } } },
        series: [
          { type: "map", geoIndex: 0, nameProperty: "code",
            data: mapData.units.map(function (u) { return { name: u.code, value: u.projects }; }) },
          { type: "lines", coordinateSystem: "geo", zlevel: 1, silent: false,
            lineStyle: { color: "#0072B2", opacity: 0.55, curveness: 0.15 },
            data: mapData.lines.filter(function (l) { return centers[l.a] && centers[l.b]; }).map(function (l) {
              return { coords: [centers[l.a], centers[l.b]], shared: l.shared, projects: l.projects,
                       names: (wanted[l.a] || {}).name + "–" + (wanted[l.b] || {}).name,
                       lineStyle: { width: 1 + Math.min(l.shared, 6) } };
            }) }
        ]
      });
      chart.on("click", function (p) {
        var u = wanted[p.name];
        if (p.seriesType !== "lines" && u) location.href = "/place/" + encodeURIComponent(u.key);
      });
      mapNode.setAttribute("data-ready", String(features.length));
    });
  }

  // -- the district x district matrix: counts open the list of shared projects -------------------
  var matrixNode = $("#matrix"), matrix = data("matrix-data");
  if (matrixNode && matrix) withECharts(function () {
    var names = matrix.members.map(function (m) { return m.name; });
    var index = {};
    matrix.members.forEach(function (m, i) { index[m.id] = i; });
    var cells = [], max = 1;
    matrix.cells.forEach(function (c) {
      if (!(c.a in index) || !(c.b in index)) return;
      max = Math.max(max, c.count);
      cells.push({ value: [index[c.a], index[c.b], c.count], cell: c });
      cells.push({ value: [index[c.b], index[c.a], c.count], cell: c });
    });
    var chart = chartOn(matrixNode);
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) { var c = p.data.cell; return esc(names[p.data.value[0]] + "–" + names[p.data.value[1]] + ": " + c.count); } },
      grid: { left: 110, right: 30, top: 20, bottom: 110 },
      xAxis: { type: "category", data: names, axisLabel: { rotate: 60, interval: 0, fontSize: 11 }, splitArea: { show: true } },
      yAxis: { type: "category", data: names, axisLabel: { interval: 0, fontSize: 11 }, splitArea: { show: true } },
      visualMap: { min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0, show: false,
                   inRange: { color: ["#deebf7", "#6baed6", "#08519c"] } },
      series: [{ type: "heatmap", data: cells, label: { show: true, fontSize: 11 } }]
    });
    chart.on("click", function (p) {
      var c = p.data && p.data.cell;
      if (!c) return;
      var a = matrix.members[index[c.a]], b = matrix.members[index[c.b]];
      $("#cell-title").textContent = a.name + " – " + b.name + ": " + c.count;
      var ul = $("#cell-projects");
      ul.textContent = "";
      c.projects.forEach(function (name) {
        var li = el("li");
        li.appendChild(el("a", { href: "/project/" + encodeURIComponent(name) }, name));
        ul.appendChild(li);
      });
      var link = $("#cell-explore");
      link.setAttribute("href", "/explore?places=" + encodeURIComponent(a.key + "," + b.key));
      link.textContent = a.name + " ⇄ " + b.name;
      $("#cell-list").hidden = false;
    });
    window.kgMatrixCells = cells;
    matrixNode.setAttribute("data-drawn", "1");
  });

  // -- query console ------------------------------------------------------------------------------
  var saved = data("saved-data");
  var runs = 0;  // several runs may be in flight: only the answer to the latest is shown
  function showRows(cols, rows, downloadBase) {
    var table = $("#result-table"), head = $("thead", table), body = $("tbody", table);
    head.textContent = ""; body.textContent = "";
    $("#result-error").hidden = true;
    var tr = el("tr");
    cols.forEach(function (c) { tr.appendChild(el("th", {}, c)); });
    head.appendChild(tr);
    rows.forEach(function (r) {
      var row = el("tr");
      cols.forEach(function (c) {
        var v = r[c];
        row.appendChild(el("td", {}, v === null || v === undefined ? "" : (typeof v === "object" ? JSON.stringify(v) : v)));
      });
      body.appendChild(row);
    });
    $("#result-count").textContent = rows.length + " " + (T.rows || "");
    var dl = $("#result-downloads");
    if (downloadBase) {
      $("#dl-csv").setAttribute("href", downloadBase + "&format=csv&download=1");
      $("#dl-json").setAttribute("href", downloadBase + "&format=json&download=1");
      dl.hidden = false;
    } else { dl.hidden = true; }
  }
  function showError(text) {
    var e = $("#result-error");
    e.textContent = text;
    e.hidden = false;
    $("#result-count").textContent = "";
  }
  function failed(r) {
    return r.text().then(function (t) {
      try { var j = JSON.parse(t); throw new Error(j.error || t); } catch (e) { throw new Error(e.message || t); }
    });
  }
  if (saved) {
    var select = $("#saved-name"), form = $("#saved-form");
    var byName = {};
    saved.forEach(function (s) { byName[s.name] = s; });
    var drawForm = function () {
      var s = byName[select.value];
      form.textContent = "";
      if (!s) return;
      form.appendChild(el("p", { "class": "hint" }, s.description));
      s.params.forEach(function (p) {
        var label = el("label", {}, p.name + " ");
        var input = el("input", { name: p.name, value: p.default, title: p.description });
        label.appendChild(input);
        label.appendChild(el("small", {}, " " + p.description));
        form.appendChild(label);
      });
      $("#saved-text").textContent = (s.texts && (s.texts[$("#saved-engine").value] || s.texts.sparql)) || "";
    };
    select.addEventListener("change", drawForm);
    $("#saved-engine").addEventListener("change", drawForm);
    drawForm();
    var runSaved = function () {
      var params = new URLSearchParams();
      params.set("engine", $("#saved-engine").value);
      $all("input", form).forEach(function (i) { params.set("p." + i.name, i.value); });
      var base = "/api/query/" + encodeURIComponent(select.value) + "?" + params.toString();
      var run = ++runs;
      fetch(base + "&format=json").then(function (r) {
        if (!r.ok) return failed(r);
        var cols = JSON.parse(r.headers.get("X-Columns") || "[]");
        return r.json().then(function (rows) { if (run === runs) showRows(cols, rows, base); });
      }).catch(function (e) { if (run === runs) showError(e.message); });
    };
    $("#saved-run").addEventListener("click", runSaved);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); runSaved(); });
    $("#sparql-run").addEventListener("click", function () {
      var text = $("#sparql-text").value, run = ++runs;
      fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded",
                                                   "Accept": "application/sparql-results+json" },
                         body: new URLSearchParams({ query: text }).toString() })
        .then(function (r) {
          if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
          return r.json().then(function (j) {
            var cols = j.head.vars || ["ask"];
            var rows = j.boolean !== undefined ? [{ ask: j.boolean }] : j.results.bindings.map(function (b) {
              var row = {};
              cols.forEach(function (c) { row[c] = b[c] ? b[c].value : null; });
              return row;
            });
            if (run === runs) showRows(cols, rows, "/sparql?query=" + encodeURIComponent(text));
          });
        }).catch(function (e) { if (run === runs) showError(e.message); });
    });
    var cy = $("#cypher-run");
    if (cy) cy.addEventListener("click", function () {
      var run = ++runs;
      fetch("/api/cypher", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
                             body: new URLSearchParams({ query: $("#cypher-text").value, params: $("#cypher-params").value }).toString() })
        .then(function (r) {
          if (!r.ok) return failed(r);
          var cols = JSON.parse(r.headers.get("X-Columns") || "[]");
          return r.json().then(function (rows) { if (run === runs) showRows(cols, rows, null); });
        }).catch(function (e) { if (run === runs) showError(e.message); });
    });
  }
  if (window.performance && performance.mark) performance.mark("kg-ready");
  setTimeout(function () {
    drawGraphs();
    document.body.setAttribute("data-ready", "1");
  }, 0);
})();
