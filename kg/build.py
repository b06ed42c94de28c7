"""Building the workspace from documents: ``kg build DIR_OR_FILES…``.

Each document is extracted on its own; one that fails is reported with its
reason and the rest are still built.  A document whose content hash is
unchanged since the last build, and extracted by this version of the
extractor, is not extracted again (``force`` overrides).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError, LoaderError
from kg.loaders import EXTENSIONS
from kg.workspace import Workspace


@dataclass
class DocumentResult:
    source: str
    status: str  # built | unchanged | failed
    document: str | None = None
    title: str | None = None
    counts: dict = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0


@dataclass
class BuildReport:
    results: list[DocumentResult] = field(default_factory=list)

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def built(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status == "built"]

    def rows(self) -> list[dict]:
        keys = ("sections", "measures", "projects", "places", "organizations", "targets")
        return [{"document": r.document or "", "status": r.status, "source": r.source,
                 **{k: r.counts.get(k) for k in keys}, "error": r.error or ""} for r in self.results]


def expand(paths: Iterable[str]) -> list[Path]:
    """Files to build: the files given, and the plan files inside directories (recursively)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS
                              and not f.name.startswith(".")))
        else:
            out.append(p)
    seen, unique = set(), []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _unique_id(base: str, source: str, manifest: dict) -> str:
    """Two different files with the same name get different ids; the same file keeps its id."""
    docs = manifest["documents"]
    if base not in docs or docs[base].get("source") == source:
        return base
    suffix = hashlib.sha1(source.encode()).hexdigest()[:6]
    return f"{base}-{suffix}"


def build(paths: Iterable[str], workspace: Workspace, force: bool = False, encoding: str | None = None,
          max_bytes: int | None = None, on_document: Callable[[DocumentResult], None] | None = None,
          base_iri: str | None = None, progress: Callable[[str], None] | None = None) -> BuildReport:
    import time

    from kg.extract import document_id, extract, extractor_version
    from kg.loaders import load

    files = expand(paths)
    if not files:
        raise LoaderError("no documents to build (give files or directories with .txt, .html, .pdf or .docx)")
    report = BuildReport()
    with workspace.lock():
        manifest = workspace.manifest()
        for path in files:
            t0 = time.perf_counter()
            source = str(path)
            try:
                raw = load(path, encoding=encoding, limit=max_bytes)
                doc_id = _unique_id(document_id(source, raw.sha256), str(Path(source).resolve()), manifest)
                old = manifest["documents"].get(doc_id)
                if old and old.get("sha256") == raw.sha256 and not force and \
                        old.get("extractor") == extractor_version() and \
                        (workspace.documents_dir / f"{doc_id}.json").exists():
                    result = DocumentResult(source, "unchanged", doc_id, old.get("title"), old.get("counts", {}))
                else:
                    ex = extract(raw, doc_id=doc_id)
                    workspace.save(ex, manifest, extractor_version(), source=str(Path(source).resolve()))
                    workspace.write_manifest(manifest)  # after each document: a crash loses nothing built
                    result = DocumentResult(source, "built", doc_id, ex.document.title, ex.counts())
            except KGError as exc:
                result = DocumentResult(source, "failed", error=str(exc))
            result.seconds = time.perf_counter() - t0
            report.results.append(result)
            if on_document:
                on_document(result)
        workspace.write_manifest(manifest)
        if base_iri:  # also when nothing changed: the store may be missing or written by older code
            sync_store(workspace, base_iri, progress)
    return report


def sync_store(workspace: Workspace, base_iri: str, progress=None) -> None:
    """Update the persistent RDF store for the documents that changed (when pyoxigraph is installed)."""
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return
    from kg.graph import load_corpus
    from kg.sync import sync_rdf_store

    report = sync_rdf_store(workspace, load_corpus(workspace), base_iri, progress)
    if progress:
        progress(f"RDF store: {len(report.rewritten)} graph(s) rewritten, {report.unchanged} unchanged "
                 f"({report.seconds:.1f} s)")


def stats(workspace: Workspace) -> list[dict]:
    """Counts by entity type, per document (the rows of ``kg stats``)."""
    manifest = workspace.require().manifest()
    rows = []
    for doc_id, info in sorted(manifest["documents"].items()):
        counts = info.get("counts", {})
        rows.append({"document": doc_id, "title": info.get("title"), **{
            k: counts.get(k, 0) for k in ("sections", "measures", "projects", "places", "organizations", "targets")}})
    return rows
