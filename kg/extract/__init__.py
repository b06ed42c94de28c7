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
from kg.extract.lexicon import normalise_quotes
from kg.extract.organizations import organizations
from kg.extract.places.entities import issuer_province as find_issuer_province
from kg.extract.places.entities import place_entities
from kg.extract.projects import find_projects
from kg.extract.structure import Structure, parse
from kg.extract.targets import extract_targets
from kg.loaders import RawDocument, load
from kg.loaders.clean import clean
from kg.loaders.gazetteer import gazetteer
from kg.model import Document, Extraction, Mention


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
    issuer_province, issuer_warning = find_issuer_province(st, gaz)
    doc_id = doc_id or document_id(raw.source, raw.sha256)
    doc = Document(id=doc_id, title=st.title, text=text, source=raw.source, sha256=raw.sha256,
                   encoding=raw.encoding, format=raw.format, kind=st.kind, issuer=st.issuer,
                   period=st.period, year=st.year, metadata=cleaned.metadata)
    sents = _Sentences(text, st, doc_id)
    ex = Extraction(document=doc, sections=st.sections, measures=st.measures, sentences=st.sentences,
                    removed=cleaned.removed, warnings=list(raw.warnings))

    mtext = normalise_quotes(text)  # same length: offsets hold for both
    places, place_spans, place_at, place_warnings = place_entities(mtext, gaz, issuer_province, sents.mention)
    ex.places = places
    ex.warnings.extend(w for w in [issuer_warning, *place_warnings] if w)
    ex.organizations = organizations(mtext, st, sents, gaz)
    ex.projects = find_projects(mtext, [s for s in st.sentences if s.start >= st.preamble_end], sents.mention,
                                place_spans, place_at, {p.id: p.kind for p in places}, text)
    ex.targets, ex.results = extract_targets(mtext, st, sents, doc_id)
    if not st.measures and not ex.projects and not ex.targets:
        ex.warnings.append("no numbered measures, projects or targets found: this may not be a plan document")
    return ex
