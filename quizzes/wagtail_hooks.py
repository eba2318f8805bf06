from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from lessons import hooks as lesson_hooks

from . import admin_views, services
from .models import QuizPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("quizzes/statistics/", admin_views.index, name="quizzes_statistics_index"),
        path("quizzes/<id:page_id>/statistics/", admin_views.statistics, name="quizzes_statistics"),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_any_page_permission(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Quiz statistics"), reverse("quizzes_statistics_index"), name="quiz-statistics", icon_name="help", order=700
    )


class QuizStatisticsButton(PageMenuItem):
    label = _("Quiz statistics")
    icon_name = "help"
    url_name = "quizzes_statistics"

    def is_shown(self, user):
        return self.page.specific_class is QuizPage and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_listing_more_buttons")
def page_listing_statistics_button(page, user, next_url=None):
    yield QuizStatisticsButton(page=page, priority=45)


@hooks.register("register_page_header_buttons")
def page_header_statistics_button(page, user, view_name, next_url=None):
    yield QuizStatisticsButton(page=page, priority=45)


# Seams of lessons (lessons/hooks.py): required quizzes count towards completion; quizzes show in the outline.
hooks.register(lesson_hooks.COMPLETION_CHECK, services.required_quizzes_passed)
hooks.register(lesson_hooks.OUTLINE_STATUSES, services.outline_statuses)
