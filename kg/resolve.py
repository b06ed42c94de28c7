"""Cross-document entity resolution and the user's curation.

The same project, place or organization is often named differently in two
plans.  Rules, each recorded with its evidence in the merge report:

* **same key** - names equal after normalisation (NFKC, quotes, brackets);
* **shared alias** - a name or alias of one is a name or alias of the other;
* **qualifier** - one name is the other plus a bracketed segment, phase or place
  (长征国家文化公园（四川段）); the unqualified name names the project;
* **type suffix** - one name is the other plus a project-type word:
  成渝中线 / 成渝中线高铁, 渝西水资源配置 / 渝西水资源配置工程;
* places merge by administrative code, so 璧山 / 璧山区 / Bishan are one place.

Organizations named relative to their issuer (市政府, 市发展改革委) are never
merged across issuers: 重庆's 市政府 is not 包头's.

A curation file (``curation.yaml`` in the workspace) lets a user force or
forbid a merge and fix a name; it is applied after the rules, so it survives
rebuilds::

    merge:
      - [成渝中线, 成渝中线高铁]
    no_merge:
      - [两江新区, 两江新区气候投融资国家试点]
    rename:
      成渝中线高铁: 成渝中线高速铁路
"""
from __future__ import annotations

import re
import unicodedata

from kg.errors import WorkspaceError

_QUALIFIER = re.compile(r"[（(][^（）()]{1,8}[)）]$")
_TYPE_WORDS = ("高速铁路", "高铁", "铁路", "高速公路", "高速", "工程", "项目", "平台", "建设", "扩容")


def key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"[“”\"'‘’《》「」\s·]", "", name)
    return name.replace("—", "-").replace("–", "-").replace("－", "-")


def _names(entity) -> set[str]:
    return {key(n) for n in [entity.name, *entity.aliases] if n}


def _merge_into(target, other) -> None:
    for alias in [other.name, *other.aliases]:
        target.add_alias(alias)
    for m in other.mentions:
        target.add_mention(m)
    if hasattr(target, "places"):
        for p in other.places:
            if p not in target.places:
                target.places.append(p)
        if not target.status and other.status:
            target.status = other.status
    if hasattr(target, "leads"):  # measure numbers only mean something within their document
        for doc, numbers in other.leads.items():
            target.leads[doc] = sorted(set(target.leads.get(doc, [])) | set(numbers))
        target.responsible_for = sorted(set(target.responsible_for) | set(other.responsible_for))
    if hasattr(target, "members"):
        for m in other.members:
            if m not in target.members:
                target.members.append(m)


def resolve(corpus, curation: dict) -> None:
    """Fill corpus.projects / places / organizations from its documents, merging as the rules say."""
    forbid = {frozenset(map(key, pair)) for pair in curation.get("no_merge", []) or []}
    corpus.merges = []
    for kind in ("projects", "places", "organizations"):
        table: dict[str, object] = {}
        for ex in corpus.documents:
            for entity in getattr(ex, kind):
                e = entity.copy()
                if kind == "organizations":
                    e.leads = {ex.document.id: sorted(set(e.responsible_for))} if e.responsible_for else {}
                if e.id in table:
                    _merge_into(table[e.id], e)
                else:
                    table[e.id] = e
        if kind != "places":
            _rule_merges(kind, table, corpus.merges, forbid)
        setattr(corpus, kind, table)
    _apply_curation(corpus, curation, forbid)


