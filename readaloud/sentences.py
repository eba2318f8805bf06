"""Cut the text of rendered HTML into sentences and mark each one in the HTML.

Thai has no full stops: sentences are cut by PyThaiNLP's ``crfcut`` (a CRF model shipped inside the
pythainlp wheel, run by python-crfsuite; nothing is downloaded). Every text block (paragraph, list item,
heading, caption, legend, label ...) ends a sentence. Each piece of a sentence's text is wrapped in
``<span class="ra-s" data-ra="N">`` (a sentence that crosses a link or bold text has several spans with the
same number), so the browser reads, speaks and highlights sentences without cutting Thai itself.
"""

import hashlib
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from django.core.cache import cache

BLOCKS = frozenset("p li h1 h2 h3 h4 h5 h6 figcaption legend label dt dd td th blockquote caption pre".split())
SKIPPED = frozenset("script style noscript template details button select textarea svg audio video".split())
SPACE = re.compile(r"\s+")
CACHE_SECONDS = 24 * 60 * 60
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]*)"')  # as {% csrf_token %} writes it
CSRF_HELD = "readaloud-csrf-"  # + the token's number: its placeholder in the cached HTML
CSRF_HELD_VALUE = re.compile(rf'value="{CSRF_HELD}(\d+)"')


@dataclass(frozen=True)
class Marked:
    html: str
    sentences: tuple[str, ...]


def cut(text):
    """The sentences of one block of text, spaces kept, so that ``"".join(cut(text)) == text``."""
    from pythainlp.tokenize import sent_tokenize

    if not text.strip():
        return []
    pieces = [piece for piece in sent_tokenize(text, engine="crfcut") if piece]
    # crfcut keeps every character; fall back to the whole block if a future version does not
    return pieces if "".join(pieces) == text else [text]


def _skipped(element):
    return (
        element.name in SKIPPED
        or element.has_attr("data-ra-skip")
        or element.has_attr("hidden")
        or element.get("aria-hidden") == "true"
    )


def _leaf_blocks(element):
    """Text blocks with no text block inside, in document order, outside skipped elements."""
    for child in element.children:
        if not isinstance(child, Tag) or _skipped(child):
            continue
        if child.name in BLOCKS and not any(
            descendant.name in BLOCKS for descendant in child.find_all(True) if not _inside_skipped(descendant, child)
        ):
            yield child
        else:
            yield from _leaf_blocks(child)


def _inside_skipped(element, stop):
    while element is not None and element is not stop:
        if _skipped(element):
            return True
        element = element.parent
    return False


def _text_nodes(element):
    for child in element.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not comments, CDATA ...
                yield child
        elif not _skipped(child):
            yield from _text_nodes(child)


def _mark_block(soup, block, first_number):
    """Wrap the sentences of one text block; returns the sentences' spoken texts."""
    nodes = list(_text_nodes(block))
    text = "".join(str(node) for node in nodes)
    pieces = cut(text)
    spoken = []
    bounds = []  # (start, end, number) in text offsets
    offset = 0
    for piece in pieces:
        words = SPACE.sub(" ", piece).strip()
        if words:
            bounds.append((offset, offset + len(piece), first_number + len(spoken)))
            spoken.append(words)
        offset += len(piece)
    position = 0
    for node in nodes:
        value = str(node)
        pieces = _pieces(soup, text, position, position + len(value), bounds)
        position += len(value)
        node.replace_with(*pieces)
    return spoken


def _pieces(soup, text, start, end, bounds):
    """One text node as pieces: spans for sentence text, plain strings for the spaces between sentences."""
    cuts = sorted({start, end, *(max(min(x, end), start) for low, high, _n in bounds for x in (low, high))})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        chunk = text[a:b]
        number = next((n for low, high, n in bounds if low <= a and b <= high), None)
        if number is None or not chunk.strip():
            pieces.append(chunk)
        else:
            span = soup.new_tag("span", attrs={"class": "ra-s", "data-ra": str(number)})
            span.string = chunk
            pieces.append(span)
    return pieces


def _mark(html):
    soup = BeautifulSoup(html, "html.parser")
    sentences = []
    for block in list(_leaf_blocks(soup)):
        sentences.extend(_mark_block(soup, block, len(sentences)))
    return Marked(html=str(soup), sentences=tuple(sentences))


def mark(html):
    """``html`` with every sentence wrapped in numbered spans, and the sentences' texts in order.

    Cached by the HTML without its CSRF tokens: Django masks the token anew for every response, so a lesson
    with a form (a practice, "mark as done") would otherwise be cut again on every view. Each token stands as a
    numbered placeholder in the cached result and this response's own token is put back in its place.
    """
    tokens = []

    def hold(match):
        tokens.append(match[2])
        return f'{match[1]}{CSRF_HELD}{len(tokens) - 1}"'

    plain = CSRF_VALUE.sub(hold, html)
    key = "readaloud:mark:" + hashlib.sha256(plain.encode("utf-8")).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _mark(plain)
        cache.set(key, found, CACHE_SECONDS)
    if not tokens:
        return found
    html = CSRF_HELD_VALUE.sub(lambda match: f'value="{tokens[int(match[1])]}"', found.html)
    return Marked(html=html, sentences=found.sentences)


def sentences(html):
    """Only the sentences of ``html``, as the browser will speak them."""
    return list(mark(html).sentences)
