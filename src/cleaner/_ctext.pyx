# cython: language_level=3, boundscheck=False, wraparound=False, binding=True
"""The text path's per-block hot spots in C: an optional speed-up, like ``_cwalk``.

Each function is the twin of a Python one, which is the reference:

- ``measure_all``: ``_scoring._measure_all_python`` (every block's ``Shape``);
- ``values`` and ``best_run``: ``_scoring._values_python`` and ``_best_run_python`` (the
  article run's two passes);
- ``best_title_line``: ``_scoring._best_title_line`` (the headline search's main loop);
- ``trigger_mask``: ``_rules.RuleSet._trigger_mask_python`` (the rules a block's trigger
  words call for), shared with the HTML path and the naming of removed blocks;
- ``match`` and ``pass_match``: ``RuleSet._match_python`` (the first rule that matches)
  and ``_scoring.RulePass._match`` (the same through the memo of verdicts); ``pass_run``:
  ``RulePass._run_python`` (the pass over a stretch of blocks);
- ``found_any_gated``: ``_rules._found_any_gated`` (a long alternation's branches, each
  searched only if the text holds one of its literals);
- ``words_of``: ``_rules.tokens_of`` for text that is not ASCII (``\\w+``);
- ``fold``: ``str.casefold`` (by table for Latin-1 text);
- ``has_controls``: ``_decode._has_controls``; ``surely_nfc``: a shortcut of
  ``_decode.nfc`` for text NFC leaves alone;
- ``line_blocks``: ``_text_blocks.text_blocks`` without this module (a page dump's lines
  as blocks, their whitespace folded).

They must give the same result on every input (``tests/test_compiled_text.py`` compares
them on every development page it finds, on lines made to reach each branch and on
generated text). The Python functions spend their time in many small steps per block:
looking a line up in the page's counts, testing a few characters, cutting words and
looking them up. Here those steps are C loops over the string's code points, a word's
first characters are looked up as one packed integer, and the regular expressions the
Python functions use for rare cases (a clock time, a dated line, a list mark, CJK) are
still called, the same compiled patterns, where a C test shows they can match.

The functions read the fields of a ``Block`` or a ``Shape`` from the object's slot (see
``Layout``), and make new ones by filling the slots of a fresh object: both classes are
``@dataclass(slots=True)``, and looking a field up by name costs more than the test it
feeds. An object of another type is read by name.

It is built without any library's headers (``_cwalk`` needs lxml's).
"""

from libc.stdint cimport uint8_t, uint16_t, uint32_t
from libc.string cimport memset
from cpython.object cimport PyObject, PyTypeObject, Py_TYPE
from cpython.ref cimport Py_INCREF, Py_XDECREF
from cpython.bytearray cimport PyByteArray_AS_STRING
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISLOWER, Py_UNICODE_ISPRINTABLE, Py_UNICODE_ISSPACE


cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)  # str.isascii(), without a method call
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    str PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t i)
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)

# ``_scoring``'s helpers, patterns and constants, given by bind_shapes()
cdef object Shape, mostly_urls
cdef object clock_search, dated_match, list_mark_match, cjk_search, cjk_findall, sentence_end_search
cdef list SHORT  # _scoring._SHORT as a list: [n * 16 + repeated * 8 + big_group * 4 + clock * 2 + info]
cdef frozenset STOPWORDS
cdef str CLOSERS
cdef tuple CUT_SHORT
cdef tuple TERMINAL_MARKS
cdef double IN_BIG_GROUP, COOKIE_TEXT, GAP_GROWTH, DROPPED_VALUE, INFO_VALUE, BEFORE_HEADLINE, ANCHOR_BONUS
cdef Py_ssize_t ANCHOR_REACH
cdef Py_ssize_t MID_SENTENCE, LONG_SENTENCE, WORDS_PER_MARK, MAX_RULE_CHARS

# ``_rules``' helpers and constants, given by bind_triggers()
cdef object word_bits_of
cdef Py_ssize_t KEY, LAST_TIER, TRUSTED_CHARS, MEMO_CHARS


def bind_shapes(dict ns):
    """Take ``_scoring``'s helpers and constants (its namespace): defined in one place."""
    global Shape, mostly_urls, clock_search, dated_match, list_mark_match
    global cjk_search, cjk_findall, sentence_end_search, SHORT, STOPWORDS, CLOSERS, TERMINAL_MARKS, CUT_SHORT
    global IN_BIG_GROUP, COOKIE_TEXT, MID_SENTENCE, LONG_SENTENCE, WORDS_PER_MARK
    global GAP_GROWTH, DROPPED_VALUE, INFO_VALUE, BEFORE_HEADLINE, ANCHOR_BONUS, ANCHOR_REACH, MAX_RULE_CHARS
    Shape, mostly_urls = ns["Shape"], ns["_mostly_urls"]
    clock_search, dated_match, list_mark_match = ns["_CLOCK"].search, ns["_DATED"].match, ns["_LIST_MARK"].match
    cjk_search, cjk_findall, sentence_end_search = ns["_CJK"].search, ns["_CJK"].findall, ns["_SENTENCE_END"].search
    SHORT = [ns["_SHORT"][n, r, g, c, i] for n in range(8) for r in (0, 1) for g in (0, 1) for c in (0, 1) for i in (0, 1)]
    STOPWORDS = ns["ALL_STOPWORDS"]
    CLOSERS, TERMINAL_MARKS, CUT_SHORT = ns["_CLOSERS"], ns["_TERMINAL_MARKS"], ns["_CUT_SHORT"]
    IN_BIG_GROUP, COOKIE_TEXT = ns["_IN_BIG_GROUP"], ns["_COOKIE_TEXT"]
    MID_SENTENCE, LONG_SENTENCE, WORDS_PER_MARK = ns["_MID_SENTENCE"], ns["_LONG_SENTENCE"], ns["_WORDS_PER_MARK"]
    GAP_GROWTH, DROPPED_VALUE, INFO_VALUE = ns["_GAP_GROWTH"], ns["_DROPPED_VALUE"], ns["_INFO_VALUE"]
    BEFORE_HEADLINE, ANCHOR_BONUS, ANCHOR_REACH = ns["_BEFORE_HEADLINE"], ns["_ANCHOR_BONUS"], ns["_ANCHOR_REACH"]
    MAX_RULE_CHARS = ns["MAX_RULE_CHARS"]
    bind_records(ns["Block"], Shape)


