from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from lessons import hooks as lesson_hooks

from . import admin_views, services
from .models import PracticePage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("practice/statistics/", admin_views.index, name="practice_statistics_index"),
        path("practice/<id:page_id>/statistics/", admin_views.statistics, name="practice_statistics"),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_any_page_permission(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Practice statistics"),
        reverse("practice_statistics_index"),
        name="practice-statistics",
        icon_name="mobile-alt",
        order=710,
    )


class PracticeStatisticsButton(PageMenuItem):
    label = _("Practice statistics")
    icon_name = "mobile-alt"
    url_name = "practice_statistics"

    def is_shown(self, user):
        return self.page.specific_class is PracticePage and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_listing_more_buttons")
def page_listing_statistics_button(page, user, next_url=None):
    yield PracticeStatisticsButton(page=page, priority=46)


@hooks.register("register_page_header_buttons")
def page_header_statistics_button(page, user, view_name, next_url=None):
    yield PracticeStatisticsButton(page=page, priority=46)


hooks.register(lesson_hooks.COMPLETION_CHECK, services.required_practices_done)
hooks.register(lesson_hooks.OUTLINE_STATUSES, services.outline_statuses)
