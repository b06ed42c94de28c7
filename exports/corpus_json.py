"""The whole corpus in the extraction JSON contract, with a ``documents`` list
and the ``document`` of every mention (``kg export --format json``)."""
from __future__ import annotations

import json
from pathlib import Path

from kg.exports import register
from kg.workspace import atomic_write


def corpus_to_dict(corpus) -> dict:
    place_names = {p.id: p.name for p in corpus.places.values()}
    return {
        "documents": [{k: v for k, v in ex.document.to_dict().items() if k != "text"} |
                      {"counts": ex.counts()} for ex in corpus.documents],
        "sections": [{"document": ex.document.id, **s.to_dict()} for ex in corpus.documents for s in ex.sections],
        "measures": [{"document": ex.document.id, **m.to_dict()} for ex in corpus.documents for m in ex.measures],
        "projects": [p.to_dict(place_names) for p in sorted(corpus.projects.values(), key=lambda p: p.id)],
        "places": [p.to_dict() for p in sorted(corpus.places.values(), key=lambda p: p.id)],
        "organizations": [o.to_dict() for o in sorted(corpus.organizations.values(), key=lambda o: o.id)],
        "targets": [{"document": ex.document.id, **t.to_dict()} for ex in corpus.documents for t in ex.targets],
        "merges": corpus.merges,
        "removed": [{"document": ex.document.id, **r} for ex in corpus.documents for r in ex.removed],
    }


@register("json", "the whole corpus in the extraction JSON contract, with documents and merges")
def json_export(corpus, path, base):
    text = json.dumps(corpus_to_dict(corpus), ensure_ascii=False, indent=1)
    atomic_write(Path(path), text + "\n")
    return {"path": str(path), "bytes": len(text.encode("utf-8"))}
