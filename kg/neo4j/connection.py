"""Connecting to Neo4j with the official driver, with errors a user can read.

The password is taken from the settings (option or $NEO4J_PASSWORD) and never
printed: error messages name the URI and the user only.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from kg.config import Neo4jSettings
from kg.errors import Neo4jError, Neo4jUnavailable, require


@contextlib.contextmanager
def driver(settings: Neo4jSettings) -> Iterator:
    neo4j = require("neo4j", "neo4j")
    from neo4j import exceptions as nx

    auth = (settings.user, settings.password) if settings.password else None
    try:
        drv = neo4j.GraphDatabase.driver(settings.uri, auth=auth, connection_timeout=10,
                                         max_transaction_retry_time=15)
    except (ValueError, nx.ConfigurationError) as exc:
        raise Neo4jError(f"bad Neo4j address {settings.uri!r}: {exc}") from None
    try:
        try:
            drv.verify_connectivity()
        except nx.AuthError:
            raise Neo4jError(f"Neo4j at {settings.uri} refused the credentials of user '{settings.user}' "
                             "(set --password or NEO4J_PASSWORD)") from None
        except (nx.ServiceUnavailable, OSError, nx.SessionExpired):
            raise Neo4jUnavailable(f"no Neo4j server answers at {settings.uri} (start one with 'kg neo4j start', "
                                   "or point --uri / NEO4J_URI at yours)") from None
        yield drv
    finally:
        drv.close()


_SCALARS = (str, int, float, bool, type(None))
FETCH_SIZE = 10_000  # records per round trip (the driver's default, 1,000, costs ~10% on big answers)


def run_read(drv, settings: Neo4jSettings, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
    """Run a read query; (columns, rows as dicts of plain values)."""
    from neo4j import exceptions as nx

    def work(tx):
        result = tx.run(query, params or {})
        keys = list(result.keys())
        # scalars pass straight through: list queries return tens of thousands of rows
        return keys, [{k: v if isinstance(v, _SCALARS) else _plain(v)
                       for k, v in zip(keys, record.values(), strict=True)}
                      for record in result]

    try:
        with drv.session(database=settings.database, default_access_mode="READ", fetch_size=FETCH_SIZE) as session:
            return session.execute_read(work)
    except nx.ServiceUnavailable:
        raise Neo4jUnavailable(f"the Neo4j server at {settings.uri} went away") from None
    except nx.Neo4jError as exc:
        raise Neo4jError(f"Neo4j refused the query: {exc.message or exc}") from None


def _plain(value):
    """Nodes, relationships and paths as plain JSON-able values."""
    if hasattr(value, "labels") and hasattr(value, "items"):  # Node
        return {**dict(value.items()), "_labels": sorted(value.labels)}
    if hasattr(value, "type") and hasattr(value, "items") and hasattr(value, "start_node"):  # Relationship
        return {**dict(value.items()), "_type": value.type}
    if hasattr(value, "nodes") and hasattr(value, "relationships"):  # Path
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
