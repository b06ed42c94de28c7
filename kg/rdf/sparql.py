"""Running SPARQL on the graph: rdflib (the model and the default) or pyoxigraph
(a much faster embedded engine, for large corpora).

Both take parameters as bindings - rdflib's ``initBindings``, oxigraph's
``substitutions`` (SEP-0007) - never by editing the query text.  Results come
back as (columns, rows of plain Python values): strings, ints, floats, None.
"""
from __future__ import annotations

import re
from decimal import Decimal

from kg.errors import QueryError, require
from kg.rdf.guard import check_query, no_graph_loading

STORES = ("rdflib", "oxigraph")


def _plain(term):
    if term is None:
        return None
    from rdflib import Literal as RLiteral

    if isinstance(term, RLiteral):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, RLiteral):  # unknown datatype
            return str(value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value
    return str(term)


class RdflibEngine:
    name = "rdflib"

    def __init__(self, dataset):
        no_graph_loading()
        self.dataset = dataset

    def select(self, query: str, bindings: dict | None = None) -> tuple[list[str], list[dict]]:
        from rdflib import Literal, Variable
        from pyparsing import ParseException

        check_query(query)
        init = {Variable(k): Literal(v) for k, v in (bindings or {}).items()}
        try:
            result = self.dataset.query(query, initBindings=init)
        except ParseException as exc:
            raise QueryError(f"SPARQL syntax error: {exc.msg} at line {exc.lineno}, column {exc.col}") from None
        except Exception as exc:  # rdflib raises many kinds while evaluating
            raise QueryError(f"SPARQL query failed: {exc.__class__.__name__}: {exc}") from None
        if result.type == "ASK":
            return ["ask"], [{"ask": bool(result.askAnswer)}]
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return ["subject", "predicate", "object"], [
                {"subject": str(s), "predicate": str(p), "object": _plain(o)} for s, p, o in result.graph]
        cols = [str(v) for v in result.vars]
        rows = [{c: _plain(row[i]) for i, c in enumerate(cols)} for row in result]
        return cols, rows

    def raw(self, query: str, bindings: dict | None = None):
        from rdflib import Literal, Variable

        check_query(query)
        return self.dataset.query(query, initBindings={Variable(k): Literal(v) for k, v in (bindings or {}).items()})


class OxigraphEngine:
    name = "oxigraph"

    def __init__(self, store):
        self.store = store

    @classmethod
    def from_dataset(cls, dataset) -> "OxigraphEngine":
        """Named graphs as they are, and their merge (each triple once) as the default graph."""
        ox = require("pyoxigraph", "oxigraph")
        store = ox.Store()
        quads = dataset.serialize(format="nquads")
        store.bulk_load(quads.encode("utf-8") if isinstance(quads, str) else quads, format=ox.RdfFormat.N_QUADS)
        from rdflib import Graph

        merged = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        store.bulk_load(merged.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return cls(store)

    def select(self, query: str, bindings: dict | None = None) -> tuple[list[str], list[dict]]:
        ox = require("pyoxigraph", "oxigraph")
        check_query(query)
        if bindings:  # terms written by pyoxigraph itself: no rdflib import on this path
            query = with_values(query, bindings, term=lambda v: str(_ox_literal(ox, v)))
        try:
            result = self.store.query(query)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (ValueError, OSError) as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from None
        if isinstance(result, bool) or isinstance(result, ox.QueryBoolean):
            return ["ask"], [{"ask": bool(result)}]
        if isinstance(result, ox.QueryTriples):
            return ["subject", "predicate", "object"], [
                {"subject": t.subject.value, "predicate": t.predicate.value, "object": _ox_plain(ox, t.object)}
                for t in result]
        cols = [v.value for v in result.variables]
        return cols, [{c: _ox_plain(ox, sol[c]) for c in cols} for sol in result]


def with_values(query: str, bindings: dict, term=None) -> str:
    """Bind parameters by putting their values, as RDF terms, in place of the variables.

    The values are serialised as RDF terms (rdflib's N3 form, or ``term``'s,
    e.g. pyoxigraph's N-Triples form; both escape quotes, backslashes and
    control characters), so no user text is ever read as SPARQL.  Like rdflib's initBindings, and unlike a VALUES block, this binds
    the variable in every group of the query, filters in nested groups included.
    A parameter the query projects (SELECT ?name) cannot be replaced by a term
    and is refused.
    """
    if term is None:
        from rdflib import Literal

        def term(value):
            return Literal(value).n3()

    masked = _mask_comments_and_strings(query)
    m = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    select = re.search(r"\bSELECT\b(.*?)\bWHERE\b", masked, re.IGNORECASE | re.DOTALL)
    out, last = [], 0
    pattern = re.compile(r"[?$](" + "|".join(re.escape(k) for k in bindings) + r")\b")
    for v in pattern.finditer(masked):
        if select and select.start(1) <= v.start() < select.end(1) and not _inside_parens(masked, select.start(1), v.start()):
            raise QueryError(f"cannot bind parameter ?{v.group(1)}: the query projects it; select another variable")
        if _after_as(masked, v.start()):
            raise QueryError(f"cannot bind parameter ?{v.group(1)}: the query assigns it (AS ?{v.group(1)})")
        out.append(query[last:v.start()])
        out.append(term(bindings[v.group(1)]))
        last = v.end()
    out.append(query[last:])
    return "".join(out)


def _inside_parens(text: str, start: int, pos: int) -> bool:
    depth = 0
    for c in text[start:pos]:
        depth += (c == "(") - (c == ")")
    return depth > 0 and not _after_as(text, pos)


def _after_as(text: str, pos: int) -> bool:
    return re.search(r"\bAS\s*$", text[max(0, pos - 20):pos], re.IGNORECASE) is not None


def _mask_comments_and_strings(query: str) -> str:
    """The query with comments and string literals blanked out (same length), for locating keywords."""
    out = list(query)
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            j = n if j < 0 else j
            out[i:j] = " " * (j - i)
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" else 1
            out[i:j + 1] = " " * (min(j + 1, n) - i)
            i = j + 1
        elif c == "<":
            j = query.find(">", i)
            if j > 0 and " " not in query[i:j] and "\n" not in query[i:j]:
                out[i:j + 1] = " " * (j + 1 - i)
                i = j + 1
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def _ox_literal(ox, value):
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    return ox.Literal(str(value))


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _ox_plain(ox, term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        v = term.value
        if dt in (_XSD + "integer", _XSD + "int", _XSD + "long", _XSD + "nonNegativeInteger", _XSD + "short"):
            return int(v)
        if dt in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
            return float(v)
        if dt == _XSD + "boolean":
            return v == "true"
        return v
    return term.value


def engine_for(dataset, store: str = "rdflib"):
    if store == "rdflib":
        return RdflibEngine(dataset)
    if store == "oxigraph":
        return OxigraphEngine.from_dataset(dataset)
    raise QueryError(f"no SPARQL store '{store}' (available: {', '.join(STORES)})")


def run_saved(engine, saved, params: dict[str, str]) -> tuple[list[str], list[dict]]:
    """Run a saved query's SPARQL with its parameters bound; a 'limit' parameter the text does not use cuts rows."""
    if "sparql" not in saved.texts:
        raise QueryError(f"saved query '{saved.name}' has no SPARQL version (engines: {', '.join(saved.engines)})")
    text = saved.texts["sparql"]
    values = saved.bindings(params)
    used = {k: v for k, v in values.items() if re.search(rf"[?$]{k}\b", _body(text))}
    cols, rows = engine.select(text, used)
    if "limit" in values and "limit" not in used:
        rows = rows[: values["limit"]]
    return cols, rows


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