def bind_triggers(dict ns):
    """Take ``_rules``' helpers and constants (its namespace)."""
    global word_bits_of, KEY, LAST_TIER, TRUSTED_CHARS, MEMO_CHARS
    word_bits_of, KEY, LAST_TIER = ns["_word_bits"], ns["_KEY"], len(ns["_TIERS"]) - 1
    TRUSTED_CHARS, MEMO_CHARS = ns["TRUSTED_CHARS"], ns["MEMO_CHARS"]


# what the first 256 code points are, by the same C predicates the ``re`` module uses (a
# table lookup instead of Unicode database calls for Latin text)
cdef enum:
    WORD = 1  # \w: alphanumeric or "_"
    DECIMAL = 2  # \d
    LOWER = 4  # str.islower() of the character alone
cdef unsigned char LATIN[256]


cdef void fill_latin():
    cdef Py_UCS4 c
    for c in range(256):
        LATIN[c] = (
            (WORD if Py_UNICODE_ISALNUM(c) or c == 95 else 0)
            | (DECIMAL if Py_UNICODE_ISDECIMAL(c) else 0)
            | (LOWER if Py_UNICODE_ISLOWER(c) else 0)
        )


fill_latin()


cdef inline bint word_char(Py_UCS4 c) noexcept:
    """``\\w`` as the ``re`` module has it for ``str``: alphanumeric or the underscore."""
    if c < 256:
        return LATIN[c] & WORD
    return Py_UNICODE_ISALNUM(c)


cdef unsigned char FOLDED[256]  # a Latin-1 character's case fold (0: it folds out of Latin-1)


cdef void fill_folded():
    cdef Py_UCS4 c
    for c in range(256):
        f = chr(c).casefold()
        FOLDED[c] = ord(f) if len(f) == 1 and ord(f) < 256 else 0


fill_folded()


cdef enum:
    CASELESS_FIRST = 0x2000  # General Punctuation and Currency Symbols (dashes, quotes,
    CASELESS_END = 0x20D0  # "€"): no character there has a case (see the test)


cpdef str fold(str text):
    """``text.casefold()``: ``str.casefold`` folds ASCII text by table, any other text one
    character at a time through the Unicode database; here a text of Latin-1 letters, with
    or without dashes and quotes from General Punctuation, is folded by table too. Other
    text (and the two Latin-1 characters that fold out of it, "ß" and "µ") goes to
    ``str.casefold``."""
    cdef Py_ssize_t i, n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef const unsigned char* src1
    cdef const uint16_t* src2
    cdef uint16_t* dst2
    cdef unsigned char* dst1
    cdef uint16_t c
    if PyUnicode_IS_ASCII(text) or kind > 2:
        return text.casefold()
    if kind == 1:
        src1 = <const unsigned char*>PyUnicode_DATA(text)
        for i in range(n):
            if FOLDED[src1[i]] == 0:
                return text.casefold()
        # a character past U+007F is there, and folds to one: the result is not ASCII
        # either, as the compact string made here must not be
        out = PyUnicode_New(n, 255)
        dst1 = <unsigned char*>PyUnicode_DATA(out)
        for i in range(n):
            dst1[i] = FOLDED[src1[i]]
        return out
    src2 = <const uint16_t*>PyUnicode_DATA(text)
    for i in range(n):
        c = src2[i]
        if c < 256:
            if FOLDED[c] == 0:
                return text.casefold()
        elif not CASELESS_FIRST <= c < CASELESS_END:
            return text.casefold()
    # its characters past U+00FF (one at least) stay as they are: the result needs two bytes too
    out = PyUnicode_New(n, 0xFFFF)
    dst2 = <uint16_t*>PyUnicode_DATA(out)
    for i in range(n):
        c = src2[i]
        dst2[i] = FOLDED[c] if c < 256 else c
    return out


cpdef list words_of(str low):
    """``_rules.tokens_of`` for text that is not ASCII: the ``\\w+`` runs of ``low``. The
    code points are read from the string's buffer (indexing ``low[i]`` costs a bounds and
    a kind check per character)."""
    cdef Py_ssize_t i = 0, j, n = len(low)
    cdef int kind = PyUnicode_KIND(low)
    cdef void* data = PyUnicode_DATA(low)
    cdef const unsigned char* latin
    cdef list out = []
    if kind == 1:  # Latin-1 text: one table lookup per character
        latin = <const unsigned char*>data
        while i < n:
            if not LATIN[latin[i]] & WORD:
                i += 1
                continue
            j = i + 1
            while j < n and LATIN[latin[j]] & WORD:
                j += 1
            out.append(low[i:j])
            i = j
        return out
    while i < n:
        if not word_char(PyUnicode_READ(kind, data, i)):
            i += 1
            continue
        j = i + 1
        while j < n and word_char(PyUnicode_READ(kind, data, j)):
            j += 1
        out.append(low[i:j])
        i = j
    return out


def bound():
    """The constants this module took from ``_scoring`` and ``_rules`` (a test checks that
    they are theirs: one missing from a ``global`` line would stay 0 here)."""
    return {
        "_IN_BIG_GROUP": IN_BIG_GROUP, "_COOKIE_TEXT": COOKIE_TEXT, "_MID_SENTENCE": MID_SENTENCE,
        "_LONG_SENTENCE": LONG_SENTENCE, "_WORDS_PER_MARK": WORDS_PER_MARK, "_GAP_GROWTH": GAP_GROWTH,
        "_DROPPED_VALUE": DROPPED_VALUE, "_INFO_VALUE": INFO_VALUE, "_BEFORE_HEADLINE": BEFORE_HEADLINE,
        "_ANCHOR_BONUS": ANCHOR_BONUS, "_ANCHOR_REACH": ANCHOR_REACH, "_CLOSERS": CLOSERS,
        "_TERMINAL_MARKS": TERMINAL_MARKS, "_CUT_SHORT": CUT_SHORT, "ALL_STOPWORDS": STOPWORDS,
        "_KEY": KEY, "TRUSTED_CHARS": TRUSTED_CHARS, "MEMO_CHARS": MEMO_CHARS, "MAX_RULE_CHARS": MAX_RULE_CHARS,
    }


# --------------------------------------------------------------------------- records


cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member
    PyTypeObject PyMemberDescr_Type
    object PyType_GenericAlloc(PyTypeObject* cls, Py_ssize_t items)


