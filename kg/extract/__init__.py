"""From a loaded document to the canonical model: :func:`extract`.

The pipeline: clean the text (:mod:`kg.loaders.clean`), find its skeleton
(:mod:`.structure`), then places, organizations, projects and targets, each
mention tied to its sentence, measure and section.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import re
import unicodedata
from pathlib import Path

from kg.errors import ExtractionError
from kg.extract.organizations import organizations
from kg.extract.projects import find_projects
from kg.extract.lexicon import normalise_quotes
from kg.extract.places import find_places
from kg.extract.structure import Structure, is_past_paragraph, parse
from kg.extract.targets import find_targets
from kg.loaders import RawDocument, load
from kg.loaders.clean import clean
from kg.loaders.gazetteer import Area, Division, gazetteer
from kg.model import Document, Extraction, Mention, Place, Target


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code and its data (lexicons, divisions, areas): a document extracted by
    another version is extracted again on the next ``kg build``, so an upgrade reaches old workspaces."""
    import kg.loaders

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = sorted(here.rglob("*.py")) + sorted(Path(kg.loaders.__file__).resolve().parent.glob("*.py"))
    files += sorted((here.parent / "data").glob("*.yaml")) + sorted((here.parent / "data").glob("*.tsv"))
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def document_id(source: str, sha256: str) -> str:
    """A readable, stable id: the file name without extension, ASCII-safe."""
    stem = Path(source).stem
    slug = re.sub(r"[^A-Za-z0-9]+", "-", unicodedata.normalize("NFKC", stem)).strip("-").lower()
    if len(slug) < 3 or not re.search("[a-z]", slug):
        slug = f"doc-{sha256[:12]}"
    return slug


class _Sentences:
    def __init__(self, text: str, structure: Structure, doc_id: str):
        self.text = text
        self.list = structure.sentences
        self.starts = [s.start for s in self.list]
        self.doc_id = doc_id

    def at(self, offset: int):
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.list[max(i, 0)] if self.list else None

    def mention(self, start: int, end: int, surface: str | None = None) -> Mention:
        s = self.at(start)
        return Mention(document=self.doc_id, sentence=self.text[s.start:s.end].strip() if s else "",
                       start=start, end=end, text=surface or self.text[start:end],
                       sentence_start=s.start if s else 0, sentence_end=s.end if s else 0,
                       measure=s.measure if s else None, section=s.section if s else None)


def extract_file(path: str, encoding: str | None = None, max_bytes: int | None = None) -> Extraction:
    return extract(load(path, encoding=encoding, limit=max_bytes))


def extract(raw: RawDocument, doc_id: str | None = None) -> Extraction:
    cleaned = clean(raw.text)
    if not cleaned.text.strip():
        raise ExtractionError(f"{raw.source}: nothing is left after removing page chrome; is this a plan?")
    text = cleaned.text
    st = parse(text, raw.title_hint, cleaned.metadata.get("published"))
    gaz = gazetteer()
    issuer_province, issuer_warning = _issuer_province(st, gaz)
    doc_id = doc_id or document_id(raw.source, raw.sha256)
    doc = Document(id=doc_id, title=st.title, text=text, source=raw.source, sha256=raw.sha256,
                   encoding=raw.encoding, format=raw.format, kind=st.kind, issuer=st.issuer,
                   period=st.period, year=st.year, metadata=cleaned.metadata)
    sents = _Sentences(text, st, doc_id)
    ex = Extraction(document=doc, sections=st.sections, measures=st.measures, sentences=st.sentences,
                    removed=cleaned.removed, warnings=list(raw.warnings))

    mtext = normalise_quotes(text)  # same length: offsets hold for both
    places, place_spans, place_at, place_warnings = _places(mtext, gaz, issuer_province, sents)
    ex.places = places
    ex.warnings.extend(w for w in [issuer_warning, *place_warnings] if w)
    ex.organizations = organizations(mtext, st, sents, gaz)
    ex.projects = find_projects(mtext, [s for s in st.sentences if s.start >= st.preamble_end], sents.mention,
                                place_spans, place_at, {p.id: p.kind for p in places}, text)
    ex.targets = _targets(mtext, st, sents, doc_id)
    if not st.measures and not ex.projects and not ex.targets:
        ex.warnings.append("no numbered measures, projects or targets found: this may not be a plan document")
    return ex


def _issuer_province(st: Structure, gaz) -> tuple[str | None, str | None]:
    """The issuer's province, and a warning when its name fits several (江北: 重庆 and 宁波 each have one).

    The longest division name in the issuer (or, failing that, the title) decides; a name that several
    provinces share decides nothing."""
    for source in (st.issuer or "", st.title):
        for n in range(min(len(source), 8), 1, -1):
            for i in range(0, len(source) - n + 1):
                found = gaz.lookup(source[i:i + n])
                provinces = {d.province for d in found}
                if len(provinces) == 1:
                    return provinces.pop(), None
                if len(provinces) > 1:
                    return None, (f"the issuer '{source[i:i + n]}' fits divisions in several provinces; "
                                  "places are resolved from the text alone")
    return None, None


# -- places -------------------------------------------------------------------------

