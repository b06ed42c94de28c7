"""The canonical model: what a plan says, with the sentence each fact came from.

Everything else in the project (the JSON contract, RDF, Neo4j, networkx, views)
is a projection of these objects; none of them re-reads the text.

An :class:`Extraction` holds one document.  A :class:`Corpus` holds several and
is what the workspace stores; entities shared by documents are merged there
(see :mod:`kg.corpus`).
"""
from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

ENTITY_TYPES = ("projects", "places", "organizations", "targets")
COMPARATORS = (">", ">=", "<", "<=", "=", "~", "reduce_by")
TARGET_STATUSES = ("planned", "achieved")


@dataclass
class Mention:
    """One place in the cleaned text where an entity is named."""

    document: str
    sentence: str
    start: int  # character offsets of the mention in the cleaned text
    end: int
    text: str
    sentence_start: int = 0
    sentence_end: int = 0
    measure: int | None = None
    section: int | None = None

    def key(self) -> tuple:
        return (self.document, self.start, self.end)

    def to_dict(self) -> dict:
        return {"document": self.document, "measure": self.measure, "section": self.section,
                "sentence": self.sentence, "sentence_start": self.sentence_start,
                "sentence_end": self.sentence_end, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict) -> Mention:
        return cls(document=d.get("document", ""), sentence=d.get("sentence", ""), start=d["start"],
                   end=d["end"], text=d.get("text", ""), sentence_start=d.get("sentence_start", 0),
                   sentence_end=d.get("sentence_end", 0), measure=d.get("measure"), section=d.get("section"))


@dataclass
class Entity:
    id: str
    name: str
    kind: str = "other"
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def measures(self) -> list[int]:
        return sorted({m.measure for m in self.mentions if m.measure is not None})

    @property
    def documents(self) -> list[str]:
        return sorted({m.document for m in self.mentions})

    def add_alias(self, alias: str) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def copy(self):
        """A copy whose lists and dicts can change without touching this entity.  Mentions are shared:
        nothing changes a mention once extracted (a deep copy cost 15 s resolving 1,000 documents)."""
        clone = copy.copy(self)
        clone.__dict__.pop("_mention_keys", None)
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):
                setattr(clone, f.name, list(value))
            elif isinstance(value, set):
                setattr(clone, f.name, set(value))
            elif isinstance(value, dict):
                setattr(clone, f.name, {k: list(v) if isinstance(v, list) else v for k, v in value.items()})
        return clone

    def add_mention(self, mention: Mention) -> None:
        # the keys are cached (a corpus entity has thousands of mentions); rebuilt if mentions changed otherwise
        count, keys = self.__dict__.get("_mention_keys", (-1, None))
        if count != len(self.mentions):
            keys = {m.key() for m in self.mentions}
        if mention.key() not in keys:
            self.mentions.append(mention)
            keys.add(mention.key())
        self.__dict__["_mention_keys"] = (len(self.mentions), keys)

    def base_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "aliases": list(self.aliases),
                "measures": self.measures, "mentions": [m.to_dict() for m in self.mentions]}


@dataclass
class Place(Entity):
    kind: str = "area"
    code: str | None = None
    parent: str | None = None  # name of the parent division or region
    parent_code: str | None = None
    name_en: str | None = None
    level: int | None = None  # 1 province, 2 prefecture, 3 county; None for other places
    members: list[str] = field(default_factory=list)  # ids of member places (regions)

    def to_dict(self) -> dict:
        d = self.base_dict()
        d.update(code=self.code, parent=self.parent, parent_code=self.parent_code,
                 name_en=self.name_en, level=self.level, members=list(self.members))
        return d


@dataclass
class Project(Entity):
    places: list[str] = field(default_factory=list)  # place ids
    status: str | None = None  # the verb that gives the state: 建成, 开工, 加快建设, 推进 …

    def to_dict(self, place_names: dict[str, str] | None = None) -> dict:
        d = self.base_dict()
        names = place_names or {}
        d.update(places=[names.get(p, p) for p in self.places], place_ids=list(self.places),
                 status=self.status)
        return d


@dataclass
class Organization(Entity):
    responsible_for: list[int] = field(default_factory=list)  # measure numbers it leads, in its document
    # in a corpus, where one organization spans documents: document id -> measure numbers it leads there
    leads: dict[str, list[int]] = field(default_factory=dict)

    def led_measures(self) -> list[tuple[str, int]]:
        """(document id, measure number) for every measure it leads (corpus entities; see Corpus.build)."""
        return sorted({(d, n) for d, numbers in self.leads.items() for n in numbers})

    def to_dict(self) -> dict:
        d = self.base_dict()
        d.update(responsible_for=sorted(set(self.responsible_for)))
        if self.leads:
            d.update(leads={doc: sorted(set(ns)) for doc, ns in sorted(self.leads.items())})
        return d