cdef class Layout:
    """Where a slotted class (``Block``, ``Shape``: ``@dataclass(slots=True)``) keeps each
    field in its objects, and each field's value in a template object. Reading ``b.text``
    through the attribute machinery costs a lookup in the type and a descriptor call; the
    functions here read the slot (an object's only storage for that field) directly, and
    make new objects by copying the template's values into a fresh one. An object of any
    other type is read by name."""

    cdef PyTypeObject* cls
    cdef Py_ssize_t n
    cdef Py_ssize_t offsets[32]
    cdef object template

    def __init__(self, type cls, object template):
        members = [v for c in cls.__mro__ for v in vars(c).values() if Py_TYPE(v) == &PyMemberDescr_Type]
        if len(members) > 32 or type(template) is not cls or hasattr(template, "__dict__"):
            raise TypeError(f"{cls.__name__} is not a small slotted class")
        self.cls = <PyTypeObject*>cls
        self.template = template
        self.n = len(members)
        for k, member in enumerate(members):
            self.offsets[k] = (<PyMemberDescrObject*><PyObject*>member).d_member.offset
        if any(slot_at(template, self.offsets[k]) == NULL for k in range(self.n)):
            raise TypeError(f"the {cls.__name__} template leaves a field unset")

    cdef Py_ssize_t offset(self, str name) except -1:
        descr = next((vars(c)[name] for c in (<object>self.cls).__mro__ if name in vars(c)), None)
        if descr is None or Py_TYPE(descr) != &PyMemberDescr_Type:
            raise TypeError(f"{(<object>self.cls).__name__}.{name} is not a slot")
        return (<PyMemberDescrObject*><PyObject*>descr).d_member.offset

    cdef object new(self):
        """A new object holding the template's values (to be changed before anyone sees it)."""
        cdef object o = PyType_GenericAlloc(self.cls, 0)
        cdef Py_ssize_t k
        cdef PyObject* v
        for k in range(self.n):
            v = slot_at(self.template, self.offsets[k])
            Py_INCREF(<object>v)
            (<PyObject**>((<char*><PyObject*>o) + self.offsets[k]))[0] = v
        return o


cdef inline PyObject* slot_at(object o, Py_ssize_t offset) noexcept:
    return (<PyObject**>((<char*><PyObject*>o) + offset))[0]


cdef inline object get(object o, Py_ssize_t offset):
    cdef PyObject* v = slot_at(o, offset)
    if v == NULL:
        raise AttributeError("a field is unset")
    return <object>v


cdef inline void put(object o, Py_ssize_t offset, object value) noexcept:
    """Set a slot of an object made by ``Layout.new`` (it holds a value: the template's)."""
    cdef PyObject** at = <PyObject**>((<char*><PyObject*>o) + offset)
    cdef PyObject* old = at[0]
    Py_INCREF(value)
    at[0] = <PyObject*>value
    Py_XDECREF(old)


cdef Layout BLOCKS = None, SHAPES = None
cdef PyTypeObject* BLOCK_TYPE = NULL
cdef PyTypeObject* SHAPE_TYPE = NULL
cdef Py_ssize_t B_TEXT, B_KIND, B_GROUP, B_LINKS, B_CATEGORY, B_RULE, B_WORDS, B_TOKENS
cdef Py_ssize_t S_WORDS, S_TERMINAL, S_STOP, S_PROSE, S_REPEATED, S_BIG_GROUP, S_CLOCK, S_PULL, S_INFO


def bind_records(type block, type shape):
    """Take the layouts of ``Block`` and ``Shape``."""
    global BLOCKS, SHAPES, BLOCK_TYPE, SHAPE_TYPE, B_TEXT, B_KIND, B_GROUP, B_LINKS, B_CATEGORY, B_RULE, B_WORDS, B_TOKENS
    global S_WORDS, S_TERMINAL, S_STOP, S_PROSE, S_REPEATED, S_BIG_GROUP, S_CLOCK, S_PULL, S_INFO
    blocks, shapes = Layout(block, block("")), Layout(shape, shape(0, False, 0.0, False, False, False, False))
    B_TEXT, B_KIND, B_GROUP, B_LINKS = blocks.offset("text"), blocks.offset("kind"), blocks.offset("group"), blocks.offset("link_density")
    B_CATEGORY, B_RULE, B_WORDS, B_TOKENS = blocks.offset("category"), blocks.offset("rule"), blocks.offset("words"), blocks.offset("tokens")
    S_WORDS, S_TERMINAL, S_STOP, S_PROSE = shapes.offset("words"), shapes.offset("terminal"), shapes.offset("stop_ratio"), shapes.offset("prose")
    S_REPEATED, S_BIG_GROUP, S_CLOCK = shapes.offset("repeated"), shapes.offset("big_group"), shapes.offset("clock")
    S_PULL, S_INFO = shapes.offset("pull"), shapes.offset("info")
    BLOCKS, SHAPES, BLOCK_TYPE, SHAPE_TYPE = blocks, shapes, <PyTypeObject*>block, <PyTypeObject*>shape


cdef inline str text_of(object b):
    return <str?>get(b, B_TEXT) if Py_TYPE(b) == BLOCK_TYPE else b.text


cdef inline object group_of(object b):
    return get(b, B_GROUP) if Py_TYPE(b) == BLOCK_TYPE else b.group


cdef inline double links_of(object b) except? -1.0:
    return <double>get(b, B_LINKS) if Py_TYPE(b) == BLOCK_TYPE else b.link_density


cdef inline object words_obj(object b):
    return get(b, B_WORDS) if Py_TYPE(b) == BLOCK_TYPE else b.words


cdef inline void set_field(object b, Py_ssize_t offset, str name, object value) except *:
    """Set a block's field (``name``, at ``offset`` in a ``Block``)."""
    if Py_TYPE(b) == BLOCK_TYPE:
        put(b, offset, value)
    else:
        setattr(b, name, value)


cdef inline bint dropped_(object b) except -1:
    return (get(b, B_CATEGORY) if Py_TYPE(b) == BLOCK_TYPE else b.category) is not None


cdef inline object tokens_obj(object b):
    return get(b, B_TOKENS) if Py_TYPE(b) == BLOCK_TYPE else b.tokens


cdef inline object shape_field(object s, Py_ssize_t offset, str name):
    return get(s, offset) if Py_TYPE(s) == SHAPE_TYPE else getattr(s, name)


cdef inline bint shape_flag(object s, Py_ssize_t offset, str name) except -1:
    return bool(get(s, offset) if Py_TYPE(s) == SHAPE_TYPE else getattr(s, name))


