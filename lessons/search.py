"""Thai-aware search over courses and lessons.

Thai is written without spaces between words, so a full-text engine sees a whole Thai phrase as one "word":
SQLite FTS5 and PostgreSQL's parser both split only on spaces and punctuation. The fix is to put the spaces
in ourselves, with the same segmenter on both sides:

* Indexing: ``CoursePage`` and ``LessonPage`` mix in ``ThaiSearchable`` and index ``search_text()`` — their
  plain text (title, summary or introduction, every text inside the StreamField blocks, HTML stripped) cut into
  words by PyThaiNLP's dictionary-based ``newmm`` segmenter and joined with spaces. Wagtail's own database
  backend (``wagtail.search.backends.database``: FTS5 on SQLite, ``tsvector`` on PostgreSQL) stores and matches
  it; pages are reindexed whenever they are saved (Wagtail's index task) and by ``manage.py update_index``.
* Searching: the query goes through the same segmenter and every word must match (``operator="and"``),
  restricted to live pages in the reader's locale. Results are ordered here, not by the backend's relevance
  score: pages with more query words in their title first, then in course-outline order. (On SQLite the
  backend's relevance ordering runs the full-text match once per matching page, which took 2 s for 700 hits
  among 2,000 lessons; the matching itself is a single full-text query on both databases. On PostgreSQL that
  query matches ``title || body``, which migration ``lessons/0005`` covers with a GIN index: ``python -m
  bench.search`` times the match with and without it.)

So "รหัสผ่าน" finds "ตั้งรหัสผ่านให้ปลอดภัย" (segmented "ตั้ง รหัสผ่าน ให้ ปลอดภัย"), on either database. Matching is by
whole words, as in English: a piece of a word that is not itself a word ("หัสผ่") finds nothing, and a
compound the dictionary knows as one word ("รหัสผ่าน") is not found by one of its parts ("ผ่าน"), just as
"pass" does not find "password". Splitting compounds into their parts was tried and rejected: the dictionary
splits "ราคา" into "รา" + "คา" and "สุภาพ" into "สุ" + "ภาพ", so "ภาพ" (picture) would find "สุภาพ" (polite).

``newmm`` and its word list ship inside the PyThaiNLP package: nothing is downloaded, and PyThaiNLP is told
to stay offline and not to create its data folder.
"""

import os
import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.blocks.field_block import ChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.models import Locale, Page

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.tokenize import word_tokenize  # noqa: E402
from pythainlp.util import normalize as normalize_thai  # noqa: E402

MAX_QUERY_LENGTH = 200
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 200
_SPACES = re.compile(r"\s+")


class QueryTooLong(ValueError):
    pass


def _clean(text):
    """Thai spelling normalised (e.g. doubled tone marks); punctuation, symbols and controls become spaces."""
    text = normalize_thai(text)
    return "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)


def words(text):
    """The words of ``text`` as PyThaiNLP's ``newmm`` segmenter cuts them (works for Thai, English and mixed)."""
    return word_tokenize(_clean(text), engine="newmm", keep_whitespace=False)


def segment(text):
    """``text`` with a space between every two words, ready for a full-text index or query."""
    return " ".join(words(text))


def plain_text(page, language=None, fields=None):
    """The page's readable text (``fields``, default ``search_text_fields``) in the page's own language.

    Pass ``language`` when it is known: it saves a query for the page's locale.

    StreamField text is read from the stored JSON with the block definitions, so images and documents are not
    loaded: no query per block.
    """
    parts = []
    with translation.override(language or page.locale.language_code):
        for name in fields or page.search_text_fields:
            value = getattr(page, name)
            if isinstance(value, StreamValue):
                parts.extend(_block_text(value.stream_block, list(value.raw_data)))
            elif value:
                parts.append(str(value))
    return _SPACES.sub(" ", " ".join(parts)).strip()


