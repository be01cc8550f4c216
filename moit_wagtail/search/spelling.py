"""Did you mean: one-letter typing errors in Thai, and Thai typed on the English layout.

PyThaiNLP's ``correct`` also tries every two-letter edit, which takes seconds for a long
word (26 s for 20 letters here); a search page cannot wait, so only single edits (delete,
swap, replace, insert one Thai character) are tried, ranked by PyThaiNLP's word frequencies.
"""

import functools

THAI_LETTERS = [chr(code) for code in range(0x0E01, 0x0E4F)]
MAX_LENGTH = 30


@functools.cache
def _checker():
    from pythainlp.spell.core import default_spell_checker

    return default_spell_checker()


def _edits1(word):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in THAI_LETTERS]
    inserts = [a + c + b for a, b in splits for c in THAI_LETTERS]
    return set(deletes + swaps + replaces + inserts)


def correct_word(word):
    """The most frequent known word one edit away from ``word``, or ``word`` itself."""
    checker = _checker()
    if len(word) > MAX_LENGTH or checker.known([word]):
        return word
    candidates = checker.known(_edits1(word))
    return max(candidates, key=checker.freq) if candidates else word


def keyboard_layout(text):
    """Latin letters typed with the Thai layout in mind, as the Thai they were meant to be."""
    from pythainlp.util import eng_to_thai

    return eng_to_thai(text)