cdef object new_shape(Py_ssize_t n, bint terminal, double stop, bint prose, bint repeated, bint big_group, bint clock, double pull):
    """``Shape(n, terminal, stop, prose, repeated, big_group, clock, pull)`` (the layouts are
    bound with ``_scoring``'s constants, before any shape is measured)."""
    s = SHAPES.new()
    put(s, S_WORDS, n)
    put(s, S_TERMINAL, terminal)
    put(s, S_STOP, stop)
    put(s, S_PROSE, prose)
    put(s, S_REPEATED, repeated)
    put(s, S_BIG_GROUP, big_group)
    put(s, S_CLOCK, clock)
    put(s, S_PULL, pull)
    return s


# --------------------------------------------------------------------------- lines


cdef inline bint line_break(Py_UCS4 c) noexcept:
    """Where ``str.splitlines()`` breaks a line (``\\r\\n`` counts once: the caller skips
    the ``\\n``)."""
    return c == 10 or c == 13 or 11 <= c <= 12 or 28 <= c <= 30 or c == 0x85 or c == 0x2028 or c == 0x2029


ctypedef fused code_unit:  # a string's buffer: one, two or four bytes a character
    uint8_t
    uint16_t
    uint32_t


cdef bint controls_in(const code_unit* d, Py_ssize_t n) noexcept:
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(n):
        c = d[i]
        if c < 0x20:
            if c <= 8 or c == 0x0B or c >= 0x0E:
                return True
        elif c == 0x7F or 0xD800 <= c <= 0xDFFF:
            return True
    return False


def has_controls(str text):
    """``_decode._has_controls``: whether ``text`` holds a C0 control character other than
    a tab and the line breaks, DEL, or a lone surrogate (one pass over the buffer)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == 1:
        return controls_in(<const uint8_t*>data, len(text))
    if kind == 2:
        return controls_in(<const uint16_t*>data, len(text))
    return controls_in(<const uint32_t*>data, len(text))


cdef enum:
    NFC_PLAIN = 0x300  # below: no combining mark, nothing NFC changes
    NFC_MARKS_FIRST = 0x2010  # dashes, quotes, bullets... and the currency symbols
    NFC_MARKS_END = 0x20D0


cdef bint plain_for_nfc(const code_unit* d, Py_ssize_t n) noexcept:
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(n):
        c = d[i]
        if c >= NFC_PLAIN and not NFC_MARKS_FIRST <= c < NFC_MARKS_END:
            return False
    return True


def surely_nfc(str text):
    """Whether every character of ``text`` is one that NFC leaves as it is beside any other
    such character: below U+0300, or U+2010 to U+20CF (dashes, quotes, "€"). Such a text is
    NFC (a test checks every pair of them); for any other, ``_decode.nfc`` asks
    ``unicodedata``. Most European text is made of these characters only."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == 1:
        return True
    if kind == 2:
        return plain_for_nfc(<const uint16_t*>data, len(text))
    return plain_for_nfc(<const uint32_t*>data, len(text))


cdef enum:
    LINE_END = 1  # a line break (``str.splitlines``)
    BLANK = 2  # whitespace that is not a line break
    OTHER_BLANK = 4  # ... and not the space: folded to one (with the blanks beside it)


cdef unsigned char LINE_CHARS[256]


cdef void fill_line_chars():
    cdef Py_UCS4 c
    for c in range(256):
        LINE_CHARS[c] = (
            LINE_END if line_break(c) else (BLANK | (0 if c == 32 else OTHER_BLANK)) if Py_UNICODE_ISSPACE(c) else 0
        )


fill_line_chars()


cdef inline unsigned char line_char(Py_UCS4 c) noexcept:
    """What ``c`` is to the line splitter (see the enum above). Above U+00FF, the first
    whitespace character is U+1680 (a test checks every character)."""
    if c < 256:
        return LINE_CHARS[c]
    if c < 0x1680:
        return 0
    if c == 0x2028 or c == 0x2029:
        return LINE_END
    return BLANK | OTHER_BLANK if Py_UNICODE_ISSPACE(c) else 0


cdef str folded_line(const code_unit* d, Py_ssize_t start, Py_ssize_t end):
    """The line ``d[start:end]`` (no blank at either end) with each run of blanks as one
    space, made in one buffer (a line may be a whole page)."""
    cdef code_unit* out = <code_unit*>PyMem_Malloc((end - start) * sizeof(code_unit))
    cdef Py_ssize_t i = start, k = 0
    if out == NULL:
        raise MemoryError()
    try:
        while i < end:
            if line_char(d[i]) & BLANK:
                out[k] = 32
                while i < end and line_char(d[i]) & BLANK:
                    i += 1
            else:
                out[k] = d[i]
                i += 1
            k += 1
        # (the string takes the narrowest width its characters allow, as a slice does)
        return PyUnicode_FromKindAndData(sizeof(code_unit), out, k)
    finally:
        PyMem_Free(out)


cdef list lines_of(const code_unit* d, Py_ssize_t n, str text, block_type):
    cdef Py_ssize_t i = 0, start, end, runs, group = 0
    cdef unsigned char kind, before, run
    cdef bint gap = True, odd, fast = BLOCKS is not None and <PyTypeObject*>block_type == BLOCK_TYPE
    cdef list blocks = []
    cdef str line
    while i < n:
        start = i
        runs = 0  # runs of blanks after a character that is not one
        run = 0  # in such a run: 1 while it is one space, 2 once it is more (0: in none)
        odd = False  # a run between two words that is not one space
        before = BLANK  # (the blanks a line starts with are no run)
        while i < n:
            kind = line_char(d[i])
            if kind:
                if kind == LINE_END:
                    break
                if before == 0:
                    runs += 1
                    run = 1 if kind == BLANK else 2
                elif run:
                    run = 2
            elif before:
                if run == 2:
                    odd = True
                run = 0
            before = kind
            i += 1
        end = i
        if i < n:  # past the line's end: "\r\n" is one
            if d[i] == 13 and i + 1 < n and d[i + 1] == 10:
                i += 1
            i += 1
        while start < end and line_char(d[start]) & BLANK:
            start += 1
        if before:  # the line ends with blanks (or is blank): the last run is cut off
            while end > start and line_char(d[end - 1]) & BLANK:
                end -= 1
            if end > start:
                runs -= 1
        if start == end:
            if not gap:
                group += 1
                gap = True
            continue
        gap = False
        line = folded_line(d, start, end) if odd else text[start:end]
        if fast:
            block = BLOCKS.new()
            put(block, B_TEXT, line)
            put(block, B_KIND, "line")
            put(block, B_GROUP, group)
            put(block, B_WORDS, runs + 1)
        else:
            block = block_type(line, "line", group)
            block.words = runs + 1
        blocks.append(block)
    return blocks


