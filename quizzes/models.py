from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import StreamField
from wagtail.models import Page

from lessons.authoring import CourseChildPermissionTester
from lessons.models import RoutedParentMixin, SourcePageManager
from lms.slugs import ReadableSlugMixin

from .blocks import QuestionStreamBlock
from .questions import parse_questions


class QuizPage(ReadableSlugMixin, RoutablePageMixin, RoutedParentMixin, Page):
    """A quiz at the end of (or between the lessons of) a course.

    Sub-routes ``start/``, ``answer/`` and ``current/`` (``quizzes.views``) serve the quiz's forms and htmx
    fragments; Wagtail's routing only reaches them for a live quiz inside its course.
    """

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Learners must pass this quiz to complete the course."),
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"))

    objects = SourcePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("pass_mark"),
        FieldPanel("required"),
        FieldPanel("questions"),
    ]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def permissions_for_user(self, user):
        return CourseChildPermissionTester(user, self)

    @cached_property
    def question_list(self):
        return parse_questions(self.questions)

    @cached_property
    def questions_by_key(self):
        return {question.key: question for question in self.question_list}

    @cached_property
    def source(self):
        """The source page (first-created translation): attempts, grading and question order belong to it."""
        return QuizPage.objects.source_of(self)

    def read_aloud_parts(self):
        """What "listen" reads (``readaloud``): each question with its options, one part per question key."""
        from django.template.loader import render_to_string

        from .services.context import display_question

        return [
            (key, render_to_string("quizzes/_question_fieldset.html", {"question": question}))
            for key, question in (
                (q.key, display_question(self, self.source, q.key).public()) for q in self.source.question_list
            )
        ]

    def action_urls(self, request):
        """``{"start", "answer", "current"}``: the sub-route URLs under the reader's language prefix."""
        url = self.get_url(request)
        return {name: url + self.reverse_subpage(name).lstrip("/") for name in ("start", "answer", "current")}

    @route("start/")
    def start(self, request):
        from . import views

        return views.start(request, self)

    @route("answer/")
    def answer(self, request):
        from . import views

        return views.answer(request, self)

    @route("current/")
    def current(self, request):
        from . import views

        return views.current(request, self)

    def get_template(self, request, *args, **kwargs):
        if getattr(request, "htmx", False):
            return "quizzes/_state.html"
        return super().get_template(request, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        """The quiz depends on who asks and on their attempt: never cached, fragment for htmx."""
        response = super().serve(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, **kwargs):
        from .services import page_state

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # The admin preview of a (possibly unsaved) draft: every question with its answers, no attempt.
            context.update({"state": "preview", "total": len(self.question_list), "pass_mark": self.pass_mark})
            return context
        context.update(page_state(request, self))
        return context


class QuizAttempt(models.Model):
    """One go at a quiz by a signed-in learner. ``quiz`` is the quiz's source page (first translation)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["quiz", "passed"]), models.Index(fields=["user", "quiz"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"], condition=Q(finished_at__isnull=True), name="one_open_attempt_per_quiz"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self):
        return self.finished_at is not None

    # Attempt storage: the same interface as ``quizzes.services.attempts.PracticeAttempt``.

    def answers_map(self):
        """``{question_key: (chosen option keys, correct)}``."""
        rows = Answer.objects.filter(attempt=self).values_list("question_key", "chosen", "correct")
        return {key: (tuple(chosen), correct) for key, chosen, correct in rows}

    def stored_answer(self, question_key):
        """``(chosen, correct)`` stored for ``question_key``, or None."""
        row = Answer.objects.filter(attempt=self, question_key=question_key).values_list("chosen", "correct").first()
        return (tuple(row[0]), row[1]) if row else None

    def store_answer(self, question_key, chosen, correct):
        """Store one answer: ``(chosen, correct, created)``; a repeated answer returns the stored one."""
        try:
            with transaction.atomic():
                Answer.objects.create(attempt=self, question_key=question_key, chosen=list(chosen), correct=correct)
        except IntegrityError:
            stored = Answer.objects.get(attempt=self, question_key=question_key)
            return tuple(stored.chosen), stored.correct, False
        return tuple(chosen), correct, True

    def finish(self, score, passed):
        """Finish once; True when this call finished it (the result then counts towards course progress).

        A concurrent request that also saw every answer finds the row already finished.
        """
        now = timezone.now()
        updated = QuizAttempt.objects.filter(pk=self.pk, finished_at__isnull=True).update(
            finished_at=now, score=score, passed=passed
        )
        self.finished_at, self.score, self.passed = now, score, passed
        return bool(updated)


class Answer(models.Model):
    """The learner's one answer to one question in one attempt."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(_("question key"), max_length=64)
    chosen = models.JSONField(_("chosen options"), default=list)
    correct = models.BooleanField(_("correct"))
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_key"], name="one_answer_per_question_per_attempt")
        ]

    def __str__(self):
        return f"{self.attempt_id}:{self.question_key}"
