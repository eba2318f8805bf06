from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, OuterRef, Prefetch, Subquery, Sum, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageManager, TranslatableMixin, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.url_routing import RouteResult

from lms.fields import optional_fk
from lms.slugs import ReadableSlugMixin

from . import hooks
from .authoring import CourseChildPermissionTester, CoursePermissionTester
from .blocks import LessonStreamBlock
from .fields import LessonBodyField
from .panels import ContributedPanels, LessonGuidePanel
from .search import ThaiSearchable

# Cheap Android phones are 360 px wide: authors see that layout first when they preview.
PREVIEW_SIZES = [
    {"name": "mobile", "icon": "mobile-alt", "device_width": 360, "label": _("Preview in phone size")},
    {"name": "tablet", "icon": "tablet-alt", "device_width": 768, "label": _("Preview in tablet size")},
    {"name": "desktop", "icon": "desktop", "device_width": 1280, "label": _("Preview in desktop size")},
]


def _swap_language_prefix(path, old_code, new_code):
    old_prefix = f"/{old_code}/"
    if path and path.startswith(old_prefix):
        return f"/{new_code}/" + path[len(old_prefix) :]
    return path


def _specific_links():
    """Names of the reverse one-to-one links from Page to each concrete page model (for select_related)."""
    return [
        model._meta.get_ancestor_link(Page).remote_field.get_accessor_name()
        for model in get_page_models()
        if model is not Page
        and model._meta.get_ancestor_link(Page) is not None
        and model._meta.proxy is False
        and model._meta.parents.get(Page) is not None
    ]


def source_pk():
    """Annotation: the pk of the row's source page (the lowest pk of its translation set), see
    ``SourcePageQuerySet``. Pages loaded with it answer ``source_of`` without a query."""
    first = Page.objects.filter(translation_key=OuterRef("translation_key")).order_by("pk").values("pk")[:1]
    return Subquery(first)


def source_path():
    """Annotation: the tree path of the row's source page, next to ``source_pk``: a translated course's page
    then loads its source course's outline in the same query as its own."""
    first = Page.objects.filter(translation_key=OuterRef("translation_key")).order_by("pk").values("path")[:1]
    return Subquery(first)


def _specific(page):
    """The specific page for a Page row loaded with ``select_related(*_specific_links())``, without a query.

    Annotations of the row (``source_pk``, ``source_path``) are copied to the specific page."""
    model = page.specific_class
    specific = page
    if model is not None and model is not Page:
        link = model._meta.get_ancestor_link(Page)
        specific = None
        if link is not None and model._meta.parents.get(Page) is link:
            specific = getattr(page, link.remote_field.get_accessor_name(), None)
        if specific is None:
            specific = page.specific
    if specific is not page:
        for name in page.__dict__.keys() & {"source_pk", "source_path"}:
            specific.__dict__[name] = page.__dict__[name]
        if Page.locale.is_cached(page) and not Page.locale.is_cached(specific):
            specific.locale = page.locale
    return specific


# What the course page shows of the course itself, loaded by routing with the page.
_ROUTED_RELATED = ("coursepage__topic", "coursepage__cover_image")


class SourcePageQuerySet(PageQuerySet):
    """Pages with the one "source page" rule: progress, quiz attempts and report figures belong to the
    *source* page of a translation set, its first-created translation (the lowest pk).

    Call these on an unfiltered queryset (``Model.objects``): a filter such as ``live()`` would hide the source.
    For several page types at once, use ``SourcePageQuerySet(Page)``.
    """

    def source_of(self, page):
        """The source page of ``page`` (``page`` itself when it has no other translation; None for None)."""
        if page is None:
            return None
        if page.__dict__.get("source_pk") == page.pk and isinstance(page, self.model):
            return page  # loaded with the ``source_pk`` annotation: it is its own source
        known = page.__dict__.get("_source_page")
        if isinstance(known, self.model):
            return known  # asked before for this page object (e.g. by several tags on one page view)
        source = self.filter(translation_key=page.translation_key).select_related("locale").order_by("pk").first()
        if source is None:
            return page
        source.__dict__["source_pk"] = source.pk
        page.__dict__["_source_page"] = source
        return source

    def source_ids(self, translation_keys):
        """``{translation_key: pk of its source page}`` for these translation sets, in one query."""
        return dict(
            self.filter(translation_key__in=translation_keys)
            .order_by()
            .values("translation_key")
            .annotate(source=Min("pk"))
            .values_list("translation_key", "source")
        )

    def sources(self):
        """This queryset narrowed to source pages (one per translation set), in one query with a subquery."""
        firsts = self.model.objects.order_by().values("translation_key").annotate(first=Min("pk")).values("first")
        return self.filter(pk__in=firsts)


