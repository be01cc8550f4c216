"""The word lists the Thai search reads: dictionary, word frequencies, stop words,
abbreviations and compounds kept whole.

PyThaiNLP's dictionary and Thai National Corpus frequencies, plus the lists shipped in
``data/`` (editable text files, one entry a line) and, for a deployment's own terms, the file
named by the ``MOIT_SEARCH_WORDS`` setting. Everything is read once per process.
"""

import functools
import math
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# A word of the shipped or the deployment's list counts as this common (per million words of
# the corpus): a term an office chose is a word, whatever the corpus saw.
LISTED_WORD_FREQUENCY = 20


def _lines(path):
    """The entries of a word-list file: stripped, without comments and blank lines."""
    path = Path(path)
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return entries


def _normal(word):
    """A listed word as the segmenter sees text (marks in canonical order, lower case)."""
    from .segment import normalize

    return normalize(word).lower()


def _corpus(word):
    """A corpus word: already in canonical order, only NFC and case (fast for 100,000)."""
    return unicodedata.normalize("NFC", word).lower()


def extra_words_file():
    """The deployment's word list (``MOIT_SEARCH_WORDS``), or None outside Django."""
    try:
        from django.conf import settings

        return getattr(settings, "MOIT_SEARCH_WORDS", None) if settings.configured else None
    except ImportError:  # pragma: no cover - the package always has Django
        return None


@functools.cache
def listed_words():
    words = _lines(DATA / "words.txt")
    extra = extra_words_file()
    if extra:
        words += _lines(extra)
    return frozenset(_normal(word) for word in words)


@functools.cache
def words():
    """Every word the segmenter may cut out: PyThaiNLP's, the shipped and the deployment's,
    minus the "การ…"/"ความ…" nominalisations of another word (the corpus has hundreds:
    "การอบรม" would swallow the end of "โครงการอบรม"); "การ" and "ความ" are words of their own."""
    from pythainlp.corpus import thai_words

    known = {_corpus(word) for word in thai_words()} | listed_words()
    listed = listed_words()
    nominalisations = {
        word
        for word in known
        if word.startswith(("การ", "ความ"))
        and word not in listed
        and word[3 if word.startswith("การ") else 4 :] in known
    }
    return frozenset(known - nominalisations)


@functools.cache
def trie():
    from pythainlp.util import Trie

    return Trie(words())


@functools.cache
def costs():
    """-log(probability) of each dictionary word, from the Thai National Corpus counts
    (add-one smoothing); a word of the shipped lists at least ``LISTED_WORD_FREQUENCY``."""
    from pythainlp.corpus import tnc

    counts = {}
    for word, count in tnc.word_freqs():
        word = _corpus(word)
        counts[word] = counts.get(word, 0) + count
    known = words()
    total = sum(counts.values()) + len(known)
    floor = LISTED_WORD_FREQUENCY * total / 1_000_000
    result = {}
    for word in known:
        count = counts.get(word, 0)
        if word in listed_words():
            count = max(count, floor)
        result[word] = -math.log((count + 1) / total)
    return result


@functools.cache
def stopwords():
    return frozenset(_normal(word) for word in _lines(DATA / "stopwords.txt"))


@functools.cache
def abbreviations():
    """{abbreviation: words it stands for}, longest first."""
    pairs = []
    for line in _lines(DATA / "abbreviations.txt"):
        short, _, long = line.partition("=")
        if short.strip() and long.strip():
            pairs.append((_normal(short.strip()), _normal(long.strip())))
    return dict(sorted(pairs, key=lambda pair: -len(pair[0])))


@functools.cache
def compounds():
    """{compound: parts to index}: compounds whose dictionary parts do not carry their meaning."""
    result = {}
    for line in _lines(DATA / "compounds.txt"):
        word, _, parts = line.partition(":")
        result[_normal(word.strip())] = tuple(_normal(part) for part in parts.split())
    return result
