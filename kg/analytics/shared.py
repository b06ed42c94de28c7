"""Which places share which projects (``kg shared-projects``).

Places are tied to a project when the project's name or its sentence places it
there (渝昆高铁川渝段 → 四川, 重庆).  Only divisions with a code take part:
a planning region (中心城区, 主城新区) is not a district.  A project tied to a
region counts for the region's member divisions too, but as *indirect* - listed
apart from direct ties, because "the plan names 主城新区" is weaker evidence for
璧山 than "the plan names 璧山" - and only through regions of at most
``max_region`` divisions, none of them a province: a project of 成渝地区
(44 divisions) or 西南 (five provinces) would tie every district to every
other and say nothing.

A place is never paired with its own ancestor (重庆 and 荣昌): a project in
荣昌 is in 重庆 by definition, not shared by the two.  Nor are two members of
one region paired for a project of that region alone: that the nine districts
of 中心城区 share a project of 中心城区 is no news; that 南川 shares one with
them is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from kg.analytics.names import project_kind, resolve
from kg.corpus import Corpus

# Place kinds that coordinators work with: divisions and planning regions, not countries or rivers.
COORDINATION_KINDS_EXCLUDED = {"country", "country_bloc", "river", "lake", "area"}
# The largest region (in member divisions) whose projects count for each member: 主城新区 (12) and
# 渝东北 (11) do, 主城都市区 (21) and 成渝地区 (44) do not.
DEFAULT_MAX_REGION = 12


@dataclass
class SharedGroup:
    places: list[str]  # place names
    place_ids: list[str]
    projects: list[str]
    project_ids: list[str]
    tie: str  # "direct" or "indirect"
    via: list[str] = field(default_factory=list)  # names of the regions an indirect tie goes through
    why: str = ""  # the tie explained in one line
    evidence: list[dict] = field(default_factory=list)  # {project, document, measure, sentence}

    @property
    def size(self) -> int:
        return len(self.places)

    def to_row(self, with_evidence: bool = True) -> dict:
        row = {"places": self.places, "size": self.size, "shared": len(self.projects), "projects": self.projects,
               "tie": self.tie, "via": self.via, "why": self.why}
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


def is_division(corpus: Corpus, place_id: str) -> bool:
    """A province, city, district or county (it has a code); planning regions and zones are not."""
    place = corpus.places.get(place_id)
    return place is not None and bool(place.code)


def region_size(corpus: Corpus, region: str) -> int:
    return len(_all_members(corpus, region))


def project_places(corpus: Corpus, indirect: bool = False,
                   max_region: int = DEFAULT_MAX_REGION) -> dict[str, dict[str, str]]:
    """project id -> {division id: 'direct', or the id of the region it is tied through}.

    Regions themselves are never keys: their member divisions are, when ``indirect`` and the region has at
    most ``max_region`` of them.
    """
    out: dict[str, dict[str, str]] = {}
    for p in corpus.projects.values():
        ties: dict[str, str] = {}
        regions = []
        for pid in p.places:
            place = corpus.places.get(pid)
            if place is None or place.kind in COORDINATION_KINDS_EXCLUDED:
                continue
            if place.code:
                ties[pid] = "direct"
            elif pid in corpus.region_members:
                regions.append(pid)
        if indirect:
            for region in regions:
                members = _all_members(corpus, region)
                if len(members) <= max_region and not any(corpus.places[m].level == 1 for m in members):
                    for m in members:
                        ties.setdefault(m, region)
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


class Lineage:
    """Which places contain which: 重庆 contains 荣昌, 四川 contains 成都.

    From the corpus's parent links and, for divisions, from the code itself (GB/T 2260: 500153 is in 500000),
    since a division that only entered the corpus as a region's member has no parent link.
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._up: dict[str, set[str]] = {}

    def ancestors(self, pid: str) -> set[str]:
        if pid not in self._up:
            out, cur = set(), self.corpus.place_parent.get(pid)
            while cur and cur not in out:
                out.add(cur)
                cur = self.corpus.place_parent.get(cur)
            place = self.corpus.places.get(pid)
            code = place.code if place is not None else None
            if code and len(code) == 6 and code.isdigit():
                out |= {f"place:{c}" for c in (code[:2] + "0000", code[:4] + "00") if c != code}
            self._up[pid] = out
        return self._up[pid]

    def related(self, a: str, b: str) -> bool:
        """One contains the other."""
        return a in self.ancestors(b) or b in self.ancestors(a)

    def most_specific(self, ids) -> list[str]:
        """``ids`` without any place that contains another of them."""
        ids = list(ids)
        return [a for a in ids if not any(a in self.ancestors(b) for b in ids if b != a)]


