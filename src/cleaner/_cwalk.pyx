# cython: language_level=3, boundscheck=False, wraparound=False, binding=True
"""The block walk of ``_html_blocks`` in C, over libxml2's nodes: an optional speed-up.

``_html_blocks._walk`` is the reference. This module does what its loop, ``_Walk.flush``
and ``_Walk.emit`` do, with the same results: the same blocks, node arrays and gathered
elements, in the same order (``tests/test_compiled_walk.py`` compares the two on every page
it can find). Everything else the walk does (skipped subtrees, table rows, class and id
names, hidden elements) stays in Python and is called from here. Three more functions read
the walked page for the metadata stage, each the twin of a Python one: ``read_tagged``,
``marked_elements`` and ``pieces_after``; and two do the main-content stage's passes over
the node arrays: ``sum_up`` and ``nearest_up``.

Why it is faster: ``iterwalk`` makes a Python tuple per event and a list of attribute
names per element, and the loop asks each element for its text and tail as Python
strings. Here the nodes are visited in C, attribute names are compared as C strings, and
whitespace-only text becomes a Python string only when it is kept.
"""

from lxml.includes cimport tree
from lxml.includes.etreepublic cimport _Document, _Element
cimport lxml.includes.etreepublic as cetree
from libc.string cimport strcmp
from libc.stdlib cimport malloc, free
from cpython.mem cimport PyMem_Realloc, PyMem_Free

cetree.import_lxml__etree()

# ``_html_blocks``' constants (a test checks that they agree)
cdef enum:
    F_BLOCK = 1
    F_LINK = 2
    F_PRE = 4
    F_QUOTE = 8
    F_INLINE = 14
    SKIPPED = -1
    PARTS_COMPACT = 1024

# what an element's attribute names say (see _attr_bits)
cdef enum:
    A_ANY = 1
    A_HIDE = 2  # hidden, aria-hidden or style: the element may not be shown
    A_CLASS = 4
    A_ID = 8
    A_ROLE = 16
    A_ITEMPROP = 32
    A_REL = 64
    A_DESCRIBED = 124  # any of class, id, role, itemprop, rel

# the pure-Python module's helpers and tables, given by bind()
cdef object Block, Raw, py_fold, pre_text, tag_info_of, attributes_of, mark_bits_of, py_round
cdef dict LEAF_KIND
cdef frozenset ROW_TAGS


def bind(dict ns):
    """Take ``_html_blocks``' helpers (its namespace): they stay defined in one place."""
    global Block, Raw, py_fold, pre_text, tag_info_of, attributes_of, mark_bits_of, LEAF_KIND, ROW_TAGS, py_round
    Block, Raw, py_fold, pre_text = ns["Block"], ns["_Raw"], ns["_fold"], ns["_pre_text"]
    tag_info_of, attributes_of, mark_bits_of = ns["_tag_info"], ns["_attributes"], ns["mark_bits"]
    LEAF_KIND, ROW_TAGS = ns["LEAF_KIND"], ns["_ROW_TAGS"]
    import builtins
    py_round = builtins.round  # Python's rounding, not C's


def constants():
    """The flag values compiled in, for the test that compares them with ``_html_blocks``'."""
    return {"F_BLOCK": F_BLOCK, "F_LINK": F_LINK, "F_PRE": F_PRE, "F_QUOTE": F_QUOTE,
            "SKIPPED": SKIPPED, "PARTS_COMPACT": PARTS_COMPACT}


cdef inline int _attr_bits(tree.xmlNode* c_node) noexcept:
    """The A_* bits of the element's attributes. A namespaced attribute is named
    ``{href}name`` in lxml, so it is none of these names."""
    cdef tree.xmlAttr* a = c_node.properties
    cdef int bits = 0
    cdef const char* name
    while a is not NULL:
        bits |= A_ANY
        if a.ns is NULL or a.ns.href is NULL:
            name = <const char*>a.name
            if strcmp(name, b"class") == 0:
                bits |= A_CLASS
            elif strcmp(name, b"id") == 0:
                bits |= A_ID
            elif strcmp(name, b"role") == 0:
                bits |= A_ROLE
            elif strcmp(name, b"itemprop") == 0:
                bits |= A_ITEMPROP
            elif strcmp(name, b"rel") == 0:
                bits |= A_REL
            elif strcmp(name, b"hidden") == 0 or strcmp(name, b"aria-hidden") == 0 or strcmp(name, b"style") == 0:
                bits |= A_HIDE
        a = a.next
    return bits