def _block_text(block, raw):
    if raw is None or raw == "" or not getattr(block, "search_index", True):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [
            text
            for child in raw
            if child["type"] in block.child_blocks
            for text in _block_text(block.child_blocks[child["type"]], child["value"])
        ]
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in _block_text(child, raw.get(name))]
    if isinstance(block, blocks.ListBlock):
        items = (
            item["value"] if isinstance(item, dict) and {"type", "value", "id"} <= item.keys() else item for item in raw
        )
        return [text for item in items for text in _block_text(block.child_block, item)]
    if isinstance(block, (ChooserBlock, EmbedBlock)):
        return []
    return block.get_searchable_content(block.to_python(raw))


class ThaiSearchable:
    """Page mixin: index ``search_text()`` with ``index.SearchField("search_text")``.

    ``search_text_fields`` names the fields whose text is indexed (plain or StreamField).
    """

    search_text_fields: tuple[str, ...] = ("title",)

    def search_text(self):
        return segment(plain_text(self))


@dataclass
class Result:
    page: Page
    kind: str
    course: Page | None
    snippet: str


def search(query, locale=None):
    """Ids of the live courses and lessons in ``locale`` (default: the active language) having every word of ``query``.

    Best first: pages with more of the query words in their title, then in course-outline order (tree path).
    ``None`` when the query has no words at all; ``QueryTooLong`` above ``MAX_QUERY_LENGTH`` characters.
    """
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(query)
    terms = words(query)
    if not terms:
        return None
    pages = (
        Page.objects.live()
        .filter(locale=locale or Locale.get_active())
        .type(apps.get_model("lessons", "CoursePage"), apps.get_model("lessons", "LessonPage"))
        .values_list("pk", "title", "path")  # plain tuples: building Page objects cost more than the search
    )
    hits = pages.search(" ".join(terms), operator="and", order_by_relevance=False)
    folded = [term.casefold() for term in terms]
    ranked = sorted(hits, key=lambda hit: (-sum(term in hit[1].casefold() for term in folded), hit[2]))
    return [hit[0] for hit in ranked]


def describe(page_ids, query):
    """``Result`` rows, in the given order, for one page of search results: kind, the lesson's course, a snippet.

    A fixed number of queries: the pages, their specific rows (one per page type) and the lessons' courses.
    """
    lesson_model = apps.get_model("lessons", "LessonPage")
    language = translation.get_language()
    steplen = Page.steplen
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    pages = [by_id[pk] for pk in page_ids if pk in by_id]
    parent_paths = {page.path[:-steplen] for page in pages if isinstance(page, lesson_model)}
    courses = {course.path: course for course in Page.objects.filter(path__in=parent_paths)} if parent_paths else {}
    rows = []
    for page in pages:
        is_lesson = isinstance(page, lesson_model)
        rows.append(
            Result(
                page=page,
                kind="lesson" if is_lesson else "course",
                course=courses.get(page.path[:-steplen]) if is_lesson else None,
                snippet=snippet(
                    plain_text(page, language, [f for f in page.search_text_fields if f != "title"]), query
                ),
            )
        )
    return rows


def snippet(text, query):
    """About ``SNIPPET_LENGTH`` characters of ``text`` around the first query word, with query words in <mark>."""
    terms = sorted({w.casefold() for w in words(query)}, key=len, reverse=True)
    folded = text.casefold()
    hits = [i for i in (folded.find(t) for t in terms) if i >= 0]
    start = max(min(hits) - SNIPPET_BEFORE, 0) if hits else 0
    end = min(start + SNIPPET_LENGTH, len(text))
    if start:
        start = _word_start(text, start)
    excerpt = text[start:end]
    if not terms:
        return escape(excerpt)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(excerpt):
        out.append(escape(excerpt[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(excerpt[last:]))
    return mark_safe(("… " if start else "") + "".join(out) + (" …" if end < len(text) else ""))


def _word_start(text, index):
    """Move ``index`` forward to the start of a word, so a snippet never opens in the middle of one."""
    window = text[index : index + 40]
    position = 0
    for word in word_tokenize(window, engine="newmm", keep_whitespace=True)[:-1]:
        if position > 0 and not word.isspace():
            return index + position
        position += len(word)
    return index
