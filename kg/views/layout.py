"""Node positions for views too big for live physics (and for the static pictures).

Small graphs use networkx's spring layout.  Past ``FAST_FROM`` nodes that
layout costs seconds per thousand nodes (19 s for a 5,000-node overview; from
500 nodes networkx switches to a slower sparse variant),
so big graphs use the grid variant of Fruchterman–Reingold: repulsion only
between nodes closer than a few ideal edge lengths (found with a k-d tree),
attraction along every edge, vectorised with numpy.  Both are seeded, so a
view is drawn the same way every time.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.views import ViewGraph

FAST_FROM = 500  # networkx's own spring layout turns to a per-node Python loop from 500 nodes (10 s at 616)
KAMADA_KAWAI_UP_TO = 60  # components this small are laid out by graph distance (O(n²) memory, O(n³) time)
GRID = 24  # cells per side for the far-field repulsion


def layout(graph: ViewGraph) -> dict[str, tuple[float, float]]:
    """Positions in vis-network pixels, keyed by node id; cached on the graph (HTML and PNG share them)."""
    if graph.positions:
        return graph.positions
    ids = [n["id"] for n in graph.nodes]
    edges = [(e["source"], e["target"]) for e in graph.edges]
    n = max(len(ids), 1)
    pos = _grid_fr(ids, edges) if n >= FAST_FROM else _spring(ids, edges)
    scale = 60 * n ** 0.5
    graph.positions = {k: (float(x) * scale, float(y) * scale) for k, (x, y) in pos.items()}
    return graph.positions


def _spring(ids, edges) -> dict:
    """networkx's spring layout, one connected component at a time, the components packed in rows.

    Laid out together, a small component drifts to a corner and the big one is squeezed into the middle of
    the picture (its labels then have no room); alone, each gets space in proportion to its size.
    """
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from(edges)
    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    if len(parts) == 1:
        return _spring_one(g)
    boxes = []  # (positions, width, height): each component at a scale that grows with its size
    for part in parts:
        sub = g.subgraph(part)
        pos = _spring_one(sub) if len(part) > 1 else {next(iter(part)): (0.0, 0.0)}
        scale = len(part) ** 0.5 / 2
        pos = {k_: (x * scale, y * scale) for k_, (x, y) in pos.items()}
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        pos = {k_: (x - min(xs), y - max(ys)) for k_, (x, y) in pos.items()}  # top-left corner at (0, 0)
        boxes.append((pos, max(xs) - min(xs), max(ys) - min(ys)))
    gap = 0.6
    row_width = max(max(w for _, w, _ in boxes), sum((w + gap) * (h + gap) for _, w, h in boxes) ** 0.5 * 1.2)
    out, x, y, row_height = {}, 0.0, 0.0, 0.0
    for pos, w, h in boxes:  # shelves: left to right, a new row when this one is full
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        for k_, (px, py) in pos.items():
            out[k_] = (x + px, y + py)
        x += w + gap
        row_height = max(row_height, h)
    xs, ys = [p[0] for p in out.values()], [p[1] for p in out.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {k_: ((px - cx) / half, (py - cy) / half) for k_, (px, py) in out.items()}


def _spring_one(g) -> dict:
    import networkx as nx

    n = g.number_of_nodes()
    if n <= KAMADA_KAWAI_UP_TO:
        # by graph distance: a clique of districts sharing one project keeps room between its members
        pos = nx.kamada_kawai_layout(g)
    else:  # method="force": networkx 3.4+ may pick its much slower "energy" optimiser ("auto")
        pos = nx.spring_layout(g, seed=7, iterations=50, k=1.5 / max(n, 1) ** 0.5, method="force")
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {k_: ((float(x) - cx) / half, (float(y) - cy) / half) for k_, (x, y) in pos.items()}


def _grid_fr(ids, edges, iterations: int = 80, seed: int = 7) -> dict:
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(ids)
    index = {k: i for i, k in enumerate(ids)}
    pairs = np.array([(index[a], index[b]) for a, b in edges if a in index and b in index and a != b],
                     dtype=np.int64).reshape(-1, 2)
    src, dst = pairs[:, 0], pairs[:, 1]
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) * 2 - 1
    k = 2.0 * 1.5 / n ** 0.5  # ideal edge length in a [-1, 1]² box, as spring_layout's k=1.5/√n in [0, 1]²
    gravity = n * k * k  # balances the total repulsion at radius ~1
    temperature = 0.1
    cool = temperature / (iterations + 1)

    def accumulate(i, j, force):  # scatter-add ±force onto both ends
        disp[:, 0] += np.bincount(i, force[:, 0], n) - np.bincount(j, force[:, 0], n)
        disp[:, 1] += np.bincount(i, force[:, 1], n) - np.bincount(j, force[:, 1], n)

    for _ in range(iterations):
        disp = np.zeros((n, 2))
        # far field: every node is pushed by the mass of each grid cell farther than the cut-off
        # (without it, attraction packs hubs into a dense ball and the near pairs explode)
        mass, xe, ye = np.histogram2d(pos[:, 0], pos[:, 1], bins=GRID)
        cx, cy = np.meshgrid((xe[:-1] + xe[1:]) / 2, (ye[:-1] + ye[1:]) / 2, indexing="ij")
        filled = mass.ravel() > 0
        centres = np.stack([cx.ravel()[filled], cy.ravel()[filled]], 1)
        d = pos[:, None, :] - centres[None, :, :]
        dist2 = (d * d).sum(2)
        weight = np.where(dist2 > (2 * k) ** 2, mass.ravel()[filled] * k * k / np.maximum(dist2, 1e-8), 0.0)
        disp += (d * weight[:, :, None]).sum(1)
        near = cKDTree(pos).query_pairs(r=2 * k, output_type="ndarray")
        if len(near):
            d = pos[near[:, 0]] - pos[near[:, 1]]
            dist2 = np.maximum((d * d).sum(1), 1e-8)
            accumulate(near[:, 0], near[:, 1], d * (k * k / dist2)[:, None])  # repulsion k²/d
        if len(src):
            d = pos[src] - pos[dst]
            dist = np.sqrt(np.maximum((d * d).sum(1), 1e-8))
            accumulate(dst, src, d * (dist / k)[:, None])  # attraction d²/k pulls the ends together
        disp -= pos * gravity  # keeps small components near the rest instead of drifting off
        length = np.sqrt(np.maximum((disp * disp).sum(1), 1e-12))
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cool
    pos -= pos.mean(0)
    pos /= max(np.abs(pos).max(), 1e-9)
    return {k_: (float(x), float(y)) for k_, (x, y) in zip(ids, pos, strict=True)}