def line_blocks(str text, block_type):
    """``_text_blocks.text_blocks`` without the module: a block per non-empty line of
    ``text``, its runs of whitespace folded to single spaces and stripped, with its word
    count and its group. The lines are found, stripped and measured in one pass over the
    string's buffer (one loop per width of its characters): only the blocks' texts are
    made, and a line is folded only if it needs it."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == 1:
        return lines_of(<const uint8_t*>data, len(text), text, block_type)
    if kind == 2:
        return lines_of(<const uint16_t*>data, len(text), text, block_type)
    return lines_of(<const uint32_t*>data, len(text), text, block_type)


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
    """``_scoring._CLOCK`` searched in ``text``; only when one of its three forms can be
    there: a colon between a digit and two digits, or "um " or "Uhr" and a full stop
    (looked for in one pass over the buffer)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef bint maybe
    if kind == 1:
        maybe = clock_marks(<const uint8_t*>data, len(text))
    elif kind == 2:
        maybe = clock_marks(<const uint16_t*>data, len(text))
    else:
        maybe = clock_marks(<const uint32_t*>data, len(text))
    return maybe and clock_search(text) is not None


cdef bint clock_marks(const code_unit* d, Py_ssize_t n) noexcept:
    """Whether ``("um " in text or "Uhr" in text) and "." in text``, or a colon sits
    between a digit and two digits."""
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    cdef bint word = False, stop = False
    for i in range(n):
        c = d[i]
        if c == 46:  # "."
            stop = True
        elif c == 58:  # ":"
            if 1 <= i and i + 2 < n and Py_UNICODE_ISDECIMAL(d[i - 1]) and Py_UNICODE_ISDECIMAL(d[i + 1]) and Py_UNICODE_ISDECIMAL(d[i + 2]):
                return True
        elif c == 109:  # "m" of "um "
            if 1 <= i and i + 1 < n and d[i - 1] == 117 and d[i + 1] == 32:
                word = True
        elif c == 114:  # "r" of "Uhr"
            if 2 <= i and d[i - 1] == 104 and d[i - 2] == 85:
                word = True
    return word and stop


cdef list tokens_of_block(block):
    """``_scoring._tokens``: the block's words, case-folded (``_rules.tokens_of``), kept on
    the block."""
    tokens = tokens_obj(block)
    if tokens is None:
        tokens = words_of(fold(text_of(block)))
        set_field(block, B_TOKENS, "tokens", tokens)
    return tokens


cdef bint key_value(str text):
    """``_scoring._KEY_VALUE`` (``^[^:]{2,40}: \\S``): the first colon, at index 2 to 40,
    then a space and a character that is not whitespace."""
    cdef Py_ssize_t p = text.find(":")
    return 2 <= p <= 40 and p + 2 < len(text) and text[p + 1] == " " and not Py_UNICODE_ISSPACE(text[p + 2])


cdef bint list_marked(str text):
    """``_scoring._list_marked``: the pattern is tried only when one of the 2nd to 5th
    characters is a space or not printable."""
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(1, min(5, len(text))):
        c = text[i]
        if c == 32 or not Py_UNICODE_ISPRINTABLE(c):
            return list_mark_match(text) is not None
    return False


cdef bint quantity(str text):
    """A digit (``\\d``) and a word whose first letter (``[^\\W\\d_]`` not after another) is
    lower case: ``_scoring._is_info``'s third test."""
    cdef Py_UCS4 c
    cdef unsigned char kind
    cdef bint digit = False, lower = False, after_letter = False
    for c in text:
        if c < 256:
            kind = LATIN[c]
            if kind & DECIMAL:
                digit = True
                after_letter = False
            elif kind & WORD and c != 95:
                lower = lower or (not after_letter and kind & LOWER)
                after_letter = True
            else:
                after_letter = False
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
    return marks * WORDS_PER_MARK < n and (PyUnicode_IS_ASCII(text) or not maybe_cjk(text))


cdef object measure(block, dict repeats, dict group_sizes):
    """``_scoring.measure``."""
    cdef str text = text_of(block)
    cdef Py_ssize_t n = words_obj(block), copies
    cdef double links = links_of(block), pull
    cdef bint clock, info, repeated, big_group
    group = group_of(block)
    if n < 0:
        n = len(text.split())
        set_field(block, B_WORDS, "words", n)
    if n < 8 and links == 0.0 and (PyUnicode_IS_ASCII(text) or not maybe_cjk(text)):
        clock = has_clock(text)
        info = n >= 2 and not clock and is_info(text, block, n)
        return SHORT[n * 16 + (repeats[text] > 1) * 8 + (group_sizes[group] >= 3) * 4 + clock * 2 + info]
    if n >= 30 and unpunctuated(text, n) or text[:1].isdigit() and dated_match(text) is not None:
        repeated = repeats[text] > 1
        return new_shape(n, False, 0.0, False, repeated, group_sizes[group] >= 3, False, -3.0 - 2.0 * repeated)
    if n >= 30 and links <= 0.5 and (n >= 40 or PyUnicode_IS_ASCII(text)):
        copies = repeats[text]
        if copies > 1:
            n //= copies
        big_group = group_sizes[group] >= 3
        pull = n * IN_BIG_GROUP if big_group else <double>n
        if "ookie" in text:
            pull *= COOKIE_TEXT
        return new_shape(n, False, 0.0, True, False, big_group, False, pull)
    return measure_mixed(block, text, n, links, group, repeats, group_sizes)


cdef object measure_mixed(block, str text, Py_ssize_t n, double links, group, dict repeats, dict group_sizes):
    """``_scoring._measure_mixed``."""
    cdef Py_ssize_t cjk = 0, stops = 0, copies
    cdef double stop = 0.0, pull
    cdef bint end = False, prose, repeated, big_group, clock
    if n < 40 and not PyUnicode_IS_ASCII(text) and maybe_cjk(text):
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
    big_group = group_sizes[group] >= 3
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
    return new_shape(n, end, stop, prose, repeated, big_group, clock, pull)


def measure_all(list blocks):
    """``_scoring._measure_all_python``: every block's shape, a repeated line's measured once."""
    cdef dict repeats = {}, group_sizes = {}, seen
    cdef list shapes = []
    for b in blocks:
        text = text_of(b)
        repeats[text] = repeats.get(text, 0) + 1
        group = group_of(b)
        group_sizes[group] = group_sizes.get(group, 0) + 1
    if len(repeats) == len(blocks):
        return [measure(b, repeats, group_sizes) for b in blocks]
    seen = {}
    for b in blocks:
        text = text_of(b)
        if repeats[text] > 1:
            key = (text, words_obj(b), links_of(b), group_sizes[group_of(b)] >= 3)
            shape = seen.get(key)
            if shape is None:
                shape = seen[key] = measure(b, repeats, group_sizes)
            shapes.append(shape)
        else:
            shapes.append(measure(b, repeats, group_sizes))
    return shapes