def _places(text, gaz, issuer_province, sents):
    if issuer_province is None:
        # no issuer: the province the text names most stands in for it
        counts: dict[str, int] = {}
        for m in find_places(text, gaz, None, names_only=True).matches:
            if isinstance(m.ref, Division):
                counts[m.ref.province] = counts.get(m.ref.province, 0) + 1
        if counts:
            issuer_province = max(sorted(counts), key=lambda c: counts[c])
    scan = find_places(text, gaz, issuer_province)
    by_id: dict[str, Place] = {}
    spans: list[tuple[int, int]] = []
    place_at: list[tuple[int, int, str]] = []
    for m in scan.matches:
        place = _place_for(m.ref, gaz, by_id)
        if place is None:
            continue
        place.add_alias(m.surface if m.via == "name" else "")
        place.add_mention(sents.mention(m.start, m.end, m.surface))
        spans.append((m.start, m.end))
        place_at.append((m.start, m.end, place.id))
    _name_areas_as_written(by_id, scan.matches, gaz)
    places = sorted(by_id.values(), key=lambda p: (p.level or 9, p.code or "", p.name))
    return places, spans, place_at, scan.warnings


def _name_areas_as_written(by_id: dict[str, Place], matches, gaz) -> None:
    """A region or feature is named as the document writes it most (西部 where it writes 西部, 西部地区 where
    it writes that); its gazetteer name stays an alias.  Divisions keep their customary short name."""
    from collections import Counter

    written: dict[str, Counter] = {}
    for m in matches:
        if isinstance(m.ref, Area) and m.via == "name" and m.surface in (m.ref.name, *m.ref.aliases) \
                and not m.surface.endswith("流域"):  # (a basin is its river's alias, never its name)
            written.setdefault(m.ref.id, Counter())[m.surface] += 1
    for pid, counts in written.items():
        place = by_id.get(pid)
        surface = counts.most_common(1)[0][0] if counts else None
        if place is not None and surface and surface != place.name:
            old = place.name
            place.name = surface
            place.aliases = [a for a in place.aliases if a != surface]
            place.add_alias(old)


def _place_for(ref, gaz, by_id: dict[str, Place]) -> Place | None:
    if isinstance(ref, Division):
        if ref.id not in by_id:
            parent = gaz.parent_of(ref)
            # plans write the customary short name (璧山, 彭水, 新疆); the official name is an alias
            by_id[ref.id] = Place(id=ref.id, name=ref.short or ref.name, kind=ref.kind, code=ref.code,
                                  parent=(parent.short or parent.name) if parent else None, parent_code=ref.parent or None,
                                  name_en=ref.name_en, level=ref.level,
                                  aliases=[ref.name] if ref.short and ref.short != ref.name else [])
        return by_id[ref.id]
    if isinstance(ref, Area):
        if ref.id not in by_id:
            parent = gaz.divisions.get(ref.within) if ref.within else None
            by_id[ref.id] = Place(id=ref.id, name=ref.name, kind=ref.kind, name_en=ref.name_en,
                                  parent=parent.name if parent else None, parent_code=ref.within,
                                  aliases=list(ref.aliases), members=list(ref.members))
        return by_id[ref.id]
    if isinstance(ref, tuple):
        kind, name, extra = ref
        if kind == "ambiguous":  # a name several divisions share and the document does not decide
            by_id.setdefault(f"place:{name}", Place(id=f"place:{name}", name=name, kind="unresolved"))
            return by_id[f"place:{name}"]
        # a village or town is named within its county (many counties have a 新村)
        pid = f"place:{extra}:{name}" if kind in ("village", "town", "subdistrict") else f"place:{name}"
        if pid not in by_id:
            parent = gaz.divisions.get(extra) if kind in ("region", "village", "town", "subdistrict") and extra else None
            area_parent = gaz.areas.get(extra) if kind == "area" and extra else None
            by_id[pid] = Place(id=pid, name=name, kind={"bloc": "country_bloc"}.get(kind, kind),
                               parent=parent.name if parent else (area_parent.name if area_parent else None),
                               parent_code=extra if parent else None)
        return by_id[pid]
    if isinstance(ref, str):
        pid = f"place:{ref}"
        by_id.setdefault(pid, Place(id=pid, name=ref, kind="country"))
        return by_id[pid]
    return None




# -- targets ------------------------------------------------------------------------

_YEAR_IN_SENTENCE = re.compile(r"(?:到|至)(20\d{2})年")


def _targets(text, st: Structure, sents, doc_id) -> list[Target]:
    out: list[Target] = []
    default_year = (st.period or {}).get("end") or st.year
    para_start = 0
    for s in st.sentences:
        if s.start < st.preamble_end:
            continue
        if any(a <= s.start < b for a, b in st.excluded):
            continue
        sec = st.section(s.section)
        if sec is not None and sec.tense == "past":
            continue
        line_start = text.rfind("\n", 0, s.start) + 1
        if st.kind == "report" and is_past_paragraph(text[line_start: line_start + 20]):
            continue
        if sec is None and st.kind == "report":
            continue
        m = _YEAR_IN_SENTENCE.search(text[s.start:s.end])
        year = int(m.group(1)) if m else (sec.year if sec and sec.year else default_year)
        for t in find_targets(text, s.start, s.end):
            mention = sents.mention(t.start, t.end, text[t.start:t.end])
            out.append(Target(id=f"target:{doc_id}:{len(out) + 1}", indicator=t.indicator, comparator=t.comparator,
                              value=t.value, unit=t.unit, year=year, text=text[t.start:t.end].strip("，。；、 "),
                              scope=t.scope, measure=s.measure, section=s.section, mentions=[mention]))
    return out
