"""Saved queries: ``NAME.rq`` (SPARQL) and ``NAME.cypher`` (Cypher) with a common header.

Header lines at the top of each file::

    # title: Projects in a place
    # description: Projects located in a place, directly or through a region it belongs to.
    # param: place=璧山 -- place name, alias, English name or administrative code

The registry is :mod:`kg.saved_queries`.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def directory() -> Path:
    return Path(str(resources.files(__name__)))