def values(list blocks, list shapes, headline):
    """``_scoring._values_python``: what each block pulls the article run by."""
    cdef list out = []
    cdef Py_ssize_t gap = 0, i = -1, before = -1 if headline is None else headline
    cdef bint anchor = headline is not None
    cdef double v
    for block, shape in zip(blocks, shapes):
        i += 1
        if dropped_(block):
            out.append(DROPPED_VALUE)
            gap += 1
        elif shape_flag(shape, S_PROSE, "prose") and not shape_flag(shape, S_REPEATED, "repeated"):
            v = shape_field(shape, S_PULL, "pull")
            if i < before:
                v *= BEFORE_HEADLINE
            elif anchor and i - before <= ANCHOR_REACH:
                v += ANCHOR_BONUS
                anchor = False
            gap = 0
            out.append(v)
        elif shape_flag(shape, S_INFO, "info") and not shape_flag(shape, S_REPEATED, "repeated"):
            out.append(INFO_VALUE)
        elif gap:
            out.append(<double>shape_field(shape, S_PULL, "pull") * (1.0 + GAP_GROWTH * gap))
            gap += 1
        else:
            out.append(shape_field(shape, S_PULL, "pull"))
            gap = 1
    return out


def best_run(list values):
    """``_scoring._best_run_python``: the maximum-sum contiguous run and its sum."""
    cdef Py_ssize_t i, start = 0, best_start = 0, best_end = -1
    cdef double v, total = 0.0, best = 0.0
    for i in range(len(values)):
        v = values[i]
        if total <= 0:
            start, total = i, v
        else:
            total += v
        if total > best:
            best_start, best_end, best = start, i, total
    return best_start, best_end, best


cdef bint heading_like(block, shape):
    """``_scoring.is_heading_like``."""
    cdef str text = text_of(block)
    cdef Py_ssize_t words = shape_field(shape, S_WORDS, "words")
    return 1 <= words <= 25 and not text.endswith((".", ",", ";")) and links_of(block) < 0.5 and len(text) < 250


cdef double title_score(block, set first_words):
    """``_scoring._title_score``."""
    cdef str low = fold(text_of(block))
    cdef Py_ssize_t held = 0, common = 0, n = len(first_words), left = n
    cdef double precision, coverage
    for w in first_words:
        left -= 1
        if w in low:
            held += 1
        elif (held + left) / <double>n < 0.4:
            return 0.0  # too few of the words are left for the test below to pass
    if held / <double>n < 0.4:
        return 0.0
    ws = set(tokens_of_block(block))
    for w in ws:
        if w in first_words:
            common += 1
    precision = common / <double>len(ws) if ws else 0.0
    coverage = common / <double>n
    return precision * coverage if precision >= 0.75 and coverage >= 0.4 else 0.0


cdef bint prose_under(list blocks, list shapes, Py_ssize_t i):
    """``_scoring._has_prose_under``."""
    cdef Py_ssize_t j
    for j in range(i + 1, min(len(blocks), i + 1 + ANCHOR_REACH)):
        s = shapes[j]
        if shape_flag(s, S_PROSE, "prose") and not shape_flag(s, S_REPEATED, "repeated") and not text_of(blocks[j]).endswith(CUT_SHORT):
            return True
    return False


def best_title_line(list blocks, list shapes, set first_words, Py_ssize_t longest):
    """``_scoring._best_title_line``."""
    cdef Py_ssize_t i
    cdef double score, best_score = 0.0
    cdef dict scores = {}
    cdef bint best_in_list = False
    best = None
    for i in range(1, len(blocks)):
        b, s = blocks[i], shapes[i]
        if shape_flag(s, S_PROSE, "prose") or shape_field(s, S_WORDS, "words") < 3:
            continue
        text = text_of(b)
        if len(text) > longest or not heading_like(b, s):
            continue
        known = scores.get(text)
        if known is None:
            score = title_score(b, first_words)
            scores[text] = score
        else:
            score = known
        if score <= 0.0 or score < best_score - 1e-9 or not prose_under(blocks, shapes, i):
            continue
        big_group = shape_field(s, S_BIG_GROUP, "big_group")
        if score > best_score + 1e-9 or best_in_list and not big_group:
            best, best_score, best_in_list = i, score, big_group
    return best


# --------------------------------------------------------------------------- trigger words


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


cdef enum:
    MAX_CHARS = 64  # the most characters an Index follows in one pass (bits of a C integer)


