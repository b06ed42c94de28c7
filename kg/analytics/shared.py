"""Which places share which projects (``kg shared-projects``).

Places are tied to a project when the project's name or its sentence places it
there (渝昆高铁川渝段 → 四川, 重庆).  A project tied to a planning region counts
for the region's member districts too, but as *indirect* - reported apart
from direct ties, because "the plan names 主城新区" is weaker evidence for 璧山
than "the plan names 璧山".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from kg.analytics.names import resolve
from kg.corpus import Corpus

# Place kinds that coordinators work with: divisions and planning regions, not countries or rivers.
COORDINATION_KINDS_EXCLUDED = {"country", "country_bloc", "river", "lake", "area"}


@dataclass
class SharedGroup:
    places: list[str]  # place names
    place_ids: list[str]
    projects: list[str]
    project_ids: list[str]
    tie: str  # "direct" or "indirect"
    evidence: list[dict] = field(default_factory=list)  # {project, document, measure, sentence}

    @property
    def size(self) -> int:
        return len(self.places)

    def to_row(self, with_evidence: bool = True) -> dict:
        row = {"places": self.places, "size": self.size, "shared": len(self.projects), "projects": self.projects,
               "tie": self.tie}
        if with_evidence:
            row["evidence"] = self.evidence
        return row


def _evidence(corpus: Corpus, project_ids: list[str], limit: int = 3) -> list[dict]:
    out = []
    for pid in project_ids:
        p = corpus.projects[pid]
        for m in p.mentions[:limit]:
            out.append({"project": p.name, "document": m.document, "measure": m.measure, "sentence": m.sentence})
    return out


def project_places(corpus: Corpus, indirect: bool = False) -> dict[str, dict[str, str]]:
    """project id -> {place id: 'direct' | 'indirect'} for the places coordinators care about."""
    out: dict[str, dict[str, str]] = {}
    for p in corpus.projects.values():
        ties: dict[str, str] = {}
        for pid in p.places:
            place = corpus.places.get(pid)
            if place is None or place.kind in COORDINATION_KINDS_EXCLUDED:
                continue
            ties[pid] = "direct"
            if indirect and pid in corpus.region_members:
                for m in _all_members(corpus, pid):
                    ties.setdefault(m, "indirect")
        out[p.id] = ties
    return out


def _all_members(corpus: Corpus, region: str) -> list[str]:
    seen, stack = [], list(corpus.region_members.get(region, []))
    while stack:
        m = stack.pop()
        if m in seen:
            continue
        seen.append(m)
        stack.extend(corpus.region_members.get(m, []))
    return [m for m in seen if m in corpus.places and corpus.places[m].code]


def shared_projects(corpus: Corpus, place: str | None = None, kind: str | None = None, indirect: bool = False,
                    min_shared: int = 1) -> list[SharedGroup]:
    """Pairs of places sharing projects, and the larger groups a project ties together, ranked."""
    ties = project_places(corpus, indirect=indirect)
    if kind:
        ties = {pid: t for pid, t in ties.items() if corpus.projects[pid].kind == kind}
    focus = resolve(corpus.places.values(), place, "place").id if place else None

    pairs: dict[tuple[str, str, str], list[str]] = {}
    groups: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for pid, t in ties.items():
        if len(t) < 2:
            continue
        ids = sorted(t)
        for a, b in combinations(ids, 2):
            tie = "direct" if t[a] == t[b] == "direct" else "indirect"
            pairs.setdefault((a, b, tie), []).append(pid)
        if len(ids) >= 3:
            tie = "direct" if all(v == "direct" for v in t.values()) else "indirect"
            groups.setdefault((tuple(ids), tie), []).append(pid)

    def make(place_ids, tie, project_ids) -> SharedGroup:
        project_ids = sorted(set(project_ids), key=lambda i: corpus.projects[i].name)
        return SharedGroup(places=[corpus.places[i].name for i in place_ids], place_ids=list(place_ids),
                           projects=[corpus.projects[i].name for i in project_ids], project_ids=project_ids,
                           tie=tie, evidence=_evidence(corpus, project_ids))

    out = [make((a, b), tie, pids) for (a, b, tie), pids in pairs.items()]
    out += [make(ids, tie, pids) for (ids, tie), pids in groups.items()]
    if focus:
        out = [g for g in out if focus in g.place_ids]
    out = [g for g in out if len(g.projects) >= min_shared]
    out.sort(key=lambda g: (g.tie != "direct", -len(g.projects), -g.size, g.places))
    return out
