"""What a query may do here: read the local graph, and nothing else.

Every SPARQL text a user hands us (``kg sparql``, ``kg query``, the endpoint,
the workbench) passes :func:`check_query` before any engine sees it:

* SPARQL Update is refused - the graph is read-only;
* ``SERVICE`` is refused - it makes the engine send requests to any address
  the caller names (both rdflib and pyoxigraph would), so anyone who can reach
  the endpoint could probe the network it sits in.

``FROM`` / ``FROM NAMED`` name graphs of the store; rdflib would otherwise
fetch them from the web, which :func:`no_graph_loading` switches off.

The check reads the query with rdflib's SPARQL parser, so a ``SERVICE`` in a
string, a comment or an IRI is not mistaken for the keyword.  A text that
parser cannot read is checked word by word instead (stricter: any ``SERVICE``
word outside a comment is refused), so a query one engine accepts and the
other does not cannot slip through.
"""
from __future__ import annotations

import re
from typing import Any

from kg.errors import QueryError

SERVICE_REFUSED = ("SERVICE is not allowed: queries here read only the local graph "
                   "and never contact other endpoints")
UPDATE_REFUSED = "updates are not allowed: the graph is read-only (run SELECT, ASK, CONSTRUCT or DESCRIBE)"

# Update operations in the grammar's parse tree (rdflib names them so).
_UPDATE_NODES = {"Load", "Clear", "Drop", "Create", "Add", "Move", "Copy", "InsertData", "DeleteData",
                 "DeleteWhere", "Modify"}
_SERVICE_WORD = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)
_UPDATE_WORD = re.compile(r"^\s*(?:(?:PREFIX\s*[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                          r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


class ServiceRefused(QueryError):
    """The query asks the engine to contact another endpoint."""


class UpdateRefused(QueryError):
    """The query would change the graph."""


def check_query(query: str) -> None:
    """Raise :class:`UpdateRefused` or :class:`ServiceRefused` unless the query only reads the local graph."""
    if _plainly_a_read(query):
        return
    nodes = _parse_tree_nodes(query)
    if nodes is None:  # not SPARQL 1.1 Query as rdflib reads it: judge the words
        body = re.sub(r"(?m)#[^\n]*$", "", query)
        if _UPDATE_WORD.match(body):
            raise UpdateRefused(UPDATE_REFUSED)
        if _SERVICE_WORD.search(body):
            raise ServiceRefused(SERVICE_REFUSED)
        return
    if nodes & _UPDATE_NODES:
        raise UpdateRefused(UPDATE_REFUSED)
    if "ServiceGraphPattern" in nodes:
        raise ServiceRefused(SERVICE_REFUSED)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _plainly_a_read(query: str) -> bool:
    """True when no reading of the text can hold SERVICE or an update: the word SERVICE appears nowhere (not
    even in a string or a comment, nor spelt with \\u escapes, which SPARQL expands before parsing) and no
    update keyword opens it.  Such a text needs no parse - rdflib's parser costs 0.4 s of imports and a
    few tenths per query, most of what a one-off `kg query` used to wait for."""
    try:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    except (ValueError, OverflowError):  # \UFFFFFFFF is no character: let the parser judge
        return False
    if "service" in text.lower():
        return False
    return _UPDATE_WORD.match(re.sub(r"(?m)#[^\n]*$", "", text)) is None


def no_graph_loading() -> None:
    """Keep rdflib from fetching ``FROM <url>`` graphs over the network (its default is to fetch them)."""
    import rdflib.plugins.sparql

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _parse_tree_nodes(query: str) -> set[str] | None:
    """Names of the grammar rules in the query's parse tree, or None when it is not a query rdflib can parse."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    tree: Any
    try:
        tree = parseQuery(query)
    except ParseException:
        try:
            tree = parseUpdate(query)
        except ParseException:
            return None
    except Exception:  # rdflib's parser raises other errors on some malformed input
        return None
    names: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            stack.extend(node)
    return names
