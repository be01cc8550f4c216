"""Words of a text for the search index: Thai has no spaces, so a dictionary segmenter decides.

PyThaiNLP's ``newmm`` keeps dictionary compounds whole ("กระทรวงอุตสาหกรรม"), so a search
for "อุตสาหกรรม" would miss it. Each compound is therefore also split into the dictionary
words it is made of (segmented again without the compound itself, two levels deep, and only
when every part is a real word of two or more letters): the index holds both the compound
and its parts. The same function segments the query, so both sides agree.
"""

import functools
import re
import unicodedata

THAI_RUN = re.compile(r"[\u0E01-\u0E4E]+")
OTHER_WORD = re.compile(r"[^\W_]+")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MAX_TERM_LENGTH = 64
SUB_WORD_DEPTH = 2


@functools.cache
def _trie():
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


@functools.cache
def _stopwords():
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


class _Without:
    """The dictionary minus one word, so the segmenter must split that word into others."""

    def __init__(self, trie, word):
        self.trie, self.word = trie, word

    def prefixes(self, text, start=0):
        return [found for found in self.trie.prefixes(text, start) if found != self.word]


def _segment(text, trie):
    from pythainlp.tokenize.newmm import segment

    return segment(text, custom_dict=trie)


def normalize(text):
    """NFC, Thai digits as Arabic, Thai vowel and tone marks in canonical order."""
    from pythainlp.util import normalize as thai_normalize

    text = unicodedata.normalize("NFC", text or "").translate(THAI_DIGITS)
    return thai_normalize(text)


@functools.lru_cache(maxsize=100_000)
def sub_words(word, depth=SUB_WORD_DEPTH):
    """Dictionary words a Thai compound is made of, e.g. กระทรวงอุตสาหกรรม -> กระทรวง,
    อุตสาหกรรม, กระ, ทรวง, ... (empty for a word that is not a compound)."""
    if depth <= 0 or len(word) < 4:
        return ()
    trie = _trie()
    parts = _segment(word, _Without(trie, word))
    if len(parts) < 2 or any(len(part) < 2 or part not in trie for part in parts):
        return ()
    found = []
    for part in parts:
        found.append(part)
        found.extend(sub_words(part, depth - 1))
    return tuple(dict.fromkeys(found))


def words(text):
    """The words of ``text`` in order: Thai segmented, Latin lower-cased, digits kept.

    Thai stop words ("และ", "ของ", PyThaiNLP's list) are left out: they are on every page.
    """
    text = normalize(text)
    stop = _stopwords()
    result = []
    position = 0
    for match in THAI_RUN.finditer(text):
        result.extend(_other_words(text[position : match.start()]))
        for word in _segment(match.group(), _trie()):
            if len(word) >= 2 and word not in stop:
                result.append(word[:MAX_TERM_LENGTH])
        position = match.end()
    result.extend(_other_words(text[position:]))
    return result


def _other_words(text):
    return [
        word[:MAX_TERM_LENGTH]
        for word in OTHER_WORD.findall(text.lower())
        if len(word) >= 2 or word.isdigit()
    ]


def is_stopword(word):
    return word in _stopwords()


def is_thai(word):
    return bool(THAI_RUN.fullmatch(word))


def index_terms(text):
    """{term: exact?} for indexing: every word (exact) and every part of a compound."""
    terms = {}
    for word in words(text):
        terms[word] = True
        if is_thai(word):
            stop = _stopwords()
            for part in sub_words(word):
                if part not in stop:
                    terms.setdefault(part, False)
    return terms
