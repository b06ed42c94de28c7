"""The saved-query registry: ``queries/NAME.rq`` and ``queries/NAME.cypher``.

A saved question exists in one or both languages; both files carry the same
header (title, description, params with defaults), and return the same
columns.  Parameters are always bound by the engine (SPARQL initBindings /
substitutions, Cypher $parameters), never pasted into the query text.  A
SPARQL query selects the parameters it uses - pyoxigraph substitutes only
selected variables - and its answer leaves them out
(docs/decisions/0008-sparql-parameters.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import QueryError

ENGINES = {".rq": "sparql", ".cypher": "cypher"}
_HEADER = re.compile(r"^\s*(?:#|//)\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*(?:--\s*(.*))?$")


@dataclass
class Param:
    name: str
    default: str
    description: str = ""

    @property
    def type(self) -> str:
        return "integer" if re.search(r"\(integer\)", self.description) or self.name in ("limit",) else "string"

    def convert(self, raw: str):
        if self.type == "integer":
            try:
                value = int(raw)
            except (TypeError, ValueError):
                raise QueryError(f"parameter '{self.name}' must be an integer, not {raw!r}") from None
            if self.name == "limit" and value < 0:  # a negative LIMIT would mean "every row" to some engines
                raise QueryError(f"parameter 'limit' must be 0 or more, not {value}")
            return value
        return str(raw)


@dataclass
class SavedQuery:
    name: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # engine -> query text
    paths: dict[str, Path] = field(default_factory=dict)

    @property
    def engines(self) -> list[str]:
        return sorted(self.texts)

    def bindings(self, given: dict[str, str]) -> dict:
        """Parameter values (typed), defaults filled in; unknown names are an error."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(f"query '{self.name}' has no parameter {', '.join(unknown)} "
                             f"(it takes: {', '.join(known) or 'none'})")
        return {p.name: p.convert(given.get(p.name, p.default)) for p in self.params}

    def to_row(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [{"name": p.name, "default": p.default, "type": p.type, "description": p.description}
                           for p in self.params],
                "engines": self.engines}


def parse_header(text: str) -> tuple[str, str, list[Param]]:
    title, description, params = "", "", []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip() and not line.strip().startswith(("#", "//")):
                break
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"bad parameter line: {line.strip()!r} (expected NAME=DEFAULT -- description)")
            params.append(Param(pm.group(1), pm.group(2), pm.group(3) or ""))
    return title, description, params


def registry(directory: Path | None = None) -> dict[str, SavedQuery]:
    from kg.queries import directory as default_dir

    d = directory or default_dir()
    out: dict[str, SavedQuery] = {}
    for path in sorted(d.iterdir()):
        engine = ENGINES.get(path.suffix)
        if not engine:
            continue
        text = path.read_text(encoding="utf-8")
        title, description, params = parse_header(text)
        q = out.setdefault(path.stem, SavedQuery(path.stem))
        header = (title, [(p.name, p.default) for p in params])
        if q.texts and header != (q.title, [(p.name, p.default) for p in q.params]):
            raise QueryError(f"{path.name}: its header (title or params) differs from the other language's file")
        q.title, q.description, q.params = title, description or q.description, params
        q.texts[engine] = text
        q.paths[engine] = path
    return out


def get(name: str) -> SavedQuery:
    reg = registry()
    if name not in reg:
        raise QueryError(f"no saved query '{name}' (available: {', '.join(sorted(reg))})")
    return reg[name]