cdef inline bint _is(tree.xmlNode* c, const char* name) noexcept:
    """Whether lxml names the element ``name`` (no namespace)."""
    return (c.ns is NULL or c.ns.href is NULL) and strcmp(<const char*>c.name, name) == 0


cdef inline object _attr(tree.xmlNode* c, const char* name):
    """``el.get(name)``."""
    return cetree.attributeValueFromNsName(c, NULL, <const unsigned char*>name)


cdef inline tree.xmlNode* _following(tree.xmlNode* c, tree.xmlNode* top) noexcept:
    """The node after ``c`` in ``top``'s subtree, in the order ``top.iter()`` lists them
    (elements, comments, processing instructions, entity references; nothing inside an
    entity reference), or NULL after the last."""
    cdef tree.xmlNode* nxt = cetree.findChildForwards(c, 0) if c.type == tree.XML_ELEMENT_NODE else NULL
    while nxt is NULL and c is not top:
        nxt = cetree.nextElement(c)
        c = c.parent
    return nxt


cdef inline bint _all_space(tree.xmlNode* c_node, bint any_ascii_space) noexcept:
    """Whether the text lxml reads from ``c_node`` on (the run of text nodes an element's
    ``text`` or ``tail`` joins) holds only " \\n\\t\\r", or nothing. With ``any_ascii_space``,
    the ASCII whitespace ``str.strip`` removes counts too (a no-break space does not: Python
    decides on it)."""
    cdef const unsigned char* s
    cdef unsigned char b
    while c_node is not NULL:
        if c_node.type == tree.XML_TEXT_NODE or c_node.type == tree.XML_CDATA_SECTION_NODE:
            s = <const unsigned char*>c_node.content
            if s is not NULL:
                while s[0]:
                    b = s[0]
                    if b != 32 and b != 10 and b != 9 and b != 13 and not (
                        any_ascii_space and (b == 11 or b == 12 or 28 <= b <= 31)
                    ):
                        return False
                    s += 1
        elif c_node.type != tree.XML_XINCLUDE_START and c_node.type != tree.XML_XINCLUDE_END:
            return True
        c_node = c_node.next
    return True


cdef inline bint _blank(tree.xmlNode* c_node) noexcept:
    """Whether the text from ``c_node`` on holds only " \\n\\t\\r" (what the walk strips)."""
    return _all_space(c_node, False)


cdef inline Py_ssize_t _nonspace(str text):
    """``_html_blocks._nonspace``."""
    cdef Py_ssize_t n = 0
    cdef Py_UCS4 ch
    for ch in text:
        if ch != 32 and ch != 10 and ch != 9 and ch != 13:
            n += 1
    return n


cdef inline str _fold(str raw):
    """``_html_blocks._fold``: its common case here, any other there."""
    cdef str text
    if len(raw) < 4096:
        text = " ".join(raw.split())
        if not text or text.isprintable():
            return text
    return py_fold(raw)


cdef object _emit(object w, str text, object lc, object count, object rows, object owner, object chars):
    """``_Walk.emit``."""
    nodes = w.nodes
    cdef list n_tag = nodes.tag
    cdef list parent = nodes.parent
    cdef list owners
    cdef Py_ssize_t gnode, o
    if owner < 0:
        owners = w.owners
        owner = owners[len(owners) - 1] if owners else 0
    o = owner
    otag = n_tag[o]
    kind = LEAF_KIND.get(otag, "p")
    if rows:
        kind = "td"
    elif w.pre_depth:
        kind = "pre"
    elif w.quote_depth and (kind == "p" or kind == "li"):
        kind = "quote"
    gnode = o
    if o and otag in LEAF_KIND:
        gnode = parent[o]
        while gnode > 0 and n_tag[gnode] in ROW_TAGS:
            gnode = parent[gnode]
    group_of = w.group_of
    group = group_of.get(gnode)
    if group is None:
        group = group_of[gnode] = len(group_of) + 1
    if chars < 0:
        chars = len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")
    if lc > chars:
        lc = chars
    density = (1.0 if lc == chars else py_round(lc / chars, 3)) if lc else 0.0
    hints = None if nodes.named[o] >= 0 else ""
    block = Block(text, kind, group, density, hints, None, None, None, None, -1, None, owner, nodes)
    w.raws.append(Raw(block, owner, chars, lc, count))
    return block


