# cython: language_level=3, boundscheck=False, wraparound=False, binding=True
"""Two per-block hot spots of the text path in C: an optional speed-up, like ``_cwalk``.

- ``measure_all``: the twin of ``_scoring._measure_all_python`` (every block's ``Shape``);
- ``trigger_mask``: the twin of ``_rules.RuleSet._trigger_mask_python`` (the rules a
  block's trigger words call for).

The Python functions are the reference; these must give the same result on every input
(``tests/test_compiled_text.py`` compares them on every development page it finds and on
generated text). Both spend their time in many small steps per block: looking a line up
in the page's counts, testing a few characters, cutting words and looking them up. Here
those steps are C loops over the string's code points; the regular expressions the
Python functions use for rare cases (a clock time, a dated line, a list mark, CJK) are
still called, the same compiled patterns.

It needs no library headers (no lxml): a text-only run does not import lxml for it.
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISLOWER, Py_UNICODE_ISSPACE

# ``_scoring``'s helpers, patterns and constants, given by bind_shapes()
cdef object Shape, tokens_of_block, mostly_urls
cdef object clock_search, dated_match, list_mark_match, cjk_search, cjk_findall, sentence_end_search
cdef dict SHORT
cdef frozenset STOPWORDS
cdef str CLOSERS
cdef tuple TERMINAL_MARKS
cdef double IN_BIG_GROUP, COOKIE_TEXT
cdef Py_ssize_t MID_SENTENCE, LONG_SENTENCE, WORDS_PER_MARK

# ``_rules``' helpers and constants, given by bind_triggers()
cdef object word_bits_of
cdef Py_ssize_t KEY, LAST_TIER


def bind_shapes(dict ns):
    """Take ``_scoring``'s helpers and constants (its namespace): defined in one place."""
    global Shape, tokens_of_block, mostly_urls, clock_search, dated_match, list_mark_match
    global cjk_search, cjk_findall, sentence_end_search, SHORT, STOPWORDS, CLOSERS, TERMINAL_MARKS
    global IN_BIG_GROUP, COOKIE_TEXT, MID_SENTENCE, LONG_SENTENCE, WORDS_PER_MARK
    Shape, tokens_of_block, mostly_urls = ns["Shape"], ns["_tokens"], ns["_mostly_urls"]
    clock_search, dated_match, list_mark_match = ns["_CLOCK"].search, ns["_DATED"].match, ns["_LIST_MARK"].match
    cjk_search, cjk_findall, sentence_end_search = ns["_CJK"].search, ns["_CJK"].findall, ns["_SENTENCE_END"].search
    SHORT, STOPWORDS = ns["_SHORT"], ns["ALL_STOPWORDS"]
    CLOSERS, TERMINAL_MARKS = ns["_CLOSERS"], ns["_TERMINAL_MARKS"]
    IN_BIG_GROUP, COOKIE_TEXT = ns["_IN_BIG_GROUP"], ns["_COOKIE_TEXT"]
    MID_SENTENCE, LONG_SENTENCE, WORDS_PER_MARK = ns["_MID_SENTENCE"], ns["_LONG_SENTENCE"], ns["_WORDS_PER_MARK"]


def bind_triggers(dict ns):
    """Take ``_rules``' helpers and constants (its namespace)."""
    global word_bits_of, KEY, LAST_TIER
    word_bits_of, KEY, LAST_TIER = ns["_word_bits"], ns["_KEY"], len(ns["_TIERS"]) - 1


# --------------------------------------------------------------------------- shapes


cdef bint maybe_cjk(str text):
    """``_scoring._maybe_cjk``: a character in Hangul Jamo or at U+2E80 and above, then the
    CJK pattern."""
    cdef Py_UCS4 c
    for c in text:
        if c >= 0x2E80 or 0x1100 <= c <= 0x11FF:
            return cjk_search(text) is not None
    return False


cdef bint has_clock(str text):
    return (":" in text or "um " in text or "Uhr" in text) and clock_search(text) is not None


cdef bint key_value(str text):
    """``_scoring._KEY_VALUE`` (``^[^:]{2,40}: \\S``): the first colon, at index 2 to 40,
    then a space and a character that is not whitespace."""
    cdef Py_ssize_t p = text.find(":")
    return 2 <= p <= 40 and p + 2 < len(text) and text[p + 1] == " " and not Py_UNICODE_ISSPACE(text[p + 2])