def place_pairs(corpus: Corpus, ties: dict[str, dict[str, str]], lineage: Lineage | None = None):
    """({(a, b, 'direct' | 'indirect'): [project ids]}, {same key: region ids}) under the rules above."""
    lineage = lineage or Lineage(corpus)
    pairs: dict[tuple[str, str, str], list[str]] = {}
    via: dict[tuple[str, str, str], set[str]] = {}
    for pid, t in ties.items():
        for a, b in combinations(sorted(t), 2):
            if lineage.related(a, b) or (t[a] == t[b] != "direct"):
                continue  # a region's members sharing the region's own project is no news
            tie = "direct" if t[a] == t[b] == "direct" else "indirect"
            pairs.setdefault((a, b, tie), []).append(pid)
            if tie == "indirect":
                via.setdefault((a, b, tie), set()).update(r for r in (t[a], t[b]) if r != "direct")
    return pairs, via


def shared_projects(corpus: Corpus, place: str | None = None, kind: str | None = None, indirect: bool = False,
                    min_shared: int = 1, max_region: int = DEFAULT_MAX_REGION) -> list[SharedGroup]:
    """Pairs of places sharing projects, and the larger groups a project ties together, ranked;
    direct ties first, then (with ``indirect``) the ties through regions."""
    ties = project_places(corpus, indirect=indirect, max_region=max_region)
    if project_kind(corpus, kind):
        ties = {pid: t for pid, t in ties.items() if corpus.projects[pid].kind == kind}
    focus = resolve(corpus.places.values(), place, "place").id if place else None
    lineage = Lineage(corpus)

    pairs, via = place_pairs(corpus, ties, lineage)
    groups: dict[tuple[str, ...], list[str]] = {}
    for pid, t in ties.items():
        direct = lineage.most_specific(sorted(x for x, v in t.items() if v == "direct"))
        if len(direct) >= 3:
            groups.setdefault(tuple(direct), []).append(pid)

    def make(place_ids, tie, project_ids, regions=()) -> SharedGroup:
        project_ids = sorted(set(project_ids), key=lambda i: corpus.projects[i].name)
        g = SharedGroup(places=[corpus.places[i].name for i in place_ids], place_ids=list(place_ids),
                        projects=[corpus.projects[i].name for i in project_ids], project_ids=project_ids,
                        tie=tie, via=sorted(corpus.places[r].name for r in regions),
                        evidence=_evidence(corpus, project_ids))
        g.why = explain(corpus, g, ties)
        return g

    out = [make((a, b), tie, pids, via.get((a, b, tie), ())) for (a, b, tie), pids in pairs.items()]
    out += [make(ids, "direct", pids) for ids, pids in groups.items()]
    if focus:
        out = [g for g in out if focus in g.place_ids]
    out = [g for g in out if len(g.projects) >= min_shared]
    out.sort(key=lambda g: (g.tie != "direct", -len(g.projects), -g.size, g.places))
    return out


def _where(corpus: Corpus, project_id: str) -> str:
    p = corpus.projects[project_id]
    if not p.mentions:
        return ""
    m = p.mentions[0]
    return f"measure {m.measure}" if m.measure is not None else m.document


def explain(corpus: Corpus, group: SharedGroup, ties: dict[str, dict[str, str]] | None = None) -> str:
    """The tie in one line: what is shared and why each place is tied to it."""
    ties = ties or {}
    both = "both places" if group.size == 2 else f"all {group.size} places"
    if group.tie == "direct":
        if len(group.project_ids) == 1:
            pid = group.project_ids[0]
            return f"{group.projects[0]} is located in {both} ({_where(corpus, pid)})"
        where = sorted({_where(corpus, p) for p in group.project_ids}, key=lambda w: (len(w), w))
        return f"each located in {both} ({', '.join(where)})"
    pid = group.project_ids[0]
    t = ties.get(pid, {})
    direct = [name for place_id, name in zip(group.place_ids, group.places, strict=True) if t.get(place_id) == "direct"]
    through: dict[str, list[str]] = {}
    for place_id, name in zip(group.place_ids, group.places, strict=True):
        if t.get(place_id, "direct") != "direct":
            through.setdefault(t[place_id], []).append(name)
    parts = [f"names {'、'.join(direct)}"] if direct else []
    parts += [f"is in {corpus.places[r].name} ({region_size(corpus, r)} divisions), "
              f"which includes {' and '.join(names)}" for r, names in through.items()]
    more = f"; {len(group.project_ids) - 1} more project(s) alike" if len(group.project_ids) > 1 else ""
    return f"{group.projects[0]} ({_where(corpus, pid)}) " + " and ".join(parts) + more