def emit(w, text, lc, count, rows, owner=-1, chars=-1):
    """``_Walk.emit`` (installed as the compiled walk's method)."""
    return _emit(w, text, lc, count, rows, owner, chars)


cdef int _flush(object w) except -1:
    """``_Walk.flush``."""
    cdef list parts = w.parts
    cdef list lines = w.lines
    raw = "".join(parts)
    lc = w.link_chars
    parts.clear()
    w.n_parts_joined = 0
    w.link_chars = 0
    rows = w.n_rows
    count = 1
    chars = -1
    if lines:
        count = w.n_lines
        text = "\n".join(lines)
        lines.clear()
        w.n_rows = 0
        w.n_lines = 0
        w.n_joined = 0
        last = _fold(raw)
        if last:
            if lc and not rows:
                _emit(w, text, 0, count, 0, -1, -1)
                text, lc, count = last, lc, 1
            else:
                text = f"{text}\n{last}"
                count += 1
    elif w.pre_depth:
        text = pre_text(raw)
    else:
        text = _fold(raw)
        chars = len(text) - text.count(" ")
    if text:
        _emit(w, text, lc, count, rows, -1, chars)
    if w.pending:
        w.emit_pending()
    return 0


def flush(w):
    """``_Walk.flush`` (installed as the compiled walk's method)."""
    _flush(w)


cdef class Elements:
    """A walk's elements by node id, kept as libxml2 nodes: an element's lxml proxy is made
    when it is asked for (most never are), instead of one made and kept per element, which
    cost a tenth of an HTML page's time. Only for a tree no one else holds (one that
    ``cleaner`` parsed, and never edits): its nodes live as long as its document, which this
    keeps alive. A caller's own tree could lose nodes to an edit made after ``clean()``, so
    its walk keeps the proxies (a list). Proxies are lxml's: asked for twice while the first
    is alive, an element is the same object."""

    cdef _Document doc
    cdef tree.xmlNode** nodes
    cdef Py_ssize_t n, size

    def __cinit__(self, _Element root not None):
        self.doc = root._doc
        self.nodes = NULL
        self.n = self.size = 0

    def __dealloc__(self):
        PyMem_Free(self.nodes)

    cdef int add(self, tree.xmlNode* c_node) except -1:
        cdef tree.xmlNode** grown
        cdef Py_ssize_t size
        if self.n == self.size:
            size = self.size * 2 if self.size else 256
            grown = <tree.xmlNode**>PyMem_Realloc(self.nodes, size * sizeof(tree.xmlNode*))
            if grown is NULL:
                raise MemoryError()
            self.nodes, self.size = grown, size
        self.nodes[self.n] = c_node
        self.n += 1
        return 0

    def append(self, _Element element not None):
        """Add an element of the same document (as ``list.append``)."""
        if element._doc is not self.doc:
            raise ValueError("Elements holds the elements of one document")
        self.add(element._c_node)

    def __len__(self):
        return self.n

    def __getitem__(self, Py_ssize_t i):
        if i < 0:
            i += self.n
        if i < 0 or i >= self.n:
            raise IndexError("element index out of range")
        return cetree.elementFactory(self.doc, self.nodes[i])

    def __iter__(self):
        cdef Py_ssize_t i
        for i in range(self.n):
            yield cetree.elementFactory(self.doc, self.nodes[i])