cdef bint list_marked(str text):
    head = text[1:5]
    if " " not in head and head.isprintable():
        return False
    return list_mark_match(text) is not None


cdef bint quantity(str text):
    """A digit (``\\d``) and a word whose first letter (``[^\\W\\d_]`` not after another) is
    lower case: ``_scoring._is_info``'s third test."""
    cdef Py_UCS4 c
    cdef bint digit = False, lower = False, after_letter = False
    for c in text:
        if c < 128:
            if 48 <= c <= 57:
                digit = True
                after_letter = False
            elif 97 <= c <= 122:
                lower = lower or not after_letter
                after_letter = True
            else:
                after_letter = 65 <= c <= 90
        elif Py_UNICODE_ISDECIMAL(c):
            digit = True
            after_letter = False
        elif Py_UNICODE_ISALNUM(c):
            if not after_letter and Py_UNICODE_ISLOWER(c):
                lower = True
            after_letter = True
        else:
            after_letter = False
    return digit and lower


cdef bint is_info(str text, block, Py_ssize_t n):
    if ":" in text and key_value(text):
        return True
    if list_marked(text):
        return True
    if quantity(text):
        return True
    return n >= 4 and not STOPWORDS.isdisjoint(tokens_of_block(block))


cdef bint terminal(str text):
    if text.endswith("\n"):
        text = text[: len(text) - 1]
    return text.rstrip(CLOSERS).endswith(TERMINAL_MARKS)


cdef bint unpunctuated(str text, Py_ssize_t n):
    cdef Py_ssize_t marks = text.count(".") + text.count(",")
    if marks * WORDS_PER_MARK >= n:
        return False
    marks += text.count(";") + text.count("!") + text.count("?") + text.count(":") + text.count("।")
    return marks * WORDS_PER_MARK < n and (text.isascii() or not maybe_cjk(text))


cdef object measure(block, dict repeats, dict group_sizes):
    """``_scoring.measure``."""
    cdef str text = block.text
    cdef Py_ssize_t n = block.words, copies
    cdef double links = block.link_density, pull
    cdef bint clock, info, repeated, big_group
    if n < 0:
        n = len(text.split())
        block.words = n
    if n < 8 and links == 0.0 and (text.isascii() or not maybe_cjk(text)):
        clock = has_clock(text)
        info = n >= 2 and not clock and is_info(text, block, n)
        return SHORT[n, repeats[text] > 1, group_sizes[block.group] >= 3, clock, info]
    if n >= 30 and unpunctuated(text, n) or text[:1].isdigit() and dated_match(text) is not None:
        repeated = repeats[text] > 1
        return Shape(n, False, 0.0, False, repeated, group_sizes[block.group] >= 3, False, -3.0 - 2.0 * repeated)
    if n >= 30 and links <= 0.5 and (n >= 40 or text.isascii()):
        copies = repeats[text]
        if copies > 1:
            n //= copies
        big_group = group_sizes[block.group] >= 3
        pull = n * IN_BIG_GROUP if big_group else <double>n
        if "ookie" in text:
            pull *= COOKIE_TEXT
        return Shape(n, False, 0.0, True, False, big_group, False, pull)
    return measure_mixed(block, text, n, links, repeats, group_sizes)