SourcePageManager = PageManager.from_queryset(SourcePageQuerySet)


class RoutedParentMixin:
    """Routing hands each page it walks through its parent (``routed_parent``): ``get_parent()`` then needs no
    query, e.g. for a lesson's course and breadcrumbs."""

    routed_parent = None

    def get_parent(self, update=False):
        if self.routed_parent is not None and not update:
            return self.routed_parent
        return super().get_parent(update=update)


class SitePage(ReadableSlugMixin, RoutedParentMixin, Page):
    """Behaviour shared by the site's page types (abstract).

    * Previews open at phone size.
    * Fallback routing: in a translated tree (e.g. ``/en/``), a child whose translation does not exist
      (or is not live) is served from the default-language (Thai) tree, with the UI in the reader's
      language and a note on the page. Links of pages served that way stay under the reader's language
      prefix, so the reader can keep browsing an untranslated course in the English UI.
    * Routing looks children up by their specific model when a page type allows only one kind of child,
      one query per level instead of two.
    """

    objects = SourcePageManager()

    class Meta:
        abstract = True

    @property
    def preview_sizes(self):
        return PREVIEW_SIZES

    @property
    def localized(self):
        """Wagtail's ``localized`` (the live translation in the active language, else this page), without a
        query for a site root loaded by ``lms.sites`` with its ``live_translations``."""
        translations = self.__dict__.get("live_translations")
        if translations is None:
            return super().localized
        return translations.get(get_language(), self)

    def get_view_restrictions(self):
        """Wagtail's rule (restrictions on this page or an ancestor, or on the page an alias copies) in one
        query: the ancestors' paths are prefixes of this page's path."""
        from wagtail.models import PageViewRestriction

        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        on_pages = models.Q(page__path__in=paths, page__alias_of__isnull=True)
        on_originals = models.Q(page__aliases__path__in=paths)
        return PageViewRestriction.objects.filter(on_pages | on_originals).distinct()

    def route(self, request, path_components):
        """Route to a descendant, loading every page on the remaining path in one query (by ``url_path``)."""
        if not path_components:
            return super().route(request, path_components)
        url_paths = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[: i + 1])
            for i in range(len(path_components))
        ]
        found = {
            page.depth: page
            for page in Page.objects.filter(
                url_path__in=url_paths, locale_id=self.locale_id, path__startswith=self.path, live=True
            )
            .select_related("locale", *_specific_links(), *_ROUTED_RELATED)
            .annotate(source_pk=source_pk(), source_path=source_path())
        }
        parent = self
        for position in range(len(path_components)):
            page = found.get(self.depth + position + 1)
            if page is None:
                return parent._route_missing_child(request, path_components[position:])
            page = _specific(page)
            page.routed_parent = parent
            if not isinstance(page, SitePage):
                return page.route(request, path_components[position + 1 :])
            parent = page
        return parent.route(request, [])

    def _route_missing_child(self, request, path_components):
        """No live child for ``path_components[0]``: a sub-route of this page (``RoutablePageMixin``), the
        default-language page, or 404."""
        sub_route = self._sub_route(request, path_components)
        if sub_route is not None:
            return sub_route
        fallback = self._fallback_translation()
        if fallback is None:
            raise Http404
        request.translation_fallback = {
            "from_code": fallback.locale.language_code,
            "to_code": self.locale.language_code,
            "from_locale_id": fallback.locale_id,
        }
        return fallback.route(request, path_components)

    def _sub_route(self, request, path_components):
        """The ``RoutablePageMixin`` route of this page for ``path_components``, else None."""
        if not isinstance(self, RoutablePageMixin):
            return None
        try:
            match = self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return None
        request.routable_resolver_match = match
        return RouteResult(self, args=(match.func, match.args, match.kwargs))

    def _fallback_translation(self):
        """This page in the default language when this page is a translation, else None."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return None
        fallback = self.get_translation_or_none(default)
        return fallback if fallback is not None and fallback.live else None

    def get_translation_or_none(self, locale):
        if getattr(locale, "pk", locale) == self.locale_id:
            return self
        return super().get_translation_or_none(locale)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        fallback = getattr(request, "translation_fallback", None)
        if parts and fallback and self.locale_id == fallback["from_locale_id"]:
            site_id, root_url, path = parts
            parts = (site_id, root_url, _swap_language_prefix(path, fallback["from_code"], fallback["to_code"]))
        return parts

    def untranslated_url(self, language_code, request=None):
        """URL under ``language_code`` at which this untranslated page is served by fallback routing.

        Used by the language switcher: the nearest translated ancestor's URL plus this page's slugs.
        """
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is None:
            return None
        chain = [self]
        while chain[-1].depth > 2:
            chain.append(chain[-1].get_parent())
        translations = {
            page.translation_key: page
            for page in Page.objects.filter(
                translation_key__in=[page.translation_key for page in chain], locale=locale, live=True
            )
        }
        slugs = []
        for page in chain:
            translation = translations.get(page.translation_key)
            if translation is not None:
                url = translation.get_url(request)
                return url + "".join(f"{slug}/" for slug in reversed(slugs)) if url else None
            slugs.append(page.slug)
        return None

    def breadcrumbs(self, request=None):
        """Ancestors below the tree root, top first, in the reader's language when translated.

        Uses the parents cached by routing, so a routed request costs no query here.
        """
        trail = []
        page = self.get_parent()
        while page is not None and page.depth > 1:
            trail.insert(0, page)
            page = page.get_parent() if page.depth > 2 else None  # the tree root is never shown
        if getattr(request, "translation_fallback", None):
            localized = {
                p.translation_key: p
                for p in Page.objects.filter(
                    translation_key__in=[p.translation_key for p in trail],
                    locale__language_code=get_language(),
                    live=True,
                )
            }
            trail = [localized.get(p.translation_key, p) for p in trail]
        return trail

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fallback = getattr(request, "translation_fallback", None)
        context["translation_fallback"] = bool(fallback)
        # Content served by fallback is in another language than the UI around it.
        context["content_language"] = fallback["from_code"] if fallback else None
        return context


@register_snippet
class Topic(TranslatableMixin, models.Model):
    """What a course is about, e.g. online selling. Translatable snippet."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_locale")]

    def __str__(self):
        return self.name