cdef class _Loop:
    """The state of one walk that lives in C; the rest is the ``_Walk``'s."""

    cdef object w
    cdef _Document doc
    cdef list stack, parts, lines, n_tag, n_named, n_own, n_cls, n_preset, n_semantic, n_parent, n_depth
    cdef list elements, owners, marked
    cdef Elements lazy  # the walk's elements as nodes (a private tree), else None: ``elements``
    cdef dict tag_info, by_name, said

    cdef int tail(self, tree.xmlNode* c_node) except -1:
        """The tail of an element that ended, of a comment or of a processing instruction."""
        cdef object w = self.w
        if c_node.next is NULL or (_blank(c_node.next) and not self.parts and not w.pre_depth):
            return 0
        tail = cetree.tailOf(c_node)
        if tail:
            self.parts.append(tail)
            if w.link_depth:
                w.link_chars += _nonspace(tail)
        return 0

    cdef int end(self, tree.xmlNode* c_node, bint is_root) except -1:
        cdef object w = self.w
        cdef long flags = (<long>self.stack.pop()) & 15  # a skipped element's -1 gives all bits
        if flags and flags != 15:
            if flags & F_BLOCK:
                if self.parts or self.lines or w.pending:
                    _flush(w)
                self.owners.pop()
            if flags == F_LINK:
                w.link_depth -= 1
            elif flags & F_INLINE:
                w.leave(flags)
        if not is_root:
            self.tail(c_node)
        return 0

    cdef object info(self, tree.xmlNode* c_node):
        """``_tag_info`` of the element's tag, by the name's address (libxml2 keeps one copy
        of each name per document) or, when namespaced, by the tag lxml would give it."""
        cdef size_t key = <size_t>c_node.name
        if c_node.ns is NULL:
            found = self.by_name.get(key)
            if found is not None:
                return found
        raw_tag = cetree.namespacedName(c_node)
        found = self.tag_info.get(raw_tag)
        if found is None:
            found = self.tag_info[raw_tag] = tag_info_of(raw_tag)
        if c_node.ns is NULL:
            self.by_name[key] = found
        return found

    cdef int start(self, tree.xmlNode* c_node) except -1:
        """An element starts; 1 when its children are to be walked."""
        cdef object w = self.w
        cdef long kind, flags, nid, depth, pid, named
        cdef int bits
        if c_node.type != tree.XML_ELEMENT_NODE:  # an entity reference: walked, never read
            self.stack.append(SKIPPED)
            return 1
        tag, kind_, flags_, preset, semantic = self.info(c_node)
        kind = kind_
        flags = flags_
        el = None  # the element's lxml proxy, made only where Python needs it
        bits = _attr_bits(c_node)
        if kind or tag == "tr" or bits & A_HIDE:
            el = cetree.elementFactory(self.doc, c_node)
            if w.skip(el, tag, kind, el.keys()):
                self.stack.append(SKIPPED)
                return 0
        nid = len(self.n_tag)
        depth = len(self.stack)  # skipped elements have no children: the stack holds the ancestors
        if depth:
            pid = (<long>self.stack[depth - 1]) >> 4
            named = self.n_named[pid]
        else:
            pid = named = -1
            flags |= F_BLOCK
        if bits & A_DESCRIBED:  # _Walk.attributes
            said = (
                tag,
                _attr(c_node, b"class") if bits & A_CLASS else None,
                _attr(c_node, b"id") if bits & A_ID else None,
                _attr(c_node, b"role") if bits & A_ROLE else None,
                _attr(c_node, b"itemprop") if bits & A_ITEMPROP else None,
                _attr(c_node, b"rel") if bits & A_REL else None,
            )
            attrs = self.said.get(said)
            if attrs is None:
                attrs = self.said[said] = attributes_of(*said, preset, semantic)
            own, cls, preset, semantic, marks = attrs
            if own:
                named = nid
            if marks:
                if el is None:
                    el = cetree.elementFactory(self.doc, c_node)
                self.marked.append((nid, el, marks))
        else:
            own = cls = ""
        self.n_named.append(named)
        self.n_own.append(own)
        self.n_cls.append(cls)
        self.n_preset.append(preset)
        self.n_semantic.append(semantic)
        self.n_parent.append(pid)
        if self.lazy is not None:
            self.lazy.add(c_node)
        else:
            self.elements.append(el if el is not None else cetree.elementFactory(self.doc, c_node))
        self.n_tag.append(tag)
        self.n_depth.append(depth)
        if flags & F_BLOCK:
            if self.parts or self.lines or w.pending:
                _flush(w)
            self.owners.append(nid)
        if flags == F_LINK:
            w.link_depth += 1
        elif flags & F_INLINE:
            w.enter(flags)
        self.stack.append(nid << 4 | flags)
        if c_node.children is not NULL and (self.parts or w.pre_depth or not _blank(c_node.children)):
            text = cetree.textOf(c_node)
            if text:
                self.parts.append(text)
                if w.link_depth:
                    w.link_chars += _nonspace(text)
                if len(self.parts) - w.n_parts_joined >= PARTS_COMPACT:
                    w.compact_parts()
        return 1

    cdef tree.xmlNode* others(self, tree.xmlNode* c) except? NULL:
        """From ``c`` on, the comments and processing instructions before the next element
        or entity reference (their tails: ``iterwalk``'s "comment" and "pi" events)."""
        while c is not NULL and c.type != tree.XML_ELEMENT_NODE:
            if c.type != tree.XML_COMMENT_NODE and c.type != tree.XML_PI_NODE:
                break
            self.tail(c)
            c = cetree.nextElement(c)
        return c

    cdef int run(self, tree.xmlNode* root) except -1:
        """Visit the subtree in document order, as ``iterwalk`` with ``skip_subtree`` would."""
        cdef tree.xmlNode* cur = root
        cdef tree.xmlNode* nxt
        cdef int descend = self.start(cur)
        while True:
            nxt = self.others(cetree.findChildForwards(cur, 0)) if descend else NULL
            if nxt is not NULL:
                cur = nxt
                descend = self.start(cur)
                continue
            while True:  # no child left: end elements until one has a next sibling
                self.end(cur, cur is root)
                if cur is root:
                    return 0
                nxt = self.others(cetree.nextElement(cur))
                if nxt is not NULL:
                    cur = nxt
                    descend = self.start(cur)
                    break
                cur = cur.parent


