"""Running Cypher: saved queries (queries/*.cypher) and ad-hoc ones, read-only,
with parameters passed as Cypher parameters."""
from __future__ import annotations

from kg.config import Neo4jSettings
from kg.errors import QueryError


def run_cypher(settings: Neo4jSettings, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
    from kg.neo4j.connection import driver, run_read

    if not query.strip():
        raise QueryError("the Cypher query is empty")
    with driver(settings) as drv:
        return run_read(drv, settings, query, params or {})


def run_saved_cypher(settings: Neo4jSettings, saved, params: dict[str, str]) -> tuple[list[str], list[dict]]:
    if "cypher" not in saved.texts:
        raise QueryError(f"saved query '{saved.name}' has no Cypher version (engines: {', '.join(saved.engines)})")
    return run_cypher(settings, saved.texts["cypher"], saved.bindings(params))