class HomePage(SitePage):
    """The site root in each language."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lessons.CatalogPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalog = CatalogPage.objects.child_of(self).live().order_by("path").first()
        context["catalog"] = catalog
        context["courses"] = catalog.courses() if catalog else []
        return context


class CatalogPage(SitePage):
    """The course catalogue."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["lessons.HomePage"]
    subpage_types = ["lessons.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def courses(self):
        """Live courses in tree order, each with ``estimated_minutes`` filled in (three queries in all)."""
        courses = list(
            CoursePage.objects.child_of(self)
            .live()
            .select_related("topic")
            .prefetch_related(Prefetch("cover_image", queryset=get_image_model().objects.prefetch_renditions()))
            .order_by("path")
        )
        minutes = {}
        for path, lesson_minutes in (
            LessonPage.objects.live().descendant_of(self).filter(depth=self.depth + 2).values_list("path", "minutes")
        ):
            course_path = path[: -Page.steplen]
            minutes[course_path] = minutes.get(course_path, 0) + lesson_minutes
        for course in courses:
            course.estimated_minutes = minutes.get(course.path, 0)
        return courses

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.courses()
        context["breadcrumbs"] = self.breadcrumbs(request)
        return context


class CoursePage(ThaiSearchable, SitePage):
    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")

    summary = models.TextField(_("summary"), max_length=500)
    topic = optional_fk(Topic, verbose_name=_("topic"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    cover_image = optional_fk("wagtailimages.Image", verbose_name=_("cover image"))
    cover_alt = models.CharField(_("cover image alt text"), max_length=250, blank=True)
    outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Learning outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("topic"),
        FieldPanel("level"),
        FieldPanel("cover_image"),
        FieldPanel("cover_alt"),
        FieldPanel("outcomes"),
        ContributedPanels(hooks.COURSE_PANELS),
    ]
    search_text_fields = ("title", "summary", "outcomes")
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["lessons.CatalogPage"]
    subpage_types = ["lessons.LessonPage", "quizzes.QuizPage"]
    # The admin lists a course's lessons and quiz in the order learners meet them, ready to drag.
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("course")

    def permissions_for_user(self, user):
        return CoursePermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image for people who cannot see it.")})

    @cached_property
    def estimated_minutes(self):
        """Estimated time of the whole course: the sum of its live lessons' minutes."""
        return LessonPage.objects.child_of(self).live().aggregate(total=Sum("minutes"))["total"] or 0

    def get_context(self, request, *args, **kwargs):
        from . import services  # services imports this module

        context = super().get_context(request, *args, **kwargs)
        outline, source_outline = services.course_outlines(request.user, self)
        # The same figure as the property, from the lessons the outline has already loaded.
        self.estimated_minutes = sum(item["page"].minutes for item in outline if isinstance(item["page"], LessonPage))
        context["outline"] = outline
        context["lesson_count"] = sum(1 for item in outline if isinstance(item["page"], LessonPage))
        context["breadcrumbs"] = self.breadcrumbs(request)
        context["started"] = any(item["status"] != "not_started" for item in outline)
        context["resume"] = (
            services.resume_course(request.user, self, request, outline, source_outline) if context["started"] else None
        )
        context["first_item"] = outline[0] if outline and not context["started"] else None
        context["course_page_extras"] = hooks.templates(hooks.COURSE_PAGE_EXTRAS)
        return context


class LessonPage(RoutablePageMixin, ThaiSearchable, SitePage):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=5)
    body = LessonBodyField(LessonStreamBlock, verbose_name=_("lesson content"), blank=True)

    content_panels = [
        LessonGuidePanel(heading=_("How to write a lesson"), classname="collapsed"),
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("minutes"),
        FieldPanel("body"),
    ]
    search_text_fields = ("title", "intro", "body")
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def permissions_for_user(self, user):
        return CourseChildPermissionTester(user, self)

    @route("done/", name="mark_done")
    def mark_done(self, request):
        """``<lesson url>done/``: the reader marks this lesson done (``views.mark_done``)."""
        from . import views

        return views.mark_done(request, self)

    def read_aloud_parts(self):
        """What "listen" reads (``readaloud``): title, introduction and body, as the lesson page shows them."""
        from django.template.loader import render_to_string

        return [("lesson", render_to_string("lessons/_read_aloud_text.html", {"page": self}))]

    def body_images(self):
        """Every image in the lesson body (pictures and step screenshots), in order."""
        images = []
        for block in self.body:
            if block.block_type == "image":
                images.append(block.value["image"])
            elif block.block_type == "steps":
                images.extend(step["image"] for step in block.value["steps"] if step["image"])
        return [image for image in images if image is not None]

    def get_context(self, request, *args, **kwargs):
        """The lesson with its course outline and neighbours; records that a signed-in reader opened it.

        A constant number of queries whatever the course size (routing caches the parent course).
        """
        from . import services  # services imports this module

        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects(self.body_images(), "renditions")
        if self.__dict__.get("source_pk", self.pk) != self.pk:
            # A translation: its source page serves practice blocks and the language switcher (one query).
            LessonPage.objects.source_of(self)
        course = self.get_parent().specific
        # Saving a course for offline use fetches its lessons with "Purpose: prefetch": not reading them.
        reading = not getattr(request, "is_preview", False) and request.headers.get("Purpose") != "prefetch"
        outline = services.outline(request.user, course)
        position = next((i for i, item in enumerate(outline) if item["page"].pk == self.pk), None)
        if request.user.is_authenticated and reading:
            started = position is not None and outline[position]["status"] != "not_started"
            services.record_visit(request.user, self, course, started=started)
            if position is not None and not started:
                outline[position]["status"] = "started"
        lessons = [item["page"] for item in outline if isinstance(item["page"], LessonPage)]
        previous_page = next_page = None
        if position is not None:
            previous_page = outline[position - 1]["page"] if position > 0 else None
            next_page = outline[position + 1]["page"] if position + 1 < len(outline) else None
        context.update(
            course=course,
            outline=outline,
            lesson_status=outline[position]["status"] if position is not None else "not_started",
            lesson_number=next((i + 1 for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None),
            lesson_count=len(lessons),
            previous_page=previous_page,
            next_page=next_page,
            breadcrumbs=self.breadcrumbs(request),
        )
        return context


class Progress(models.Model):
    """A learner's progress through a course or a lesson: started when the row is made, completed once.

    Subclasses declare ``course``, ``started_at`` and ``completed_at`` themselves (in their own field order, which
    the learner's data download follows); the shared index finds a course's completions.
    """

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["course", "completed_at"])]

    def complete(self):
        """Set ``completed_at`` to now unless it is set; True only for the call that set it.

        One conditional UPDATE, so of two concurrent requests (a double click) only one completes the row.
        """
        if self.completed_at is not None:
            return False
        now = timezone.now()
        updated = type(self).objects.filter(pk=self.pk, completed_at__isnull=True).update(completed_at=now)
        self.completed_at = now
        return bool(updated)