cdef class Index:
    """What ``trigger_mask`` looks words and characters up in, for one key tier of a rule
    set, made on first use:

    - the tier's keys packed into 64-bit integers (four code points of 16 bits) in an
      open-addressing table: a word's first characters are looked up without making a
      string (a key that does not pack turns the table off: words are then looked up as
      strings);
    - the one-character triggers, and the first character of each longer substring
      trigger, by code point: one pass over the text tells which of them it holds, and a
      substring trigger is searched for only when its first character is there.
    """

    cdef unsigned long long[:] slots  # 0 = empty
    cdef unsigned long long mask_bits  # len(slots) - 1
    cdef readonly bint packed
    cdef signed char ascii[128]  # an ASCII character followed -> its place, or -1
    cdef Py_UCS4 other[MAX_CHARS]  # the others, and their places
    cdef signed char other_place[MAX_CHARS]
    cdef int n_other
    cdef list char_bits  # per one-character trigger (the first places), its rules
    cdef list substrings  # per substring trigger: (its first character's place, trigger, rules)
    cdef readonly bint chars  # the characters are followed (at most MAX_CHARS of them)

    def __init__(self, dict by_key, dict by_char, tuple by_substring):
        import array

        cdef Py_ssize_t k, size = 16
        cdef unsigned long long code
        codes = [pack(key, 0, len(key)) if KEY <= 4 else 0 for key in by_key]
        self.packed = 0 not in codes
        while size < 4 * len(codes):
            size *= 2
        self.slots = array.array("Q", [0]) * size
        self.mask_bits = size - 1
        for code in codes:
            if code:
                self.add(code)
        for k in range(128):
            self.ascii[k] = -1
        self.n_other = 0
        self.char_bits = list(by_char.values())
        followed = list(by_char)
        for t, _ in by_substring:
            if t[:1] not in followed:
                followed.append(t[:1])
        # an empty substring trigger (a rule set built without the loader's checks) is in
        # every text: the plain loops of trigger_mask handle it
        self.chars = len(followed) <= MAX_CHARS and "" not in followed
        self.substrings = [(followed.index(t[:1]), t, bits) for t, bits in by_substring]
        if self.chars:
            for k, ch in enumerate(followed):
                self.follow(ord(ch), k)

    cdef void follow(self, Py_UCS4 c, Py_ssize_t place) noexcept:
        if c < 128:
            self.ascii[c] = place
        else:
            self.other[self.n_other] = c
            self.other_place[self.n_other] = place
            self.n_other += 1

    cdef inline Py_ssize_t slot(self, unsigned long long code) noexcept:
        return <Py_ssize_t>(((code * 0x9E3779B97F4A7C15ULL) >> 40) & self.mask_bits)

    cdef void add(self, unsigned long long code) noexcept:
        cdef Py_ssize_t i = self.slot(code)
        while self.slots[i] != 0 and self.slots[i] != code:
            i = (i + 1) & self.mask_bits
        self.slots[i] = code

    cdef inline bint has(self, unsigned long long code) noexcept:
        cdef Py_ssize_t i = self.slot(code)
        while self.slots[i] != 0:
            if self.slots[i] == code:
                return True
            i = (i + 1) & self.mask_bits
        return False

    cdef inline unsigned long long seen(self, Py_UCS4 c) noexcept:
        """The bit of ``c``'s place, or 0 if it is not followed."""
        cdef int k
        if c < 128:
            return 0 if self.ascii[c] < 0 else 1ULL << self.ascii[c]
        if self.n_other == 0:
            return 0
        for k in range(self.n_other):
            if self.other[k] == c:
                return 1ULL << self.other_place[k]
        return 0

    cdef object with_chars(self, object mask, unsigned long long seen, str s):
        """``mask`` with the one-character triggers ``seen`` holds, and the substring
        triggers of ``s`` whose first character it holds."""
        cdef Py_ssize_t k
        for k in range(len(self.char_bits)):
            if seen >> k & 1:
                mask |= self.char_bits[k]
        for place, t, bits in self.substrings:
            if seen >> <int>place & 1 and t in s:
                mask |= bits
        return mask


cdef unsigned long long pack(str s, Py_ssize_t start, Py_ssize_t end) noexcept:
    """The first ``KEY`` code points of ``s[start:end]`` as one integer, 16 bits each; 0 if
    one of them is past U+FFFF (or is U+0000)."""
    cdef unsigned long long code = 0
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(s)
    cdef void* data = PyUnicode_DATA(s)
    if end - start > KEY:
        end = start + KEY
    for i in range(start, end):
        c = PyUnicode_READ(kind, data, i)
        if c > 0xFFFF or c == 0:
            return 0
        code |= (<unsigned long long>c) << (16 * (i - start))
    return code


cdef class Tables:
    """A rule set's tables as ``trigger_mask`` reads them, gathered once (its attributes
    are looked up by name on every call otherwise): per key tier, its keys, its known
    words and its :class:`Index`."""

    cdef tuple tiers, by_key, known, substrings
    cdef readonly list indexes
    cdef object always
    cdef dict by_char
    cdef Py_ssize_t most, last

    def __init__(self, rules):
        self.tiers, self.by_key, self.known = rules._tier, rules._key_tiers, rules._word_bits
        self.always, self.most, self.by_char, self.substrings = rules._always, rules._known_words, rules._by_char, rules._by_substring
        self.indexes = [None] * len(self.by_key)
        self.last = LAST_TIER

    cdef Index index(self, Py_ssize_t tier):
        index = self.indexes[tier]
        if index is None:
            index = self.indexes[tier] = Index(self.by_key[tier], self.by_char, self.substrings)
        return index


cdef Tables tables_of(rules):
    tables = rules._compiled_index
    found = tables.get(None)
    if found is None:
        found = tables[None] = Tables(rules)
    return found


cdef bint keyed(Index index, dict by_key, str s, Py_ssize_t i, Py_ssize_t j):
    """Whether the word ``s[i:j]`` starts with a key of ``by_key`` (its first ``KEY``
    characters are one)."""
    cdef unsigned long long code
    if index.packed:
        code = pack(s, i, j)
        if code != 0:
            return index.has(code)
    return s[i : i + KEY if j - i > KEY else j] in by_key


cpdef trigger_mask(rules, str text, tokens, low, Py_ssize_t words=0):
    """``RuleSet._trigger_mask_python``: the rules whose triggers ``text`` holds, as a bit
    mask. Without ``tokens``, the words of ``low`` are cut here, in the same pass that
    looks for the followed characters (the finder pattern the Python function uses on long
    non-ASCII text finds the same keyed words)."""
    cdef str s
    cdef Py_ssize_t i, j, n, tier
    cdef Tables tables = tables_of(rules)
    cdef Py_ssize_t most = tables.most
    cdef dict by_key, known
    cdef Index index
    cdef unsigned long long seen = 0
    cdef Py_UCS4 c
    cdef int kind
    cdef void* data
    cdef bint cut, chars
    s = fold(text) if low is None else low
    kind, data, n = PyUnicode_KIND(s), PyUnicode_DATA(s), len(s)
    mask = tables.always
    tier = tables.tiers[words] if words < len(tables.tiers) else tables.last
    by_key = tables.by_key[tier]
    known = tables.known[tier]
    index = tables.index(tier)
    cut = tokens is None and bool(by_key)
    chars = index.chars
    if tokens is not None:
        for word in tokens:
            if keyed(index, by_key, <str?>word, 0, len(word)):
                mask = with_word(mask, word, by_key, known, most)
    if cut or chars:
        i = 0
        while i < n:
            c = PyUnicode_READ(kind, data, i)
            if chars:
                seen |= index.seen(c)
            if not cut or not word_char(c):
                i += 1
                continue
            j = i + 1
            while j < n:
                c = PyUnicode_READ(kind, data, j)
                if not word_char(c):
                    break
                if chars:  # a digit (or "²") is a word character and may be a trigger
                    seen |= index.seen(c)
                j += 1
            if keyed(index, by_key, s, i, j):
                mask = with_word(mask, s[i:j], by_key, known, most)
            i = j
    if chars:
        return index.with_chars(mask, seen, s)
    for ch, bits in tables.by_char.items():
        if ch in s:
            mask |= bits
    for t, bits in tables.substrings:
        if t in s:
            mask |= bits
    return mask


