"""The gazetteer: China's administrative divisions plus planning regions, rivers,
landscapes, countries and blocs, loaded from the tables in ``kg/data``.

``divisions.tsv`` is the official province/prefecture/county table with GB/T
2260 codes (see ``scripts/build_gazetteer.py``); ``areas.yaml`` holds the
places that are not divisions, with region membership; ``provinces.yaml`` the
one-character abbreviations and neighbours used to read composite names such
as 川渝 or 万达开.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    short: str
    level: int
    kind: str
    parent: str  # parent code ("" for provinces)
    pinyin: str
    name_en: str

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"

    @property
    def id(self) -> str:
        return f"place:{self.code}"


@dataclass
class Area:
    name: str
    kind: str
    name_en: str
    aliases: list[str] = field(default_factory=list)
    within: str | None = None  # province code
    context: str | None = None  # only recognised in documents issued in this province (generic names)
    members: list[str] = field(default_factory=list)  # place ids
    group: str = ""  # planning_regions, macro_regions, rivers, ...

    @property
    def id(self) -> str:
        # features known only by their Chinese name (六盘山) keep it in the id
        return "place:" + (slug(self.name_en) or self.name)


def slug(text: str) -> str:
    text = text.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_GROUP_KIND = {"planning_regions": "region", "macro_regions": "region", "rivers": "river",
               "landscapes": "area", "countries": "country", "blocs": "area", "features": "area"}


class Gazetteer:
    """Lookups over divisions and areas.  Build once with :func:`gazetteer`."""

    def __init__(self, divisions: list[Division], areas_doc: dict, provinces_doc: dict):
        self.divisions = {d.code: d for d in divisions}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        self.by_first_char: dict[str, list[Division]] = {}
        for d in divisions:
            self.by_name.setdefault(d.name, []).append(d)
            if d.short and d.short != d.name:
                self.by_short.setdefault(d.short, []).append(d)
            if d.level in (2, 3) and d.short:
                self.by_first_char.setdefault(d.short[0], []).append(d)
        self.abbreviations: dict[str, list[str]] = {}
        self.primary_abbr: dict[str, str] = {}
        self.neighbours: dict[str, set[str]] = {}
        for code, (abbr, alts, neighbours) in provinces_doc.items():
            code = str(code)
            self.primary_abbr[code] = abbr
            self.abbreviations.setdefault(abbr, []).append(code)
            for alt in alts:
                self.abbreviations.setdefault(alt, []).append(code)
            self.neighbours[code] = set(map(str, neighbours))
        self.areas: dict[str, Area] = {}
        self.area_index: dict[str, Area] = {}
        raw_members: dict[str, list[str]] = {}  # members as written, resolved once every area is known
        for group, entries in areas_doc.items():
            for e in entries:
                area = Area(name=e["name"], kind=e.get("kind", _GROUP_KIND.get(group, "area")),
                            name_en=e.get("en", e["name"]), aliases=list(e.get("aliases", [])),
                            group=group)
                area.within = self.province_code(e["in"]) if e.get("in") else None
                area.context = self.province_code(e["context"]) if e.get("context") else None
                raw_members[area.id] = list(e.get("members", []))
                self.areas[area.id] = area
                if area.kind == "river" and not area.name.endswith(("湖", "海")):
                    area.aliases.append(area.name + "流域")  # 黄河流域 is the Yellow River's place
                for n in [area.name, *area.aliases]:
                    self.area_index.setdefault(n, area)
        for area in self.areas.values():
            area.members = [m for m in (self._member_id(r) for r in raw_members[area.id]) if m]

    # -- divisions ---------------------------------------------------------
    def province_code(self, name: str) -> str | None:
        for d in self.by_name.get(name, []) + self.by_short.get(name, []):
            if d.level == 1:
                return d.code
        return None

    def _member_id(self, ref: str) -> str | None:
        if "/" in ref:
            prov, short = ref.split("/", 1)
            pcode = self.province_code(prov)
            for d in self.by_short.get(short, []) + self.by_name.get(short, []):
                if d.province == pcode:
                    return d.id
            return None
        if ref in self.area_index:
            return self.area_index[ref].id
        cands = self.by_short.get(ref, []) + self.by_name.get(ref, [])
        cands.sort(key=lambda d: d.level)
        return cands[0].id if cands else None

    def parent_of(self, d: Division) -> Division | None:
        return self.divisions.get(d.parent) if d.parent else None

    def chain(self, d: Division) -> list[Division]:
        """The division and its ancestors, nearest first."""
        out = [d]
        while (p := self.parent_of(out[-1])) is not None and p not in out:
            out.append(p)
        return out

    def lookup(self, name: str) -> list[Division]:
        return self.by_name.get(name, []) + self.by_short.get(name, [])

    def area(self, name: str) -> Area | None:
        return self.area_index.get(name)

    def place(self, place_id: str):
        """A Division or Area by id."""
        if place_id.startswith("place:") and place_id[6:].isdigit():
            return self.divisions.get(place_id[6:])
        return self.areas.get(place_id)

    def members_of(self, place_id: str, transitive: bool = True) -> list[str]:
        """Ids of the member places of a region (and of their members)."""
        area = self.areas.get(place_id)
        if area is None:
            return []
        out: list[str] = []
        stack = list(area.members)
        while stack:
            m = stack.pop(0)
            if m in out:
                continue
            out.append(m)
            if transitive and m in self.areas:
                stack.extend(self.areas[m].members)
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = resources.files("kg") / "data"
    with (data / "divisions.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    divisions = [Division(code=r["code"], name=r["name"], short=r["short"], level=int(r["level"]),
                          kind=r["kind"], parent=r["parent"], pinyin=r["pinyin"], name_en=r["name_en"])
                 for r in rows]
    # libyaml's loader when PyYAML has it: the pure-Python one took 0.2 s here, on every command that reads the graph
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (data / "areas.yaml").open(encoding="utf-8") as f:
        areas_doc = yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    with (data / "provinces.yaml").open(encoding="utf-8") as f:
        provinces_doc = yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    # natural and cultural features (六盘山, 腾格里沙漠, 抚仙湖): see scripts/build_lexicon.py
    with (data / "features.tsv").open(encoding="utf-8") as f:
        features = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        known = {e["name"] for entries in areas_doc.values() for e in entries}
        areas_doc = dict(areas_doc, features=[{"name": r["name"], "kind": r["kind"]} for r in features
                                              if r["name"] not in known])
    # the countries of the world that areas.yaml does not list itself: see scripts/build_countries.py
    with (data / "countries.tsv").open(encoding="utf-8") as f:
        countries = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        known = {n for e in areas_doc["countries"] for n in [e["name"], *e.get("aliases", [])]}
        extra = [{"name": r["name"], "aliases": [r["full_name"]] if r["full_name"] else []} for r in countries
                 if r["name"] not in known and r["full_name"] not in known]
        areas_doc = dict(areas_doc, countries=list(areas_doc["countries"]) + extra)
    return Gazetteer(divisions, areas_doc, provinces_doc)
