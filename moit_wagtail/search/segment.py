"""Words of a text for the search index: Thai has no spaces, so a dictionary segmenter decides.

A Thai run is cut into dictionary words by the most probable path through every way of
cutting it (word frequencies of the Thai National Corpus, cuts only between Thai character
clusters): "รายงานการประชุม" is รายงาน|การ|ประชุม, not ราย|งานการ|ประชุม as a
fewest-words cut would have it. Each compound is also split into the dictionary words it is
made of (กระทรวงอุตสาหกรรม -> กระทรวง, อุตสาหกรรม), except compounds whose parts mean
something else (สุขภาพ does not hold ภาพ: ``data/compounds.txt``). The index holds both the
words and their parts. Before cutting: abbreviations read as their words (พ.ร.บ. ->
พระราชบัญญัติ), a stray or missing mark at a word's end repaired; after: Buddhist and
Common era years stand for each other, "ปี67" for 2567. The same functions read the query, so
both sides agree. The word lists are in ``lexicon``.
"""

import functools
import re
import unicodedata

from . import lexicon

THAI_RUN = re.compile(r"[\u0E01-\u0E4E]+")
OTHER_WORD = re.compile(r"[^\W_]+")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MAX_TERM_LENGTH = 64
MAX_QUERY_TERMS = 10
SUB_WORD_DEPTH = 3
# "การ" and "ความ" make a noun of the word after them: joined to it as one term, so
# "การประชุม" finds a meeting (การ|ประชุม), not every title with ประชุม in it.
NOMINALISERS = frozenset({"การ", "ความ"})
# Marks that end a cluster; typed by mistake after a word, or left out at its end.
MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47"
THANTHAKHAT = "\u0e4c"
# The cost of a Thai character cluster that starts no dictionary word (-log probability):
# above any real word's (about 17 for a word the corpus never saw), so a name or a typo is
# cut as few clusters as possible and never preferred to words.
UNKNOWN_COST = 24.0
# How much likelier (in -log probability) a query word with a final thanthakhat added must be
# than its cut without, to be read with it: a whole word against several pieces.
REPAIR_MARGIN = 8.0
BUDDHIST_ERA = 543
YEAR_WORDS = frozenset({"ปี", "ปีงบ", "ปีงบประมาณ", "ปีการศึกษา"})


def normalize(text):
    """NFC, Thai digits as Arabic, Thai vowel and tone marks in canonical order (doubled
    marks once)."""
    from pythainlp.util import normalize as thai_normalize

    text = unicodedata.normalize("NFC", text or "").translate(THAI_DIGITS)
    return thai_normalize(text)


def is_stopword(word):
    return word in lexicon.stopwords()


def is_thai(word):
    return bool(THAI_RUN.fullmatch(word))


# -- cutting a Thai run ---------------------------------------------------------------------


# Titles repeat their words, body text rarely does: a bounded cache of runs (about 10 MB).
@functools.lru_cache(maxsize=20_000)
def _cut(run, without=""):
    """[(piece, known?)]: the cheapest cut of ``run`` into dictionary words (never the word
    ``without`` itself), consecutive unknown clusters joined into one piece."""
    from pythainlp.tokenize.tcc import tcc_pos

    ends = tcc_pos(run) | {len(run)}
    trie, costs = lexicon.trie(), lexicon.costs()
    best = {0: (0.0, 0, False)}  # position -> (cost, previous position, known word?)
    for start in sorted({0} | ends):
        if start not in best or start == len(run):
            continue
        here = best[start][0]
        for word in trie.prefixes(run, start):
            end = start + len(word)
            if end in ends and word != without:
                cost = here + costs.get(word, UNKNOWN_COST)
                if end not in best or cost < best[end][0]:
                    best[end] = (cost, start, True)
        end = min(position for position in ends if position > start)
        cost = here + UNKNOWN_COST
        if end not in best or cost < best[end][0]:
            best[end] = (cost, start, False)
    pieces, end = [], len(run)
    while end > 0:
        _cost, start, known = best[end]
        if not known and pieces and not pieces[-1][1]:
            pieces[-1] = (run[start:end] + pieces[-1][0], False)
        else:
            pieces.append((run[start:end], known))
        end = start
    return tuple(reversed(pieces))


def _join_nominalisers(pieces):
    """Pieces with each "การ"/"ความ" joined to the Thai word after it."""
    result = []
    for piece in pieces:
        if result and result[-1] in NOMINALISERS and is_thai(piece) and not is_stopword(piece):
            result[-1] += piece
        else:
            result.append(piece)
    return result


def _cost(pieces):
    costs = lexicon.costs()
    return sum(costs.get(piece, UNKNOWN_COST) if known else UNKNOWN_COST for piece, known in pieces)


def _repair(run, query=False):
    """The cut of ``run``, with a stray mark after a word dropped ("ประกาศ่") when that turns
    unknown clusters into words; in a query also a left-out final thanthakhat added
    ("ผลประโยชน" -> ผลประโยชน์) when the word with it is much likelier than the pieces
    without it (ผล|ประ|โย|ชน)."""
    pieces = _cut(run)
    unknown = sum(not known for _piece, known in pieces)
    if query and len(pieces) > 1 and run[-1] not in MARKS:
        marked = _cut(run + THANTHAKHAT)
        if all(known for _piece, known in marked) and _cost(marked) + REPAIR_MARGIN < _cost(pieces):
            return marked
    if not unknown:
        return pieces
    candidates = []
    position = 0
    for piece, known in pieces:
        position += len(piece)
        if not known and piece[-1] in MARKS:
            candidates.append(run[: position - 1] + run[position:])
    for candidate in candidates:
        repaired = _cut(candidate)
        if sum(not known for _piece, known in repaired) < unknown:
            return repaired
    return pieces