cdef enum:
    PAIR_BYTES = 512  # found_any_gated's filter of a text's character pairs: 4096 bits


cdef inline uint32_t pair_bit(uint32_t a, uint32_t b) noexcept:
    return (<uint32_t>(a * 0x9E3779B1u + b * 0x85EBCA77u)) >> 20  # 12 bits


cdef inline bint holds(str low, str literal, const uint8_t* pairs) except -1:
    """``literal in low``, answered at once (no) when the literal's first two characters
    are no pair of ``low``'s (``pairs``: their bits)."""
    cdef uint32_t h
    cdef Py_UCS4 a, b
    if len(literal) >= 2:
        a, b = literal[0], literal[1]
        h = pair_bit(a, b)
        if not pairs[h >> 3] & (1 << (h & 7)):
            return False
    return literal in low


def found_any_gated(tuple searches, str text):
    """``_rules._found_any_gated``: ``True`` if a search whose literals (one at least) the
    case-folded text holds finds a match, else ``None``. A long alternation's branches name
    a few hundred literals, most of which a text lacks: each is first looked up among the
    text's character pairs (a bit set made in one pass), and only the few that pass are
    searched for in the text."""
    cdef str low = fold(text)
    cdef uint8_t pairs[PAIR_BYTES]
    cdef Py_ssize_t i, n = len(low)
    cdef int kind = PyUnicode_KIND(low)
    cdef void* data = PyUnicode_DATA(low)
    cdef uint32_t h
    memset(pairs, 0, sizeof(pairs))
    for i in range(n - 1):
        h = pair_bit(PyUnicode_READ(kind, data, i), PyUnicode_READ(kind, data, i + 1))
        pairs[h >> 3] |= 1 << (h & 7)
    for needs, search in searches:
        if needs:
            for literal in <tuple?>needs:
                if holds(low, <str?>literal, pairs):
                    break
            else:
                continue
        if search(text) is not None:
            return True
    return None


cdef extern from *:
    int __builtin_ctzll(unsigned long long x) nogil


cpdef match(rules, str text, hints, Py_ssize_t words, spent, tokens, low):
    """``RuleSet._match_python``: the first rule (in rule order) whose triggers the text
    holds and that matches it, or ``None``. The candidates' bits are taken 64 at a time."""
    cdef tuple fits_by_words = rules._fits
    cdef tuple rule_list = rules.rules, probes
    cdef unsigned long long chunk
    cdef Py_ssize_t base = 0, k
    fits = fits_by_words[words] if words < len(fits_by_words) else rules._unlimited
    if not fits:
        return None
    mask = trigger_mask(rules, text, tokens, low, words) & fits
    probes = rules._probes if len(text) <= TRUSTED_CHARS else rules._no_probes
    while mask:
        chunk = mask & 0xFFFFFFFFFFFFFFFF
        while chunk:
            k = base + __builtin_ctzll(chunk)
            chunk &= chunk - 1
            probe = probes[k]
            if probe is not None:
                if probe.found(text) is not None:
                    return rule_list[k]
            elif rule_list[k].matches(text, hints, words, spent):
                return rule_list[k]
        mask >>= 64
        base += 64
    return None


def pass_match(rule_pass, unseen, block):
    """``_scoring.RulePass._match``: the first rule that drops ``block``, remembered for a
    short text (``unseen``: what the memo returns for a text it does not hold)."""
    return first_rule(rule_pass, unseen, block)


cdef object first_rule(rule_pass, unseen, block):
    cdef str text = text_of(block)
    hints = block.hints if rule_pass._hinted else ""
    cdef dict verdicts = rule_pass.verdicts
    cdef Py_ssize_t words
    key = (text, hints) if hints else text
    rule = verdicts.get(key, unseen)
    if rule is not unseen:
        return rule
    rule = None
    words = words_obj(block)
    if words < 0:
        words = len(text.split())
        set_field(block, B_WORDS, "words", words)
    most = rule_pass._max_words
    if most is None or words <= most:
        rule = match(rule_pass.rules, text, hints, words, rule_pass.spent, tokens_obj(block), fold(text))
    if len(text) <= MEMO_CHARS:
        if len(verdicts) >= rule_pass._memo_texts:
            verdicts.clear()
        verdicts[key] = rule
    return rule


cdef void drop_block(object block, object rule) except *:
    """``block.drop(rule.category, rule.id)``: the first verdict wins."""
    if Py_TYPE(block) != BLOCK_TYPE:
        block.drop(rule.category, rule.id)
    elif slot_at(block, B_CATEGORY) == <PyObject*>None:
        put(block, B_CATEGORY, rule.category)
        put(block, B_RULE, rule.id)


def pass_run(rule_pass, unseen, Py_ssize_t lo, Py_ssize_t hi, bint confined):
    """``_scoring.RulePass._run_python``: match the unchecked blocks of ``[lo, hi]``; the
    number dropped. A region a rule opens runs on past ``hi`` unless ``confined``."""
    cdef list blocks = rule_pass.blocks
    cdef bytearray checked = rule_pass.checked
    cdef dict open_until = rule_pass._open_until
    cdef Py_ssize_t n = len(blocks), i, j, end, limit, dropped = 0
    cdef Py_ssize_t stop = min(n, hi + 1) if confined else n
    if len(checked) < n:
        raise ValueError("the pass has fewer marks than blocks")
    i = max(lo, 0)
    while i <= hi and i < n:
        block = blocks[i]
        if PyByteArray_AS_STRING(checked)[i]:
            i += 1
            continue
        PyByteArray_AS_STRING(checked)[i] = 1
        if dropped_(block) or len(text_of(block)) > MAX_RULE_CHARS:
            i += 1
            continue
        rule = first_rule(rule_pass, unseen, block)
        if rule is None:
            i += 1
            continue
        drop_block(block, rule)
        dropped += 1
        if rule.scope != "region":
            i += 1
            continue
        end = -1
        rid = rule.id
        limit = min(stop, i + <Py_ssize_t>rule.max_blocks)
        for j in range(max(i + 1, <Py_ssize_t>open_until.get(rid, 0)), limit):
            if rule.closes(text_of(blocks[j]), rule_pass.spent):
                end = j
                break
        if end < 0:  # no closing block: the region is what sits with its opener
            open_until[rid] = limit
            end = i
            while end + 1 < stop and group_of(blocks[end + 1]) == group_of(block):
                end += 1
        for j in range(i + 1, end + 1):
            drop_block(blocks[j], rule)
            PyByteArray_AS_STRING(checked)[j] = 1
        dropped += end - i
        i = end + 1
    return dropped
