"""The exceptions the library raises.

Every error a user can cause or meet (a bad file, a missing workspace, a server
that is down) is a :class:`KGError`; the command line turns it into one clear
line and a non-zero exit.  Anything else escaping is a bug.
"""
from __future__ import annotations


class KGError(Exception):
    """Base class: a problem the user can act on.  ``str(err)`` is the message."""

    exit_code = 1


class LoaderError(KGError):
    """A document could not be read (missing, empty, binary, unsupported format)."""


class EncodingError(LoaderError):
    """The bytes of a text document could not be decoded with confidence."""


class DocumentTooLargeError(LoaderError):
    """A document is over the configured size limit."""


class ExtractionError(KGError):
    """The text was read but is not something we can extract from."""


class WorkspaceError(KGError):
    """The workspace is missing, locked by another process, or unreadable."""


class OntologyError(KGError):
    """The ontology or the SHACL shapes are missing or malformed."""


class ValidationFailed(KGError):
    """SHACL validation found violations (the report is attached)."""

    def __init__(self, message: str, report: list | None = None):
        super().__init__(message)
        self.report = report or []


class QueryError(KGError):
    """A saved or ad-hoc query is unknown, malformed or failed to run."""


class Neo4jUnavailable(KGError):
    """No Neo4j server answered at the configured address."""


class Neo4jError(KGError):
    """Neo4j answered but the operation failed."""


class ExportError(KGError):
    """An export format is unknown or an export could not be written."""


class ViewError(KGError):
    """A view is unknown or could not be rendered."""


class MissingDependency(KGError):
    """An optional dependency is needed for this command."""

    def __init__(self, package: str, extra: str):
        super().__init__(f"this needs the Python package '{package}': install with: pip install 'plan-kg[{extra}]'")


def require(module: str, extra: str):
    """Import an optional dependency or raise a :class:`MissingDependency` naming the extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependency(module.split(".")[0], extra) from exc
