"""A place found in the text, before it becomes a :class:`kg.model.Place`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PlaceMatch:
    start: int
    end: int
    surface: str
    # Division | Area | (kind, name, extra) tuple for places made by a pattern | str (a country by name)
    ref: object
    via: str  # "name", "composite", "pattern"
