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
    def __init__(self, base: str):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def doc(self, doc_id: str) -> URIRef:
        return self._iri("plan", segment(doc_id))

    def section(self, doc_id: str, n: int) -> URIRef:
        return self._iri("plan", segment(doc_id), "section", str(n))

    def measure(self, doc_id: str, n: int | str) -> URIRef:
        return self._iri("plan", segment(doc_id), "measure", str(n))

    def sentence(self, doc_id: str, n: int) -> URIRef:
        return self._iri("plan", segment(doc_id), "sentence", str(n))

    def mention(self, doc_id: str, kind: str, start: int, end: int, entity_id: str | None = None) -> URIRef:
        """A composite (成渝) names two places with the same words: the entity keeps the IRIs apart."""
        parts = ["plan", segment(doc_id), "mention", kind, f"{start}-{end}"]
        if entity_id:
            parts += [segment(p) for p in entity_id.partition(":")[2].split(":")]
        return self._iri(*parts)

    def target(self, doc_id: str, n: int | str) -> URIRef:
        return self._iri("plan", segment(doc_id), "target", str(n))

    def entity(self, entity_id: str) -> URIRef:
        """project:X, place:500120, place:yangtze-river, org:重庆市:市政府 -> their IRIs."""
        kind, _, rest = entity_id.partition(":")
        return self._iri(kind, *(segment(p) for p in rest.split(":")))

    def indicator(self, name: str) -> URIRef:
        return self._iri("indicator", segment(name))

    def unit(self, name: str) -> URIRef:
        return self._iri("unit", segment(name or "none"))

    def graph(self, name: str) -> URIRef:
        return self._iri("graph", segment(name))
