"""Profiles: everything the plans say about one place or one project (``kg place``, ``kg project``).

A profile is a list of rows (aspect, item, detail, document, measure, sentence),
so it prints as a table, JSON or CSV like every other command, and every row
carries the sentence it comes from.
"""
from __future__ import annotations

from kg.analytics.names import resolve
from kg.analytics.shared import _all_members
from kg.corpus import Corpus
from kg.model import Mention, Place, Project


def _row(aspect: str, item: str, detail: str = "", mention: Mention | None = None, document: str = "",
         measure: int | None = None, sentence: str = "") -> dict:
    if mention is not None:
        document, measure, sentence = mention.document, mention.measure, mention.sentence
    return {"aspect": aspect, "item": item, "detail": detail, "document": document, "measure": measure,
            "sentence": sentence}


def _measure_title(corpus: Corpus, doc: str, number) -> str:
    if number is None:
        return ""
    ex = corpus.document(doc)
    return next((m.title for m in ex.measures if m.number == number), "")


def place_profile(corpus: Corpus, name: str) -> tuple[Place, list[dict]]:
    place = resolve(corpus.places.values(), name, "place")
    rows = [_row("place", place.name, "; ".join(x for x in (
        f"code {place.code}" if place.code else "", place.kind, place.name_en or "",
        f"in {place.parent}" if place.parent else "") if x))]
    regions = [r for r, ms in corpus.region_members.items() if place.id in _all_members(corpus, r) or place.id in ms]
    for r in sorted(regions):
        rows.append(_row("region", corpus.places[r].name, "official composition (member)"))
    if place.id in corpus.region_members:
        for member in _all_members(corpus, place.id):
            rows.append(_row("member", corpus.places[member].name, f"code {corpus.places[member].code}"))
    direct = [p for p in corpus.projects.values() if place.id in p.places]
    for p in sorted(direct, key=lambda p: p.name):
        rows.append(_row("project", p.name, f"{p.kind}; {p.status or ''}; direct".replace("; ;", ";"),
                         p.mentions[0]))
    for r in sorted(regions):
        for p in sorted((p for p in corpus.projects.values() if r in p.places), key=lambda p: p.name):
            if p not in direct:
                rows.append(_row("project (indirect)", p.name, f"{p.kind}; via {corpus.places[r].name}", p.mentions[0]))
    seen = set()
    for m in place.mentions:
        key = (m.document, m.measure)
        if m.measure is not None and key not in seen:
            seen.add(key)
            rows.append(_row("measure", f"{m.measure}. {_measure_title(corpus, m.document, m.measure)}", "", m))
    names = {place.name, *place.aliases}
    for ex in corpus.documents:
        for t in ex.targets:
            if t.scope and (t.scope in names or any(n in t.scope for n in names if len(n) >= 2)):
                rows.append(_row("target", t.indicator, f"{t.comparator} {t.value:g} {t.unit} ({t.year})",
                                 t.mentions[0]))
    measure_keys = {(m.document, m.measure) for m in place.mentions if m.measure is not None}
    for o in sorted(corpus.organizations.values(), key=lambda o: o.name):
        hit = next((m for m in o.mentions if (m.document, m.measure) in measure_keys), None)
        if hit:
            rows.append(_row("organization", o.name, o.kind, hit))
    partners: dict[str, list[str]] = {}
    for p in direct:
        for other in p.places:
            if other != place.id and other in corpus.places and corpus.places[other].code:
                partners.setdefault(other, []).append(p.name)
    for other, projects in sorted(partners.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rows.append(_row("partner", corpus.places[other].name, "shares " + "、".join(sorted(projects))))
    return place, rows


def project_profile(corpus: Corpus, name: str) -> tuple[Project, list[dict]]:
    project = resolve(corpus.projects.values(), name, "project")
    rows = [_row("project", project.name, f"{project.kind}; status {project.status or 'not stated'}"
                 + (f"; also {'、'.join(project.aliases)}" if project.aliases else ""))]
    for pid in project.places:
        pl = corpus.places.get(pid)
        if pl:
            rows.append(_row("place", pl.name, "; ".join(x for x in (f"code {pl.code}" if pl.code else pl.kind,
                                                                       f"in {pl.parent}" if pl.parent else "") if x)))
            for m in (_all_members(corpus, pid) if pid in corpus.region_members else []):
                rows.append(_row("place (indirect)", corpus.places[m].name, f"member of {pl.name}"))
    for m in project.mentions:
        rows.append(_row("mention", m.text, _measure_title(corpus, m.document, m.measure), m))
    keys = {(m.document, m.measure) for m in project.mentions if m.measure is not None}
    for ex in corpus.documents:
        for t in ex.targets:
            if (ex.document.id, t.measure) in keys:
                rows.append(_row("target (same measure)", t.indicator,
                                 f"{t.comparator} {t.value:g} {t.unit} ({t.year})", t.mentions[0]))
    for o in sorted(corpus.organizations.values(), key=lambda o: o.name):
        lead = [dn for dn in o.led_measures() if dn in keys]
        hit = next((m for m in o.mentions if (m.document, m.measure) in keys), None)
        if lead or hit:
            rows.append(_row("organization", o.name, "responsible" if lead else "named in the same measure",
                             hit, document=(hit.document if hit else ""), measure=(hit.measure if hit else None)))
    related: dict[str, Mention] = {}
    for other in corpus.projects.values():
        if other.id == project.id:
            continue
        # its first mention in a measure this project shares: the sentence that names it there
        shared = sorted((m for m in other.mentions if (m.document, m.measure) in keys),
                        key=lambda m: (m.document, m.measure))
        if shared:
            related[other.name] = shared[0]
    for name_, first in sorted(related.items()):
        rows.append(_row("related project", name_, f"same measure {first.measure}", first))
    return project, rows
