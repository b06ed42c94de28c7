"""SPARQL results on the wire: choosing a format from ``Accept`` and writing it.

Used by the endpoint's query workers (:mod:`kg.rdf.workers`).  Formats:

* SELECT: SPARQL Results JSON and XML, CSV and TSV (SPARQL 1.1 Query Results
  CSV and TSV Formats: CSV carries only lexical forms, blank nodes as ``_:b``;
  TSV carries every term in full SPARQL syntax, so types and languages survive);
* ASK: JSON and XML (the CSV/TSV formats define no boolean);
* CONSTRUCT / DESCRIBE: Turtle, N-Triples, RDF/XML and JSON-LD (pyoxigraph's writers).

Negotiation follows RFC 9110 §12.5.1: each media range of ``Accept`` has a
quality (``q``, default 1) and the most specific range that matches a type
gives that type its quality; the acceptable type (q > 0) of highest quality
wins, ties going to the order of the tables below.  A format's other names
(``application/json`` for SPARQL JSON results) count only when named exactly.
No acceptable type: 406.
"""
from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape, quoteattr

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# (name, media types it answers to; the first is the one the response carries), in order of preference
SOLUTION_FORMATS = (
    ("json", ("application/sparql-results+json", "application/json")),
    ("xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
    ("csv", ("text/csv",)),
    ("tsv", ("text/tab-separated-values",)),
)
BOOLEAN_FORMATS = SOLUTION_FORMATS[:2]
GRAPH_FORMATS = (
    ("ttl", ("text/turtle", "application/x-turtle")),
    ("nt", ("application/n-triples", "text/plain")),
    ("rdfxml", ("application/rdf+xml", "application/xml", "text/xml")),
    ("jsonld", ("application/ld+json", "application/json")),
)
# what ?format= may say, for clients that cannot set Accept (a link in a browser)
FORMAT_ALIASES = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv",), "tsv": ("tsv",),
                  "ttl": ("ttl",), "turtle": ("ttl",), "nt": ("nt",), "ntriples": ("nt",), "n-triples": ("nt",),
                  "rdfxml": ("rdfxml",), "rdf": ("rdfxml",), "jsonld": ("jsonld",), "json-ld": ("jsonld",)}
GRAPH_PREFIXES = {"plan": "https://plan-kg.org/ontology#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                  "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                  "skos": "http://www.w3.org/2004/02/skos/core#", "dct": "http://purl.org/dc/terms/",
                  "prov": "http://www.w3.org/ns/prov#", "owl": "http://www.w3.org/2002/07/owl#"}


class NotAcceptable(Exception):
    """Nothing the client accepts can carry this kind of result (HTTP 406)."""

    def __init__(self, available: list[str]):
        self.available = list(available)
        super().__init__("none of the accepted media types can carry this result; available: "
                         + ", ".join(self.available))


class UnknownFormat(ValueError):
    pass


_RANGE = re.compile(r"^\s*([!#$%&'*+.^_`|~\w-]+)/([!#$%&'*+.^_`|~\w-]+)\s*$")


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """``Accept`` as (type, subtype, q) ranges; unreadable ranges are skipped, a bad q counts as 0."""
    ranges = []
    for part in (header or "").split(","):
        media, *params = part.split(";")
        m = _RANGE.match(media)
        if not m:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((m.group(1).lower(), m.group(2).lower(), q))
    return ranges


def _quality(ranges, media: str) -> float:
    """The q the most specific matching range gives ``media`` (exact > type/* > */*); 0 when none matches."""
    kind, sub = media.split("/")
    best, best_rank = 0.0, -1
    for t, s, q in ranges:
        rank = 2 if (t, s) == (kind, sub) else 1 if (t == kind and s == "*") else 0 if (t, s) == ("*", "*") else -1
        if rank > best_rank:
            best, best_rank = q, rank
        elif rank == best_rank >= 0:
            best = max(best, q)
    return best if best_rank >= 0 else 0.0