def walk(_Element root, w):
    """Fill ``w`` (a fresh ``_html_blocks._Walk`` whose ``flush`` and ``emit`` are this
    module's) from the subtree of ``root``, an element node, as ``_walk``'s loop does."""
    cdef _Loop loop = _Loop.__new__(_Loop)
    nodes = w.nodes
    loop.w = w
    loop.doc = root._doc
    loop.stack, loop.parts, loop.lines = w.stack, w.parts, w.lines
    loop.n_tag, loop.n_named, loop.n_own, loop.n_cls = nodes.tag, nodes.named, nodes.own, nodes.cls
    loop.n_preset, loop.n_semantic, loop.n_parent, loop.n_depth = nodes.preset, nodes.semantic, nodes.parent, nodes.depth
    if isinstance(w.elements, Elements):
        loop.lazy = w.elements
        loop.elements = None
    else:
        loop.lazy = None
        loop.elements = w.elements
    loop.owners, loop.marked = w.owners, w.gathered.marked
    loop.tag_info, loop.by_name, loop.said = {}, {}, w.said
    loop.run(root._c_node)


def marked_elements(_Element root, int bits):
    """The elements of ``root``'s subtree, itself included, in document order (as
    ``root.iter(etree.Element)`` gives them), that ``_html_blocks._marked(el, bits)`` passes.
    The metadata stage searches skipped subtrees (``<head>``, hidden boxes) for bylines and
    dates; most of their elements have no class, ``itemprop`` or ``rel`` and are never made
    Python objects here."""
    cdef list out = []
    cdef tree.xmlNode* top = root._c_node
    cdef tree.xmlNode* c = top
    cdef int has
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            has = _attr_bits(c)
            if has & (A_CLASS | A_ITEMPROP | A_REL) and mark_bits_of(
                _attr(c, b"class") if has & A_CLASS else None,
                _attr(c, b"itemprop") if has & A_ITEMPROP else None,
                _attr(c, b"rel") if has & A_REL else None,
            ) & bits:
                out.append(cetree.elementFactory(root._doc, c))
        c = _following(c, top)
    return out