@functools.lru_cache(maxsize=100_000)
def sub_words(word, depth=SUB_WORD_DEPTH):
    """Dictionary words a Thai compound is made of, e.g. กระทรวงอุตสาหกรรม -> กระทรวง,
    อุตสาหกรรม, ... (empty for a word that is not a compound, and for a compound kept whole);
    stop words left out."""
    if depth <= 0 or len(word) < 5:
        return ()
    for prefix in NOMINALISERS:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and rest in lexicon.words():
            return tuple(dict.fromkeys((rest, *sub_words(rest, depth))))
    listed = lexicon.compounds()
    if word in listed:
        parts = listed[word]
    else:
        pieces = _cut(word, without=word)
        if len(pieces) < 2 or any(len(part) < 2 or not known for part, known in pieces):
            return ()
        parts = _join_nominalisers([part for part, _known in pieces])
        if len(parts) < 2:
            return ()
    found = []
    for part in parts:
        if not is_stopword(part):
            found.append(part)
        found.extend(sub_words(part, depth - 1))
    return tuple(dict.fromkeys(found))


# -- the words of a text --------------------------------------------------------------------


@functools.cache
def _dotted_abbreviations():
    """One pattern for the abbreviations written with dots, standing apart from letters."""
    forms = [short for short in lexicon.abbreviations() if not is_thai(short)]
    if not forms:
        return None
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\u0E01-\u0E4Ea-z])(?:{alternatives})")


def _expand_dotted(text):
    pattern = _dotted_abbreviations()
    if pattern is None:
        return text
    table = lexicon.abbreviations()
    return pattern.sub(lambda found: f" {table[found.group()]} ", text)


def _thai_words(run, query=False):
    """The words of one Thai run: cut, abbreviations of Thai letters read as their words."""
    table = lexicon.abbreviations()
    result = []
    for piece, _known in _repair(run, query):
        if piece in table:
            expansion = table[piece]
            result.extend(_thai_words(expansion) if is_thai(expansion) else [expansion])
            continue
        result.append(piece)
    return _join_nominalisers(result)


def _tokens(text, query=False):
    """The words of ``text`` in order, stop words and single letters included."""
    text = _expand_dotted(normalize(text).lower())
    result, position = [], 0
    for match in THAI_RUN.finditer(text):
        result.extend(OTHER_WORD.findall(text[position : match.start()]))
        result.extend(_thai_words(match.group(), query))
        position = match.end()
    result.extend(OTHER_WORD.findall(text[position:]))
    return result


def _read_years(tokens):
    """A two-digit number after ปี ("ปี67", "ปีงบประมาณ 67") is the Buddhist era year 2567."""
    result = []
    for token in tokens:
        if len(token) == 2 and token.isdigit() and result and result[-1] in YEAR_WORDS:
            token = f"25{token}"
        result.append(token)
    return result


def words(text, query=False):
    """The words of ``text`` in order: Thai cut into words, Latin lower-cased, digits kept.

    Stop words (true function words: "และ", "ของ", ``data/stopwords.txt``) are left out:
    they are on every page and mean nothing alone.
    """
    result = []
    for token in _read_years(_tokens(text, query)):
        if token in lexicon.stopwords():
            continue
        if is_thai(token) and len(token) < 2:
            continue
        if not is_thai(token) and len(token) < 2 and not token.isdigit():
            continue
        result.append(token[:MAX_TERM_LENGTH])
    return result


def other_era(word):
    """The same year in the other era: 2563 <-> 2020; None for any other word."""
    if not (word.isdigit() and len(word) == 4):
        return None
    year = int(word)
    if 2400 <= year <= 2700:
        return str(year - BUDDHIST_ERA)
    if 1900 <= year <= 2157:
        return str(year + BUDDHIST_ERA)
    return None


def index_terms(text):
    """{term: exact?} for indexing: every word (exact), every part of a compound and the
    other era of a year (not exact)."""
    terms = {}
    for word in words(text):
        terms[word] = True
        if is_thai(word):
            for part in sub_words(word):
                terms.setdefault(part[:MAX_TERM_LENGTH], False)
        elif other_era(word):
            terms.setdefault(other_era(word), False)
    return terms


def query_groups(text):
    """One group of terms per word the person typed (split at spaces): a page matches a
    group when it holds every term of the group. A term already in an earlier group is not
    repeated; at most ``MAX_QUERY_TERMS`` terms."""
    groups, seen = [], set()
    for chunk in (text or "").split():
        group = [term for term in dict.fromkeys(words(chunk, query=True)) if term not in seen]
        if len(group) > 1 and any(other_era(term) for term in group):
            group = [term for term in group if term not in YEAR_WORDS]
        group = group[: MAX_QUERY_TERMS - len(seen)]
        if group:
            groups.append(group)
            seen.update(group)
    return groups


def reload_word_lists():
    """Read the word lists again (after their files or the ``MOIT_SEARCH_WORDS`` setting
    changed); the index then needs ``rebuild_thai_search_index``."""
    for cached in (
        lexicon.listed_words,
        lexicon.words,
        lexicon.trie,
        lexicon.costs,
        lexicon.stopwords,
        lexicon.abbreviations,
        lexicon.compounds,
        _dotted_abbreviations,
        _cut,
        sub_words,
    ):
        cached.cache_clear()
