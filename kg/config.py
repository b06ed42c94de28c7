"""Settings gathered from options, environment variables and defaults, in one object.

The click context carries a :class:`Settings`; library functions take what
they need from it as arguments.  Secrets (the Neo4j password) never appear in
option defaults, logs or error messages.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_BASE_IRI = "https://plan-kg.org/id/"


@dataclass
class Neo4jSettings:
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"

    @classmethod
    def from_env(cls, uri=None, user=None, password=None, database=None) -> Neo4jSettings:
        return cls(uri=uri or os.environ.get("NEO4J_URI") or cls.uri,
                   user=user or os.environ.get("NEO4J_USER") or os.environ.get("NEO4J_USERNAME") or cls.user,
                   password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
                   database=database or os.environ.get("NEO4J_DATABASE") or cls.database)


@dataclass
class Settings:
    workspace: str | None = None
    base_iri: str = DEFAULT_BASE_IRI
    quiet: bool = False

    @classmethod
    def from_env(cls, workspace=None, base_iri=None, quiet=False) -> Settings:
        return cls(workspace=workspace or os.environ.get("KG_WORKSPACE"),
                   base_iri=base_iri or os.environ.get("KG_BASE_IRI") or DEFAULT_BASE_IRI, quiet=quiet)
