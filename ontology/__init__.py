"""The plan-kg ontology (plan.ttl), its SHACL shapes (shapes.ttl), the JSON-LD
context and the RDF ↔ Neo4j mapping table, shipped as package data."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def path(name: str) -> Path:
    """Filesystem path of a file of this directory (plan.ttl, shapes.ttl, mapping.csv, context.jsonld)."""
    return Path(str(resources.files(__name__) / name))