class Enrolment(Progress):
    """A learner's place in a course. ``course`` is always the course's source page (see services)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    started_at = models.DateTimeField(auto_now_add=True)
    last_visited_at = models.DateTimeField(auto_now=True)
    last_lesson = optional_fk(LessonPage)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta(Progress.Meta):
        verbose_name = _("enrolment")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="unique_enrolment")]
        indexes = [*Progress.Meta.indexes, models.Index(fields=["user", "-last_visited_at"])]

    def __str__(self):
        return f"{self.user} in {self.course}"


class LessonProgress(Progress):
    """Started / completed state of one lesson for one learner (source pages, see services)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="lesson_progress")
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta(Progress.Meta):
        verbose_name = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_progress")]
        indexes = [models.Index(fields=["user", "course"]), *Progress.Meta.indexes]

    def __str__(self):
        return f"{self.user}: {self.lesson}"


class AnonymousProgress(models.Model):
    """What an erased learner did in one course, with nothing that identifies them.

    Written just before an account is deleted (the ``learners.hooks.learner_erasing`` receiver
    ``services.anonymise_progress``) so that centre and national statistics stay true after erasure.
    ``month`` is the first day of the month in which the learner last worked on the course.
    """

    course = optional_fk(CoursePage, blank=False, verbose_name=_("course"))
    centre = optional_fk("learners.Centre", verbose_name=_("centre"))
    month = models.DateField(_("month"))
    lessons_completed = models.PositiveIntegerField(_("lessons completed"), default=0)
    completed = models.BooleanField(_("course completed"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("anonymous progress")
        indexes = [
            models.Index(fields=["centre", "month"], name="lessons_anon_centre_month"),
            models.Index(fields=["course", "month"], name="lessons_anon_course_month"),
        ]

    def __str__(self):
        return f"{self.course_id} @ {self.centre_id} {self.month:%Y-%m}"