_META_KEYS = (b"property", b"name", b"itemprop", b"http-equiv")


def read_tagged(list tagged):
    """What ``_metadata._Page`` reads from the page's elements of ``PAGE_TAGS`` (``tagged``,
    in document order), as its Python loop does: ``(meta, jsonld, links, titles, h1, h2,
    times)``, the ``<title>`` elements left for it to read. ``None`` if one is not an element
    (the loop reads them then)."""
    cdef dict meta = {}
    cdef list jsonld = [], links = [], titles = [], h1 = [], h2 = [], times = []
    cdef tree.xmlNode* c
    cdef bytes key_name
    for el in tagged:
        if not isinstance(el, _Element) or (<_Element>el)._c_node.type != tree.XML_ELEMENT_NODE:
            return None
        c = (<_Element>el)._c_node
        if _is(c, b"meta"):
            content = _attr(c, b"content")
            if content:
                for key_name in _META_KEYS:
                    key = _attr(c, key_name)
                    if key:
                        meta.setdefault(key.strip().casefold(), []).append(content)
        elif _is(c, b"script"):
            kind = _attr(c, b"type")
            if kind and "+" in kind and "ld+json" in kind.casefold():
                text = cetree.textOf(c)
                if text:
                    jsonld.append(text)
        elif _is(c, b"link"):
            if _attr(c, b"href") and _attr(c, b"rel"):
                links.append(el)
        elif _is(c, b"title"):
            titles.append(el)
        elif _is(c, b"h1"):
            h1.append(el)
        elif _is(c, b"h2"):
            if len(h2) < 10:
                h2.append(el)
        elif _attr(c, b"datetime"):
            times.append(el)
    return meta, jsonld, links, titles, h1, h2, times


cdef inline bint _may_hold_text(tree.xmlNode* c_node) noexcept:
    """Whether the text from ``c_node`` on may hold something ``str.strip`` keeps."""
    return not _all_space(c_node, True)


def pieces_after(_Element element):
    """``_metadata._pieces_after``: (owner, text) of the text pieces that follow ``element``
    in document order, up to the end of ``<body>``, as that generator gives them."""
    cdef _Document doc = element._doc
    cdef tree.xmlNode* node = element._c_node
    cdef tree.xmlNode* sib
    cdef tree.xmlNode* inner
    while node is not NULL and node.type == tree.XML_ELEMENT_NODE:
        if _is(node, b"body") or _is(node, b"html"):
            return
        sib = cetree.nextElement(node)
        while sib is not NULL:
            if sib.type == tree.XML_ELEMENT_NODE:
                inner = sib
                while inner is not NULL:  # sib.iter()
                    if inner.type == tree.XML_ELEMENT_NODE and not (
                        _is(inner, b"script") or _is(inner, b"style") or _is(inner, b"noscript")
                    ):
                        stamp = _attr(inner, b"datetime")
                        if stamp:
                            yield cetree.elementFactory(doc, inner), stamp
                        if _may_hold_text(inner.children):
                            text = cetree.textOf(inner)
                            if text and text.strip():
                                yield cetree.elementFactory(doc, inner), text
                        if inner is not sib and _may_hold_text(inner.next):
                            tail = cetree.tailOf(inner)
                            if tail and tail.strip():
                                yield cetree.elementFactory(doc, inner), tail
                    inner = _following(inner, sib)
                if _may_hold_text(sib.next):
                    tail = cetree.tailOf(sib)
                    if tail and tail.strip():
                        yield cetree.elementFactory(doc, sib), tail
            sib = cetree.nextElement(sib)
        node = node.parent


# ------------------------------------------------ the main-content stage's passes over nodes

#: ``sum_up`` refuses values whose total could overflow a C integer (the caller then
#: sums in Python): every sum it makes is a sum of some of them
cdef long long SUM_LIMIT = (<long long>1) << 62