cdef object measure_mixed(block, str text, Py_ssize_t n, double links, dict repeats, dict group_sizes):
    """``_scoring._measure_mixed``."""
    cdef Py_ssize_t cjk = 0, stops = 0, copies
    cdef double stop = 0.0, pull
    cdef bint end = False, prose, repeated, big_group, clock
    if n < 40 and not text.isascii() and maybe_cjk(text):
        cjk = len(cjk_findall(text))
    if 8 <= n < 30:
        tokens = tokens_of_block(block)
        n = len(tokens)
        if n:
            for t in tokens:
                if t in STOPWORDS:
                    stops += 1
            stop = stops / <double>n
    if cjk:
        n = max(n, cjk // 2)
    if n >= 30:
        prose = True
    elif n >= 8 and (stop >= 0.12 or cjk > 0):
        end = terminal(text)
        prose = end or (n >= MID_SENTENCE and sentence_end_search(text) is not None)
    elif n >= LONG_SENTENCE and terminal(text):
        end = prose = True
    else:
        prose = cjk >= 16 and terminal(text)
    if prose and 8 <= n < 30 and text.count(" | ") + text.count(" • ") + text.count(" · ") >= 2:
        prose = False
    if links > 0.5 or prose and "://" in text and mostly_urls(text):
        prose = False
    copies = repeats[text]
    repeated = copies > 1 and n < 30
    big_group = group_sizes[block.group] >= 3
    clock = n <= 14 and has_clock(text)
    if clock:
        prose = False
    if copies > 1 and prose:
        n //= copies
    if prose and not repeated:
        pull = n * IN_BIG_GROUP if big_group else <double>n
        if "ookie" in text:
            pull *= COOKIE_TEXT
    else:
        pull = -(1.0 + min(n, 10) / 5.0)
        if repeated:
            pull -= 2.0
        if links > 0.3:
            pull -= 3.0 * links
    return Shape(n, end, stop, prose, repeated, big_group, clock, pull)


def measure_all(list blocks):
    """``_scoring._measure_all_python``: every block's shape, a repeated line's measured once."""
    cdef dict repeats = {}, group_sizes = {}, seen
    cdef list shapes = []
    for b in blocks:
        text = b.text
        repeats[text] = repeats.get(text, 0) + 1
        group = b.group
        group_sizes[group] = group_sizes.get(group, 0) + 1
    if len(repeats) == len(blocks):
        return [measure(b, repeats, group_sizes) for b in blocks]
    seen = {}
    for b in blocks:
        if repeats[b.text] > 1:
            key = (b.text, b.words, b.link_density, group_sizes[b.group] >= 3)
            shape = seen.get(key)
            if shape is None:
                shape = seen[key] = measure(b, repeats, group_sizes)
            shapes.append(shape)
        else:
            shapes.append(measure(b, repeats, group_sizes))
    return shapes


# --------------------------------------------------------------------------- trigger words


cdef inline bint word_char(Py_UCS4 c):
    """``\\w`` as the ``re`` module has it for ``str``: alphanumeric or the underscore."""
    if c < 128:
        return 97 <= c <= 122 or 48 <= c <= 57 or 65 <= c <= 90 or c == 95
    return Py_UNICODE_ISALNUM(c)


cdef object with_word(object mask, str word, dict by_key, dict known, Py_ssize_t most):
    """``mask`` with the rules ``word`` calls for (its key is in ``by_key``); ``known``
    remembers at most ``most`` words."""
    bits = known.get(word)
    if bits is None:
        bits = word_bits_of(by_key[word[:KEY]], word)
        if len(known) >= most:
            known.clear()
        known[word] = bits
    return mask | bits


def trigger_mask(rules, str text, tokens, low, Py_ssize_t words=0):
    """``RuleSet._trigger_mask_python``: the rules whose triggers ``text`` holds, as a bit
    mask. Without ``tokens``, the words of ``low`` are cut here, in one pass (the finder
    pattern the Python function uses on long non-ASCII text finds the same keyed words)."""
    cdef str s
    cdef Py_ssize_t i, j, n, tier, most = rules._known_words
    cdef tuple tiers = rules._tier
    cdef dict by_key, known
    s = text.casefold() if low is None else low
    mask = rules._always
    tier = tiers[words] if words < len(tiers) else LAST_TIER
    by_key = rules._key_tiers[tier]
    known = rules._word_bits[tier]
    if tokens is not None:
        for word in tokens:
            if word[:KEY] in by_key:
                mask = with_word(mask, word, by_key, known, most)
    elif by_key:
        n = len(s)
        i = 0
        while i < n:
            if not word_char(s[i]):
                i += 1
                continue
            j = i + 1
            while j < n and word_char(s[j]):
                j += 1
            if s[i : i + KEY if j - i > KEY else j] in by_key:
                mask = with_word(mask, s[i:j], by_key, known, most)
            i = j
    for ch, bits in rules._by_char.items():
        if ch in s:
            mask |= bits
    for t, bits in rules._by_substring:
        if t in s:
            mask |= bits
    return mask
