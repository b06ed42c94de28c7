"""The workspace: a directory every command reads and ``kg build`` writes.

Layout::

    WORKSPACE/
      manifest.json          documents built, with source path, content hash, counts
      documents/<id>.json    one extraction per document (the JSON contract)
      curation.yaml          the user's merge / no-merge / rename decisions (optional)
      .lock                  held while a build writes

Every file is written atomically (temporary file, then rename), so a build
killed at any point leaves the previous state readable.  Concurrent builds are
serialised by an exclusive lock on ``.lock``; a second build waits a little and
then refuses clearly.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import WorkspaceError

if TYPE_CHECKING:
    from kg.model import Extraction

DEFAULT_WORKSPACE = "kg-workspace"
FORMAT_VERSION = 1


def resolve(path: str | os.PathLike | None) -> Path:
    """The workspace directory: the option, else $KG_WORKSPACE, else ./kg-workspace."""
    return Path(path or os.environ.get("KG_WORKSPACE") or DEFAULT_WORKSPACE)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; a written file should look like any other
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Workspace:
    def __init__(self, path: str | os.PathLike | None = None):
        self.path = resolve(path)

    # -- layout ------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    @property
    def documents_dir(self) -> Path:
        return self.path / "documents"

    @property
    def curation_path(self) -> Path:
        return self.path / "curation.yaml"

    def exists(self) -> bool:
        return self.manifest_path.exists()

    def require(self) -> Workspace:
        if not self.exists():
            raise WorkspaceError(f"no workspace at {self.path} (run 'kg build FILE' first, "
                                 "or point --workspace / KG_WORKSPACE at one)")
        return self

    # -- manifest ----------------------------------------------------------
    def manifest(self) -> dict:
        if not self.exists():
            return {"format": FORMAT_VERSION, "documents": {}}
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise WorkspaceError(f"the workspace manifest {self.manifest_path} is unreadable: {exc}") from exc
        if not isinstance(data, dict) or "documents" not in data:
            raise WorkspaceError(f"{self.manifest_path} is not a kg workspace manifest")
        return data

    def write_manifest(self, manifest: dict) -> None:
        atomic_write(self.manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))

    # -- documents ---------------------------------------------------------
    def document_ids(self) -> list[str]:
        return sorted(self.manifest()["documents"])

    def load(self, doc_id: str) -> Extraction:
        from kg.model import Extraction

        path = self.documents_dir / f"{doc_id}.json"
        try:
            return Extraction.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise WorkspaceError(f"document '{doc_id}' is in the manifest but {path} is missing; "
                                 "rebuild it with 'kg build'") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise WorkspaceError(f"{path} is unreadable ({exc}); rebuild it with 'kg build'") from exc

    def extractions(self) -> list[Extraction]:
        return [self.load(d) for d in self.document_ids()]

    def save(self, ex: Extraction, manifest: dict, extractor: str = "", source: str | None = None) -> None:
        """Write one document and record it in ``manifest`` (the caller writes the manifest);
        ``extractor`` is the version of the code that extracted it, ``source`` the file's path (the
        manifest is the one place that keeps it: the document itself carries only the file name)."""
        atomic_write(self.documents_dir / f"{ex.document.id}.json",
                     json.dumps(ex.to_dict(), ensure_ascii=False, indent=1))
        manifest["documents"][ex.document.id] = {
            "source": source or ex.document.source, "sha256": ex.document.sha256, "title": ex.document.title,
            "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "counts": ex.counts(), "extractor": extractor,
        }

    def remove(self, doc_id: str, manifest: dict) -> None:
        manifest["documents"].pop(doc_id, None)
        with contextlib.suppress(FileNotFoundError):
            (self.documents_dir / f"{doc_id}.json").unlink()

    # -- locking -----------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, wait: float = 5.0) -> Iterator[None]:
        """Hold the workspace's write lock; refuse clearly if another build holds it."""
        import fcntl

        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise WorkspaceError(f"another kg build is writing {self.path}; "
                                             "wait for it to finish and try again") from None
                    time.sleep(0.1)
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