def sum_up(list parent, list gate, *sums):
    """``_main_content._sum_up_python`` in C: every node's sums added into its parent's,
    bottom up, where ``gate`` (one of ``sums``, read as it is summed) is not 0. Only the
    parents' entries change, and only at the end: an ``OverflowError`` or ``TypeError`` (a
    value too large, or not an int) leaves the lists as they were."""
    cdef Py_ssize_t n = len(parent), m = len(sums), nid, k, g = -1
    cdef long long p, v, total
    for k in range(m):
        if sums[k] is gate:
            g = k
        if len(<list>sums[k]) != n:
            raise TypeError("sum_up takes one value per node in every list")
    if g < 0:
        raise TypeError("sum_up's gate is one of its sums")
    cdef long long *par = <long long*>malloc(n * sizeof(long long) + 1)
    cdef long long *vals = <long long*>malloc(n * m * sizeof(long long) + 1)
    cdef char *added = <char*>malloc(n + 1)
    try:
        if par == NULL or vals == NULL or added == NULL:
            raise MemoryError()
        for nid in range(n):
            par[nid] = parent[nid]
            if par[nid] >= n or par[nid] < -1:
                raise IndexError("sum_up: a parent id outside the nodes")
            added[nid] = 0
        for k in range(m):
            column = <list>sums[k]
            total = 0
            for nid in range(n):
                item = column[nid]
                if not isinstance(item, int):  # C would truncate a float
                    raise TypeError("sum_up sums ints")
                v = item
                if v >= SUM_LIMIT or v <= -SUM_LIMIT:
                    raise OverflowError("sum_up: a value too large for C")
                total += v if v >= 0 else -v
                if total >= SUM_LIMIT:
                    raise OverflowError("sum_up: sums too large for C")
                vals[k * n + nid] = v
        for nid in range(n - 1, 0, -1):
            if vals[g * n + nid]:
                p = par[nid]
                if p >= 0:
                    added[p] = 1
                    for k in range(m):
                        vals[k * n + p] += vals[k * n + nid]
        for k in range(m):
            column = <list>sums[k]
            for nid in range(n):
                if added[nid]:
                    column[nid] = vals[k * n + nid]
    finally:
        free(par)
        free(vals)
        free(added)


def nearest_up(list parent, list tags, list presets, frozenset not_container):
    """``_main_content._nearest_up`` in C, on the node arrays: per element, the nearest
    preset up the tree (itself included), and the nearest element that can be a container
    (not a tag of ``not_container``), or -1."""
    cdef Py_ssize_t n = len(parent), nid
    cdef Py_ssize_t p
    if len(tags) != n or len(presets) != n:
        raise TypeError("nearest_up takes one tag and one preset per node")
    cdef list near = list(presets)
    cdef list box = [-1] * n
    for nid in range(n):
        p = parent[nid]
        if p >= n or p < -1:
            raise IndexError("nearest_up: a parent id outside the nodes")
        if p >= 0 and near[nid] is None:
            near[nid] = near[p]
        if tags[nid] not in not_container:
            box[nid] = nid
        elif p >= 0:
            box[nid] = box[p]
    return near, box


def children_and_ends(list parent, list chars):
    """The loop of ``_main_content._children_and_ends_python`` in C: per node with text
    (``chars``), its id in its parent's list of children (in document order; the dict in
    the order the Python loop fills it: from the last node back), and per node the id
    after its subtree's last node."""
    cdef Py_ssize_t n = len(parent), nid, par
    if len(chars) != n:
        raise TypeError("children_and_ends takes one value per node")
    cdef dict children = {}
    cdef list end = list(range(1, n + 1))
    cdef list kids
    for nid in range(n - 1, 0, -1):
        par = parent[nid]
        if par < 0 or par >= n:
            raise IndexError("children_and_ends: a parent id out of the nodes")
        if chars[nid]:
            kids = children.get(par)
            if kids is None:
                kids = children[par] = []
            kids.append(nid)
        if <Py_ssize_t>end[nid] > <Py_ssize_t>end[par]:
            end[par] = end[nid]
    for kids in children.values():
        kids.reverse()
    return children, end
