"""Stable, readable IRIs for everything in the graph.

The scheme (see docs/decisions/0001-iri-scheme.md), under a configurable base:

    plan/{doc}                         a document (its id is the file name, ASCII-safe)
    plan/{doc}/section/{n}             chapters by order
    plan/{doc}/measure/{n}             measures by plan + number
    plan/{doc}/sentence/{n}            sentences by order
    plan/{doc}/mention/{type}/{s}-{e}/{entity}  a mention by entity type, offsets and entity
    plan/{doc}/target/{n}              targets by order
    project/{key}                      projects by normalised name (重庆新机场)
    place/{code}                       administrative divisions by GB/T 2260 code (500120)
    place/{slug}                       other places by English name (yangtze-river) or name
    org/{key}                          organizations; relative names keep their issuer (org/重庆市/市政府)
    indicator/{name}, unit/{name}      target indicators and units
    graph/{doc}, graph/gazetteer, graph/ontology   named graphs

The paths of the property graph's nodes are written by :mod:`kg.projection`
(with their keys); this module turns them into IRIs, and mints the IRIs of
what only RDF has as resources: sentences, indicators, units and graphs.
The same input always gives the same IRIs; Chinese stays readable (IRIs, RFC
3987) and only characters IRIs forbid are percent-encoded.
"""
from __future__ import annotations

import unicodedata

from rdflib import URIRef

# ASCII characters kept as they are (unreserved and sub-delims of RFC 3986, and ':' and '@')
_KEEP_ASCII = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")


def segment(text: str) -> str:
    """One IRI path segment from a name: NFKC, no spaces or quotes, forbidden characters encoded."""
    text = unicodedata.normalize("NFKC", str(text))
    text = "".join(ch for ch in text if ch not in "“”\"‘’'《》「」 \t\r\n\u3000")
    out = []
    for ch in text:
        if ch in _KEEP_ASCII:
            out.append(ch)
        elif ord(ch) > 127 and unicodedata.category(ch)[0] not in "CZ":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out) or "_"


class IRIs:
    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self._nodes: dict[tuple[str, ...], URIRef] = {}  # a node is the subject or object of many triples

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def node(self, path: tuple[str, ...]) -> URIRef:
        """The IRI of a node of the property graph, from its path (kg.projection writes the paths)."""
        iri = self._nodes.get(path)
        if iri is None:
            iri = self._nodes[path] = self._iri(*(segment(p) for p in path))
        return iri

    def sentence(self, doc_id: str, n: int) -> URIRef:
        return self._iri("plan", segment(doc_id), "sentence", str(n))

    def indicator(self, name: str) -> URIRef:
        return self._iri("indicator", segment(name))

    def unit(self, name: str) -> URIRef:
        return self._iri("unit", segment(name or "none"))

    def graph(self, name: str) -> URIRef:
        return self._iri("graph", segment(name))
