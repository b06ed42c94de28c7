"""Views: the graph drawn for people - interactive HTML (pyvis) and static pictures.

A view is registered by name with its parameters (all with defaults) and a
builder that turns the corpus into a :class:`ViewGraph`; the same ViewGraph is
written as a self-contained HTML page (:mod:`.html`) or drawn as PNG/SVG/PDF
(:mod:`.static`).  ``kg views`` lists them; ``kg view NAME`` renders one.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ViewError


@dataclass
class ViewParam:
    name: str
    default: str
    description: str = ""


@dataclass
class ViewGraph:
    title: str
    nodes: list[dict] = field(default_factory=list)  # id, label, label_en, type, kind, info, size
    edges: list[dict] = field(default_factory=list)  # source, target, type, weight, info
    subtitle: str = ""
    positions: dict = field(default_factory=dict, repr=False, compare=False)  # filled by kg.views.layout

    def node_ids(self) -> set[str]:
        return {n["id"] for n in self.nodes}


@dataclass
class View:
    name: str
    title: str
    description: str
    params: list[ViewParam]
    build: Callable  # (corpus, params: dict[str, str]) -> ViewGraph

    def to_row(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [{"name": p.name, "default": p.default, "description": p.description} for p in self.params]}

    def values(self, given: dict[str, str]) -> dict[str, str]:
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            raise ViewError(f"view '{self.name}' has no parameter {', '.join(unknown)} "
                            f"(it takes: {', '.join(sorted(known)) or 'none'})")
        return {p.name: given.get(p.name, p.default) for p in self.params}


_REGISTRY: dict[str, View] = {}


def register(name: str, title: str, description: str, params: list[ViewParam] | None = None):
    def deco(fn):
        _REGISTRY[name] = View(name, title, description, params or [], fn)
        return fn
    return deco


def views() -> dict[str, View]:
    from kg.views import builders  # noqa: F401  (registers the built-in views)

    return dict(_REGISTRY)


def get(name: str) -> View:
    reg = views()
    if name not in reg:
        raise ViewError(f"no view '{name}' (available: {', '.join(sorted(reg))})")
    return reg[name]


def build(corpus, name: str, params: dict[str, str] | None = None) -> ViewGraph:
    view = get(name)
    graph = view.build(corpus, view.values(params or {}))
    if not graph.nodes:
        raise ViewError(f"view '{name}' has nothing to show for {view.values(params or {})}")
    return graph


def render_html(corpus, name: str, params: dict[str, str] | None, path: Path, lang: str = "zh") -> Path:
    from kg.views.html import write_html

    return write_html(build(corpus, name, params), Path(path), lang=lang)


def render_static(corpus, name: str, params: dict[str, str] | None, path: Path, lang: str = "zh",
                  width: float = 7.0, height: float = 7.0, dpi: int = 150) -> Path:
    from kg.views.static import draw

    return draw(build(corpus, name, params), Path(path), lang=lang, width=width, height=height, dpi=dpi)
