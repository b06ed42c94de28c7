"""Running SPARQL on the graph: rdflib (the model and the default) or pyoxigraph
(a much faster embedded engine, for large corpora).

Both take parameters as bindings - rdflib's ``initBindings``, oxigraph's
``substitutions`` (SEP-0007) - never by editing the query text.  pyoxigraph
(0.5) substitutes only variables the query selects (``SELECT ?place …``, or
``SELECT *`` with ?place in scope), and refuses a query that binds any other;
rdflib binds every variable.  So a parameter is always a variable the query
selects, for both engines alike (pyoxigraph judges it for rdflib's engine
too: :func:`check_bindable`), and a saved query's answer leaves its
parameters out (:func:`run_saved`).  Results come back as
(columns, rows of plain Python values): strings, ints, floats, None.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

from kg.errors import QueryError, require
from kg.rdf.guard import check_query, no_graph_loading
from kg.saved_queries import SavedQuery

STORES = ("rdflib", "oxigraph")


def _plain(term: Any) -> Any:
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

    def __init__(self, dataset: Any) -> None:
        no_graph_loading()
        self.dataset = dataset

    def select(self, query: str, bindings: dict | None = None) -> tuple[list[str], list[dict]]:
        from pyparsing import ParseException
        from rdflib import Literal, Variable

        check_query(query)
        check_bindable(query, bindings)
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


class OxigraphEngine:
    name = "oxigraph"

    def __init__(self, store: Any) -> None:
        self.store = store

    @classmethod
    def from_dataset(cls, dataset: Any) -> OxigraphEngine:
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
        # pyoxigraph checks that each parameter is a selected variable itself: no rdflib on this path
        substitutions = {ox.Variable(k): _ox_literal(ox, v) for k, v in (bindings or {}).items()}
        try:
            result = self.store.query(query, substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except RuntimeError as exc:
            unselected = _UNSELECTED.search(str(exc))
            if unselected:
                raise QueryError(_unselected_message([unselected.group(1)])) from None
            raise QueryError(f"SPARQL query failed: {exc}") from None
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


@functools.lru_cache(maxsize=256)
def query_variables(query: str) -> tuple[tuple[str, ...] | None, frozenset[str]]:
    """(the variables a SELECT names in its projection - None for another form or SELECT * -, every variable).

    Read from rdflib's parse tree, so a ``?name`` inside a string, an IRI or a comment is no variable.  The
    tests hold each saved query to it: every parameter selected by name.
    """
    from pyparsing import ParseException
    from rdflib import Variable
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(query)
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error: {exc.msg} at line {exc.lineno}, column {exc.col}") from None
    body = tree[1]
    projected = None
    if body.name == "SelectQuery" and "projection" in body:
        projected = tuple(str(p["var"]) for p in body["projection"] if "evar" not in p)
    found: set[str] = set()
    stack: list[Any] = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, Variable):
            found.add(str(node))
        elif isinstance(node, CompValue):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            stack.extend(node)
    return projected, frozenset(found)


def check_bindable(query: str, bindings: dict | None) -> None:
    """A parameter must be a variable the query selects, as pyoxigraph counts them (``SELECT ?name``, or
    ``SELECT *`` with ?name in scope): pyoxigraph itself judges, on an empty store, so both engines agree."""
    if not bindings:
        return
    ox = require("pyoxigraph", "oxigraph")
    try:
        ox.Store().query(query, substitutions={ox.Variable(k): _ox_literal(ox, v) for k, v in bindings.items()})
    except RuntimeError as exc:
        unselected = _UNSELECTED.search(str(exc))
        if unselected:
            raise QueryError(_unselected_message([unselected.group(1)])) from None
    except (SyntaxError, ValueError, OSError):  # not for this check to judge: the engine reports it
        pass


# what pyoxigraph says when asked to bind a variable the query does not select
_UNSELECTED = re.compile(r"does not contains? variable \?(\w+) in its SELECT projection")


def _unselected_message(names: list[str]) -> str:
    listed = ", ".join(f"?{k}" for k in names)
    return (f"cannot bind {listed}: a parameter must be a variable the query selects (SELECT … {listed} …), "
            "so that every SPARQL store can bind it")


def _ox_literal(ox: Any, value: Any) -> Any:
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    return ox.Literal(str(value))


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _ox_plain(ox: Any, term: Any) -> Any:
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


def engine_for(dataset: Any, store: str = "rdflib") -> RdflibEngine | OxigraphEngine:
    if store == "rdflib":
        return RdflibEngine(dataset)
    if store == "oxigraph":
        return OxigraphEngine.from_dataset(dataset)
    raise QueryError(f"no SPARQL store '{store}' (available: {', '.join(STORES)})")


def run_saved(engine: RdflibEngine | OxigraphEngine, saved: SavedQuery, params: dict[str, str]
              ) -> tuple[list[str], list[dict]]:
    """Run a saved query's SPARQL with its parameters bound; the answer leaves the parameters out.

    Every parameter is a variable the query selects (a test checks each saved query), except ``limit``: SPARQL's
    LIMIT takes no variable, so it cuts the rows.  Nothing is parsed here, so the oxigraph path stays free of
    rdflib (a one-off ``kg query`` answers in well under a second).
    """
    if "sparql" not in saved.texts:
        raise QueryError(f"saved query '{saved.name}' has no SPARQL version (engines: {', '.join(saved.engines)})")
    values = saved.bindings(params)
    bound = {k: v for k, v in values.items() if k != "limit"}
    cols, rows = engine.select(saved.texts["sparql"], bound)
    cols = [c for c in cols if c not in bound]
    rows = [{c: r[c] for c in cols} for r in rows]
    if "limit" in values:
        rows = rows[: values["limit"]]
    return cols, rows
