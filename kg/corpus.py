"""The corpus: every document of the workspace in one graph model.

Documents keep their own sections, measures and targets; projects, places and
organizations named in several documents become one entity with the mentions
of each (see :mod:`kg.resolve` for the cross-document rules and the merge
report).  The gazetteer adds the context a graph needs: the parents of every
division mentioned (璧山 → 重庆) and the members of every region mentioned
(主城新区 → 璧山, 江津 …), so "projects in 璧山, directly or through a region"
is a query, not a guess.

This is the single model that RDF, Neo4j, networkx and the views project.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.model import Entity, Extraction, Measure, Mention, Organization, Place, Project, Section, Target


@dataclass
class Corpus:
    documents: list[Extraction]
    projects: dict[str, Project] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    place_parent: dict[str, str] = field(default_factory=dict)  # division -> parent division (PART_OF)
    region_members: dict[str, list[str]] = field(default_factory=dict)  # region -> member places (PART_OF)
    merges: list[dict] = field(default_factory=list)  # the cross-document merge report
    _by_document: dict | None = field(default=None, repr=False, compare=False)  # see mentions_in

    # -- construction ---------------------------------------------------------------
    @classmethod
    def build(cls, extractions: list[Extraction], curation: dict | None = None) -> Corpus:
        from kg.resolve import resolve

        corpus = cls(documents=sorted(extractions, key=lambda e: e.document.id))
        resolve(corpus, curation or {})
        corpus._add_gazetteer_context()
        return corpus

    def _add_gazetteer_context(self) -> None:
        from kg.loaders.gazetteer import Area, Division, gazetteer

        gaz = gazetteer()

        def context_place(pid: str) -> Place | None:
            if pid in self.places:
                return self.places[pid]
            ref = gaz.place(pid)
            if isinstance(ref, Division):
                parent = gaz.parent_of(ref)
                p = Place(id=pid, name=ref.short or ref.name, kind=ref.kind, code=ref.code,
                          parent=(parent.short or parent.name) if parent else None, parent_code=ref.parent or None,
                          name_en=ref.name_en, level=ref.level,
                          aliases=[ref.name] if ref.short and ref.short != ref.name else [])
            elif isinstance(ref, Area):
                p = Place(id=pid, name=ref.name, kind=ref.kind, name_en=ref.name_en, aliases=list(ref.aliases),
                          members=list(ref.members))
            else:
                return None
            self.places[pid] = p
            return p

        todo = list(self.places)
        seen = set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            ref = gaz.place(pid)
            if isinstance(ref, Division):
                parent = gaz.parent_of(ref)
                if parent is not None and context_place(parent.id):
                    self.place_parent[pid] = parent.id
                    todo.append(parent.id)
            elif isinstance(ref, Area):
                members = [m for m in ref.members if context_place(m)]
                if members:
                    self.region_members[pid] = members
                if ref.within and context_place(f"place:{ref.within}"):
                    self.place_parent[pid] = f"place:{ref.within}"
            else:
                place = self.places[pid]
                if place.parent_code and context_place(f"place:{place.parent_code}"):
                    self.place_parent[pid] = f"place:{place.parent_code}"

    # -- views --------------------------------------------------------------------------
    def document_counts(self, doc_id: str) -> dict[str, int]:
        """How many measures, projects (entities of the corpus it mentions) and targets a document has."""
        ex = self.document(doc_id)
        return {"measures": len(ex.measures), "targets": len(ex.targets),
                "projects": sum(1 for kind, _, _ in self.mentions_in(doc_id) if kind == "projects")}

    def document(self, doc_id: str) -> Extraction:
        # an index, rebuilt if the list changed: a profile looks up one document per mention (2,000 mentions
        # of one place in 1,000 documents made a linear scan cost a third of a second)
        index = self.__dict__.get("_documents_by_id")
        if index is None or len(index) != len(self.documents):
            index = self.__dict__["_documents_by_id"] = {ex.document.id: ex for ex in self.documents}
        ex = index.get(doc_id)
        if ex is None or ex.document.id != doc_id:
            raise KeyError(doc_id)
        return ex

    @property
    def targets(self) -> list[Target]:
        return [t for ex in self.documents for t in ex.targets]

    def sections(self) -> list[tuple[str, Section]]:
        return [(ex.document.id, s) for ex in self.documents for s in ex.sections]

    def measures(self) -> list[tuple[str, Measure]]:
        return [(ex.document.id, m) for ex in self.documents for m in ex.measures]

    def mentions_in(self, doc_id: str) -> list[tuple[str, Entity, list[Mention]]]:
        """(kind, entity, its mentions in this document) for every entity the document names.

        Indexed once per corpus: projecting a thousand documents must not scan every entity's
        mentions for each of them.
        """
        if self._by_document is None:
            index: dict[str, dict[str, tuple[str, Entity, list[Mention]]]] = {}
            for kind, entity in self.entities():
                for m in entity.mentions:
                    per_doc = index.setdefault(m.document, {})
                    if entity.id not in per_doc:
                        per_doc[entity.id] = (kind, entity, [])
                    per_doc[entity.id][2].append(m)
            self._by_document = {d: list(v.values()) for d, v in index.items()}
        return self._by_document.get(doc_id, [])

    def entities(self) -> Iterator[tuple[str, Entity]]:
        """(type, entity) for every merged entity, in a stable order."""
        for kind, table in (("projects", self.projects), ("places", self.places),
                            ("organizations", self.organizations)):
            for key in sorted(table):
                yield kind, table[key]

    def mentioned_places(self) -> list[Place]:
        return [p for p in self.places.values() if p.mentions]

    def ancestors(self, pid: str) -> list[str]:
        """Divisions and regions that contain ``pid`` (parents, and regions listing it or its parents)."""
        containing: dict[str, list[str]] = {}
        for region, members in self.region_members.items():
            for m in members:
                containing.setdefault(m, []).append(region)
        out, stack = [], [pid]
        while stack:
            cur = stack.pop()
            ups = ([self.place_parent[cur]] if cur in self.place_parent else []) + containing.get(cur, [])
            for up in ups:
                if up not in out and up != pid:
                    out.append(up)
                    stack.append(up)
        return out

    def counts(self) -> dict:
        return {"documents": len(self.documents), "projects": len(self.projects),
                "places": len(self.mentioned_places()),
                "context_places": len(self.places) - len(self.mentioned_places()),
                "organizations": len(self.organizations), "targets": len(self.targets),
                "measures": sum(len(ex.measures) for ex in self.documents)}

