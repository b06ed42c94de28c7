"""One document as extracted: its cleaned text with every entity mention in place (``kg mentions``,
the workbench's document view).

:func:`mentions` lists every mention (type, entity, offsets, measure, sentence);
:func:`paragraphs` cuts the text into paragraphs of sentences of segments, each
segment carrying the entities that cover it, so a page can highlight mentions
where they stand without ever treating the text as markup.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import Any

from kg.corpus import Corpus
from kg.errors import KGError

KIND_TYPE = {"places": "place", "projects": "project", "organizations": "organization"}


class UnknownDocument(KGError):
    pass


def extraction(corpus: Corpus, doc_id: str):
    ids = [ex.document.id for ex in corpus.documents]
    if doc_id not in ids:
        import difflib

        near = difflib.get_close_matches(doc_id, ids, n=3, cutoff=0.5)
        raise UnknownDocument(f"no document '{doc_id}' in the workspace"
                              + (f"; did you mean {', '.join(near)}?" if near else ""))
    return corpus.document(doc_id)


def mentions(corpus: Corpus, doc_id: str) -> list[dict]:
    """Every mention of an entity (place, project, organization) and every target in the document, in text order."""
    extraction(corpus, doc_id)
    rows: list[dict[str, Any]] = []
    for kind, entity in corpus.entities():
        etype = KIND_TYPE.get(kind)
        if etype is None:
            continue
        for m in entity.mentions:
            if m.document == doc_id:
                rows.append({"type": etype, "entity": entity.name, "id": entity.id, "start": m.start, "end": m.end,
                             "text": m.text, "measure": m.measure, "sentence": m.sentence,
                             "sentence_start": m.sentence_start})
    for t in corpus.document(doc_id).targets:
        for m in t.mentions:
            rows.append({"type": "target", "entity": t.indicator, "id": t.id, "start": m.start, "end": m.end,
                         "text": m.text, "measure": m.measure, "sentence": m.sentence,
                         "sentence_start": m.sentence_start})
    rows.sort(key=lambda r: (r["start"], -r["end"], r["type"]))
    return rows


def paragraphs(corpus: Corpus, doc_id: str) -> list[list[dict]]:
    """[[sentence or loose piece: {"start", "measure", "segments": [{"text", "entities": [...]}]}]].

    A segment's entities are the mentions covering it, outermost (longest) first: {type, id, name} - the
    project 璧铜线 stays one link although its 璧 is also read as 璧山.
    Measures are marked on the piece they start in ("measure": number), so the page can anchor them.
    """
    ex = extraction(corpus, doc_id)
    text = ex.document.text
    spans = [(r["start"], r["end"], {"type": r["type"], "id": r["id"], "name": r["entity"]})
             for r in mentions(corpus, doc_id) if 0 <= r["start"] < r["end"] <= len(text)]
    measure_at = {m.start: m.number for m in ex.measures}
    measure_starts = sorted(measure_at)
    sentences = sorted((s.start, s.end) for s in ex.sentences)
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    cuts = {0, len(text)} | set(newlines) | {i + 1 for i in newlines}
    for s, e in sentences:
        cuts |= {s, e}
    for s, e, _ in spans:
        cuts |= {s, e}
    cuts |= set(measure_starts)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    sentence_starts = [s for s, _ in sentences]

    spans.sort(key=lambda t: t[0])
    out: list[list[dict]] = [[]]
    piece: dict[str, Any] | None = None
    active: list[tuple[int, int, dict]] = []
    nxt = 0
    for a, b in pairwise(bounds):
        while nxt < len(spans) and spans[nxt][0] <= a:  # a sweep: the spans open at a
            active.append(spans[nxt])
            nxt += 1
        active = [t for t in active if t[1] > a]
        chunk = text[a:b]
        if chunk == "\n":
            out.append([])
            piece = None
            continue
        i = bisect_right(sentence_starts, a) - 1
        sentence = sentences[i] if i >= 0 and sentences[i][0] <= a < sentences[i][1] else None
        start = sentence[0] if sentence else -1
        if piece is None or piece["start"] != start or a in measure_at or start == a:
            piece = {"start": start, "measure": measure_at.get(a), "segments": []}
            out[-1].append(piece)
        covering = sorted((t for t in active if b <= t[1]), key=lambda t: t[0] - t[1])
        entities = list({t[2]["id"]: t[2] for t in reversed(covering)}.values())[::-1]  # each entity once
        piece["segments"].append({"text": chunk, "entities": entities})
    return [p for p in out if p]
