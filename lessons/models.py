from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import LessonStreamBlock
from .search import ThaiSearchable


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


class HomePage(Page):
    """The site root in each language."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lessons.CatalogPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class CatalogPage(Page):
    """The course catalogue."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["lessons.HomePage"]
    subpage_types = ["lessons.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")


class CoursePage(ThaiSearchable, Page):
    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")

    summary = models.TextField(_("summary"), max_length=500)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("cover image alt text"), max_length=250, blank=True)
    outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Learning outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
    )
    auto_issue_certificate = models.BooleanField(
        _("issue certificate automatically"),
        default=True,
        help_text=_("Issue the certificate as soon as a learner completes the course; otherwise staff approve it."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("topic"),
        FieldPanel("level"),
        FieldPanel("cover_image"),
        FieldPanel("cover_alt"),
        FieldPanel("outcomes"),
        FieldPanel("auto_issue_certificate"),
    ]
    search_text_fields = ("title", "summary", "outcomes")
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["lessons.CatalogPage"]
    subpage_types = ["lessons.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")


class LessonPage(ThaiSearchable, Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=5)
    body = StreamField(LessonStreamBlock(), verbose_name=_("lesson content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("minutes"), FieldPanel("body")]
    search_text_fields = ("title", "intro", "body")
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")


class Enrolment(models.Model):
    """A learner's place in a course. ``course`` is always the course's source page (see services)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    started_at = models.DateTimeField(auto_now_add=True)
    last_visited_at = models.DateTimeField(auto_now=True)
    last_lesson = models.ForeignKey(LessonPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="unique_enrolment")]
        indexes = [models.Index(fields=["course", "completed_at"]), models.Index(fields=["user", "-last_visited_at"])]

    def __str__(self):
        return f"{self.user} in {self.course}"


class LessonProgress(models.Model):
    """Started / completed state of one lesson for one learner (source pages, see services)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="lesson_progress")
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_progress")]
        indexes = [models.Index(fields=["user", "course"]), models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user}: {self.lesson}"