def negotiate(accept: str | None, offers, requested: str | None = None) -> tuple[str, str]:
    """(format name, media type) for a result, from ``?format=`` when given, else from ``Accept``."""
    if requested:
        wanted = FORMAT_ALIASES.get(requested.lower())
        if wanted is None:  # a media type in ?format= is read like Accept
            return negotiate(requested, offers)
        for name, types in offers:
            if name in wanted:
                return name, types[0]
        raise NotAcceptable([types[0] for _, types in offers])
    if not accept or not accept.strip():
        return offers[0][0], offers[0][1][0]
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for name, types in offers:
        # the other names of a format (application/json, text/xml) count only when named exactly: */* or
        # text/* is not a wish for JSON through its alias when the main type was refused
        aliases = {t for t in types[1:]}
        q = max([_quality(ranges, types[0])] + [rq for t, s, rq in ranges if f"{t}/{s}" in aliases])
        if q > best_q:
            best, best_q = (name, types[0]), q
    if best is None:
        raise NotAcceptable([types[0] for _, types in offers])
    return best


def check_format_name(requested: str | None) -> None:
    if requested and requested.lower() not in FORMAT_ALIASES and not _RANGE.match(requested):
        raise UnknownFormat(f"unknown format '{requested}' (available: {', '.join(FORMAT_ALIASES)}, "
                            "or a media type)")


# -- terms --------------------------------------------------------------------------------------

def _kind(term) -> str:
    name = type(term).__name__
    return {"NamedNode": "uri", "BlankNode": "bnode", "Literal": "literal"}.get(name, "triple")


def term_json(term) -> dict:
    kind = _kind(term)
    if kind == "triple":
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate), "object": term_json(term.object)}}
    d = {"type": kind, "value": term.value}
    if kind == "literal":
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            d["datatype"] = term.datatype.value
    return d


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def term_tsv(term) -> str:
    """A term in SPARQL syntax, as the TSV format wants: <iri>, _:b, "text"@zh, "3"^^<…#integer>."""
    kind = _kind(term)
    if kind == "uri":
        return f"<{term.value}>"
    if kind == "bnode":
        return f"_:{term.value}"
    if kind == "triple":
        return f"<< {term_tsv(term.subject)} {term_tsv(term.predicate)} {term_tsv(term.object)} >>"
    text = '"' + term.value.translate(_TSV_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype.value != XSD_STRING:
        return f"{text}^^<{term.datatype.value}>"
    return text


def term_csv(term) -> str:
    """A term as the CSV format wants: the IRI, the lexical form, or _:b for a blank node."""
    kind = _kind(term)
    if kind == "bnode":
        return f"_:{term.value}"
    if kind == "triple":
        return term_tsv(term)
    return term.value


# -- documents ----------------------------------------------------------------------------------

def write_solutions(variables: list[str], rows, fmt: str) -> bytes:
    """SELECT results (rows of terms, None when unbound) in one of SOLUTION_FORMATS."""
    if fmt == "json":
        bindings = [{v: term_json(t) for v, t in zip(variables, row, strict=False) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out += ["</head>", "<results>"]
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(variables, row, strict=False) if t is not None]
            out.append("</result>")
        out += ["</results>", "</sparql>"]
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow(["" if t is None else term_csv(t) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else term_tsv(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(fmt)


def _xml_term(term) -> str:
    j = term_json(term)
    if j["type"] == "uri":
        return f"<uri>{escape(j['value'])}</uri>"
    if j["type"] == "bnode":
        return f"<bnode>{escape(j['value'])}</bnode>"
    if j["type"] == "triple":
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    attr = (f" xml:lang={quoteattr(j['xml:lang'])}" if "xml:lang" in j else
            f" datatype={quoteattr(j['datatype'])}" if "datatype" in j else "")
    return f"<literal{attr}>{escape(j['value'])}</literal>"


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{str(value).lower()}</boolean></sparql>").encode()
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    raise ValueError(fmt)


def write_triples(triples, fmt: str) -> bytes:
    import pyoxigraph as ox

    formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
               "jsonld": ox.RdfFormat.JSON_LD}
    prefixes = GRAPH_PREFIXES if fmt in ("ttl", "rdfxml") else None
    return ox.serialize(triples, format=formats[fmt], prefixes=prefixes) or b""
