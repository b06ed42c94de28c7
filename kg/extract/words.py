"""Common words, to tell a name from the middle of a word.

A short name is only a mention when the text around it does not make it part
of an everyday word: 同心 (a county) is not named in 共同心声, 长治 (a city) not
in 长治久安, 贺兰 (a county) not in 贺兰山.  ``kg/data/words.txt`` holds about
44,000 common words (jieba's dictionary without its proper nouns; see
``scripts/build_lexicon.py``).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    text = (resources.files("kg") / "data" / "words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Frequent two-character words: a place's short name that is one of them (合作, 延长) needs support."""
    text = (resources.files("kg") / "data" / "everyday.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def lead_words() -> frozenset[str]:
    """Verbs and adverbs that govern a name (听取, 专门): before a place they are not part of its name."""
    text = (resources.files("kg") / "data" / "lead_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


def cuts_word(text: str, start: int, end: int, longest: int = 4) -> bool:
    """Does text[start:end] cut a common word in two, or sit inside a longer one?

    共同心声 with 同心 at 1..3: 共同 crosses its start (and 心声 its end), so True.
    在贺兰山 with 贺兰山 at 1..4: no common word crosses it, so False."""
    words = common_words()
    for size in range(2, longest + 1):
        for i in range(max(0, start - size + 1), min(end, len(text) - size + 1)):
            j = i + size
            if (i, j) == (start, end) or (start <= i and j <= end):
                continue  # the span itself, or a word inside it
            if text[i:j] in words:
                return True
    return False


@lru_cache(maxsize=1)
def plain_vocabulary() -> frozenset[str]:
    """Common words and the words so frequent they are everyday whatever their tag (城市, 社区)."""
    text = (resources.files("kg") / "data" / "frequent.txt").read_text(encoding="utf-8")
    return common_words() | frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


def plain_words(text: str) -> bool:
    """Can ``text`` be read entirely as everyday words (城市更新 = 城市|更新)?  A name has a part that
    is not one (中石化特种纤维: 中石化 is a name)."""
    words = plain_vocabulary()
    reachable = [True] + [False] * len(text)
    for i in range(len(text)):
        if not reachable[i]:
            continue
        for size in (2, 3, 4):
            if i + size <= len(text) and text[i:i + size] in words:
                reachable[i + size] = True
    return reachable[len(text)]