def _rule_merges(kind: str, table: dict, report: list, forbid: set) -> None:
    ids = sorted(table, key=lambda i: (len(table[i].name), i))
    alias_owner: dict[str, str] = {}
    for i in ids:
        for n in _names(table[i]):
            alias_owner.setdefault(n, i)
    for i in ids:
        if i not in table:
            continue
        e = table[i]
        partner, evidence = None, None
        for n in _names(e):
            owner = alias_owner.get(n)
            if owner and owner != i and owner in table:
                partner, evidence = owner, f"shared name or alias '{n}'"
                break
        if partner is None and kind == "projects" and _QUALIFIER.search(e.name):
            base = "project:" + key(_QUALIFIER.sub("", e.name))
            if base in table and base != i:
                partner, evidence = base, f"'{e.name}' is '{table[base].name}' with a qualifier"
        if partner is None and kind == "projects":
            k = key(e.name)
            for word in _TYPE_WORDS:
                candidate = "project:" + k + word
                if candidate in table:
                    partner, evidence = candidate, f"'{e.name}' + '{word}' is '{table[candidate].name}'"
                    break
        if partner is None or partner not in table or not _same_scope(kind, e, table[partner]):
            continue
        a, b = table[partner], e
        if frozenset((key(a.name), key(b.name))) in forbid:
            continue
        # keep the longer, more complete name as the entity; the other becomes an alias - except a qualifier
        # (a segment, a phase, a place in brackets) that one document wrote: it belongs to that document's
        # mentions, not to the project everywhere (长征国家文化公园（四川段） in another province's report)
        into, other = (a, b) if len(key(a.name)) >= len(key(b.name)) else (b, a)
        if key(_QUALIFIER.sub("", into.name)) == key(other.name):
            into, other = other, into
        into_id = partner if into is a else i
        other_id = i if into is a else partner
        _merge_into(into, other)
        del table[other_id]
        report.append({"type": kind, "into": into.name, "into_id": into_id, "merged": other.name,
                       "merged_id": other_id, "evidence": evidence,
                       "documents": sorted({m.document for m in into.mentions})})
        for n in _names(into):
            alias_owner[n] = into_id


def _same_scope(kind: str, a, b) -> bool:
    """Organizations named relative to an issuer only merge within that issuer."""
    if kind != "organizations":
        return True
    sa, sb = a.id.split(":")[1] if a.id.count(":") > 1 else "", b.id.split(":")[1] if b.id.count(":") > 1 else ""
    return sa == sb


def _find(table: dict, name: str):
    k = key(name)
    for i, e in table.items():
        if i == name or k in _names(e):
            return i
    return None


def _apply_curation(corpus, curation: dict, forbid: set) -> None:
    if not isinstance(curation, dict):
        raise WorkspaceError("curation.yaml must be a mapping with merge / no_merge / rename")
    for pair in curation.get("merge", []) or []:
        if not isinstance(pair, (list, tuple)) or len(pair) < 2:
            raise WorkspaceError(f"curation.yaml: each merge is a list of two names, not {pair!r}")
        for kind in ("projects", "organizations", "places"):
            table = getattr(corpus, kind)
            ids = [_find(table, n) for n in pair]
            if all(ids) and len(set(ids)) > 1:
                into = table[ids[0]]
                for other_id in ids[1:]:
                    _merge_into(into, table.pop(other_id))
                corpus.merges.append({"type": kind, "into": into.name, "into_id": ids[0], "merged": list(pair[1:]),
                                      "evidence": "curation.yaml merge", "documents": into.documents})
                break
    # no_merge: undo rule merges between the two names by rebuilding them from their documents
    for pair in curation.get("no_merge", []) or []:
        names = {key(n) for n in pair}
        for kind in ("projects", "organizations"):
            table = getattr(corpus, kind)
            for i, e in list(table.items()):
                if names <= _names(e):
                    _split(corpus, kind, table, i, [n for n in pair if key(n) != key(e.name)])
    for old, new in (curation.get("rename", {}) or {}).items():
        for kind in ("projects", "organizations", "places"):
            table = getattr(corpus, kind)
            i = _find(table, old)
            if i:
                e = table[i]
                e.add_alias(e.name)
                e.name = str(new)
                corpus.merges.append({"type": kind, "into": e.name, "into_id": i, "merged": old,
                                      "evidence": "curation.yaml rename", "documents": e.documents})
                break


def _split(corpus, kind, table, entity_id, names: list[str]) -> None:
    """Take the named alias back out of a merged entity, with the mentions written that way."""
    e = table[entity_id]
    for n in names:
        moved = [m for m in e.mentions if key(m.text) == key(n)]
        if not moved:
            continue
        clone = e.copy()
        clone.id = f"{e.id.split(':')[0]}:{key(n)}"
        clone.name, clone.aliases, clone.mentions = n, [], moved
        e.mentions = [m for m in e.mentions if m not in moved]
        e.aliases = [a for a in e.aliases if key(a) != key(n)]
        table[clone.id] = clone
        corpus.merges.append({"type": kind, "into": clone.name, "into_id": clone.id, "merged": None,
                              "evidence": "curation.yaml no_merge (split)", "documents": clone.documents})
