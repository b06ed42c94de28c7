"""Finding candidate names: every project head in a clause, with the name that ends in it."""
from __future__ import annotations

import re

from kg.extract.lexicon import CJK, STRONG_SUFFIXES
from kg.extract.projects.boundaries import clauses, continues_word, ends_phrase, left_edge
from kg.extract.projects.heads import NOT_A_SUFFIX_AFTER, PAREN_TAIL, PHASE, SUFFIX_KIND, SUFFIX_RE, ZONE_HEADS
from kg.extract.projects.lists import with_list
from kg.extract.projects.model import Candidate
from kg.extract.projects.quoted import bare_quotes, enumerated, shaped_names, split_quoted_run

# “三北”工程造林种草, “三北”工程总体规划: a programme named in quotes ends at its head, whatever follows
_PROGRAMME_HEADS = ("工程", "行动", "计划", "行动计划")


_NOT_A_LINE_BEFORE = set("全沿一热底红界")


def find_candidates(text: str, sentences) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in sentences:
        for clause_start, clause_end in clauses(text, sent.start, sent.end):
            out.extend(_clause_candidates(text, clause_start, clause_end))
    return out


def _suffix_hits(text: str, clause_start: int, clause_end: int):
    hits = []
    for m in SUFFIX_RE.finditer(text, clause_start, clause_end):
        head_start, head_end = m.start(), m.end()
        after = NOT_A_SUFFIX_AFTER.match(text[head_end:head_end + 4])
        if after and not (after.group(0) == "功能" and m.group(0).endswith(("平台", "系统"))):
            continue  # 枢纽功能 is what a hub does; 服务平台功能 are the features of a named system
        if m.group(0) == "线" and text[head_start - 1:head_start] in _NOT_A_LINE_BEFORE:
            continue  # 全线贯通, 沿线, 一线, 热线, 底线: the word 线, not a line's name
        # a longer suffix may start inside this one (平台 / 台…): the regex already prefers long ones
        hits.append((head_start, head_end, m.group(0)))
    return hits


def _extend_right(text: str, end: int, clause_end: int) -> int:
    if text[end:end + 1] in ("”", '"') and text.rfind("“", 0, end) > text.rfind(text[end], 0, end):
        end += 1  # 高等教育“登峰计划”: the name ends with its quote
    m = PHASE.match(text[end:clause_end])
    if m and not re.search(r"(发展|建设|工程|项目)$", m.group(0)):
        end += m.end()
    m = PAREN_TAIL.match(text[end:clause_end])
    if m:
        end += m.end()
    return end


def _clause_candidates(text: str, clause_start: int, clause_end: int) -> list[Candidate]:
    out: list[Candidate] = []
    covered_until = clause_start
    for head_start, head_end, suffix in _suffix_hits(text, clause_start, clause_end):
        if head_start < covered_until:
            continue
        # the suffix must end the phrase: what follows is a verb, a list mark, a phase or the clause end
        end = _extend_right(text, head_end, clause_end)
        nxt = text[end:end + 1]
        quoted_programme = text[head_start - 1:head_start] == "”" and suffix in _PROGRAMME_HEADS
        if nxt and re.match(f"[{CJK}]", nxt) and not ends_phrase(text, end, clause_end) and not quoted_programme \
                and not (len(suffix) >= 2 and SUFFIX_KIND[suffix] in STRONG_SUFFIXES and not continues_word(text, end)):
            continue  # an infrastructure head ends the name unless a word runs on (东庄水利枢纽|下闸蓄水)
        q_open = text.rfind("“", clause_start, head_start)
        if q_open > text.rfind("”", clause_start, head_start) and q_open >= 0:
            start = left_edge(text, clause_start, q_open, stop_at_deng=True)  # the head is inside a quoted name
        else:
            start = left_edge(text, clause_start, head_start)
        if start >= head_start:
            continue
        inner = list(re.finditer(r"(重点工程|重大工程|重点项目|重大项目|工程|项目)", text[start:head_start]))
        if inner and head_start - (start + inner[-1].end()) >= 2 and text[start + inner[-1].end()] not in "“":
            start += inner[-1].end()
        kind = SUFFIX_KIND[suffix]
        inner_name = re.match(rf"^(.+(?:{'|'.join(sorted(ZONE_HEADS, key=len, reverse=True))}))建设(行动|工程)$",
                              text[start:end])
        if inner_name:  # “一带一路”科技创新合作区建设行动 is about the zone
            end = start + len(inner_name.group(1))
            suffix = next(sf for sf in sorted(ZONE_HEADS, key=len, reverse=True) if inner_name.group(1).endswith(sf))
            head_start = end - len(suffix)
            kind = SUFFIX_KIND.get(suffix, "zone")
        if out and not out[-1].derived and start <= out[-1].start and out[-1].end <= head_start and \
                not re.search(r"[、等]", text[out[-1].end:head_start]):
            out.pop()  # 江北国际机场 inside 江北国际机场T3B航站楼
        out.extend(with_list(text, clause_start, start, head_start, end, suffix, kind, out))
        covered_until = end
    out = [part for c in out for part in split_quoted_run(c)]
    out.extend(enumerated(text, clause_start, clause_end))
    out.extend(shaped_names(text, clause_start, clause_end, out))
    out.extend(bare_quotes(text, clause_start, clause_end, out))
    return out