@dataclass
class Target:
    """A quantity a plan states for an indicator.  ``planned``: a goal to reach by ``year``;
    ``achieved``: a result already reached (a work report's review, a plan's background)."""

    id: str
    indicator: str
    comparator: str
    value: float | None
    unit: str
    year: int | None
    text: str
    scope: str | None = None
    measure: int | None = None
    section: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    status: str = "planned"  # planned | achieved
    value_max: float | None = None  # the top of a range ("2—3个": value 2, value_max 3)

    @property
    def name(self) -> str:
        return self.text

    @property
    def documents(self) -> list[str]:
        return sorted({m.document for m in self.mentions})

    def to_dict(self) -> dict:
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value_max = self.value_max
        if isinstance(value_max, float) and value_max.is_integer():
            value_max = int(value_max)
        return {"id": self.id, "indicator": self.indicator, "comparator": self.comparator, "value": value,
                "value_max": value_max, "unit": self.unit, "year": self.year, "scope": self.scope,
                "status": self.status, "text": self.text, "measure": self.measure, "section": self.section,
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass
class Sentence:
    id: int
    start: int
    end: int
    measure: int | None = None
    section: int | None = None


@dataclass
class Section:
    number: int  # order in the document, from 1
    start: int
    end: int
    label: str | None = None  # as written: "一", "一（二）"; None when the heading was lost
    title: str | None = None
    intro: str | None = None  # first sentence of the un-numbered intro paragraph
    level: int = 1
    parent: int | None = None
    year: int | None = None  # "到2027年" in the intro scopes the targets that follow
    tense: str = "future"  # "past" for review chapters of a work report

    measures: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Measure:
    number: int
    title: str
    text: str
    start: int
    end: int
    section: int | None = None
    label: str | None = None
    deadline: str | None = None
    lead: list[str] = field(default_factory=list)  # bodies that lead it (牵头单位)
    support: list[str] = field(default_factory=list)  # bodies that support it (配合单位)
    points: float | None = None

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Document:
    id: str
    title: str
    text: str  # the cleaned text every offset refers to
    source: str = ""  # the file's name; its local path is kept in the workspace manifest only
    sha256: str = ""
    encoding: str = ""
    format: str = "text"
    kind: str = "plan"  # plan | report | task_list
    issuer: str | None = None
    period: dict | None = None  # {"start": 2023, "end": 2027}
    year: int | None = None
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        # a document carries where it came from as a file name, never a directory: whatever the model is
        # turned into (RDF, Neo4j, exports) can be shared without showing the analyst's folders
        self.source = source_name(self.source)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def source_name(path: str | None) -> str:
    """The file name of a path, POSIX or Windows ('/home/a/plan.txt', 'C:\\plans\\plan.txt' -> 'plan.txt')."""
    return re.split(r"[\\/]", path or "")[-1]


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # planned targets only
    results: list[Target] = field(default_factory=list)  # achieved results (status "achieved"), not targets
    removed: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def place_names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.places}

    def counts(self) -> dict[str, int]:
        return {"sections": len(self.sections), "measures": len(self.measures),
                "projects": len(self.projects), "places": len(self.places),
                "organizations": len(self.organizations), "targets": len(self.targets)}

    def to_dict(self) -> dict:
        names = self.place_names()
        return {
            "document": self.document.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "measures": [m.to_dict() for m in self.measures],
            "sentences": [dataclasses.asdict(s) for s in self.sentences],
            "projects": [p.to_dict(names) for p in self.projects],
            "places": [p.to_dict() for p in self.places],
            "organizations": [o.to_dict() for o in self.organizations],
            "targets": [t.to_dict() for t in self.targets],
            "results": [t.to_dict() for t in self.results],
            "removed": list(self.removed),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Extraction:
        doc = Document(**{k: v for k, v in d["document"].items() if k in _fields(Document)})
        return cls(
            document=doc,
            sections=[Section(**_pick(s, Section)) for s in d.get("sections", [])],
            measures=[Measure(**_pick(m, Measure)) for m in d.get("measures", [])],
            sentences=[Sentence(**_pick(s, Sentence)) for s in d.get("sentences", [])],
            projects=[_entity(Project, p, places=p.get("place_ids", p.get("places", [])))
                      for p in d.get("projects", [])],
            places=[_entity(Place, p) for p in d.get("places", [])],
            organizations=[_entity(Organization, o) for o in d.get("organizations", [])],
            targets=[Target(**{**_pick(t, Target), "mentions": _mentions(t)}) for t in d.get("targets", [])],
            results=[Target(**{**_pick(t, Target), "status": "achieved", "mentions": _mentions(t)})
                     for t in d.get("results", [])],
            removed=list(d.get("removed", [])),
            warnings=list(d.get("warnings", [])),
        )


def _fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _pick(d: dict, cls) -> dict:
    names = _fields(cls)
    return {k: v for k, v in d.items() if k in names and k != "mentions"}


def _mentions(d: dict) -> list[Mention]:
    return [Mention.from_dict(m) for m in d.get("mentions", [])]


def _entity(cls, d: dict, **overrides: Any):
    kwargs = _pick(d, cls)
    kwargs.update(overrides)
    kwargs["mentions"] = _mentions(d)
    return cls(**kwargs)


def iter_entities(extraction: Extraction) -> Iterable[tuple[str, Any]]:
    """(type, entity) for every entity of an extraction, in a stable order."""
    for kind in ENTITY_TYPES:
        for entity in getattr(extraction, kind):
            yield kind, entity
