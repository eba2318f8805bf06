"""Statistics pages for the Wagtail admin, shared by the apps that keep learners' answers (quizzes, practice).

An app describes its statistics with a ``Statistics`` subclass and passes an instance to ``register_statistics``,
which adds through Wagtail's own hooks: the two views, mounted at ``<prefix>/statistics/`` and
``<prefix>/<page id>/statistics/`` as ``<prefix>_statistics_index`` and ``<prefix>_statistics`` (templates
``<prefix>/admin/index.html``, which extends ``lessons/admin/statistics_index.html``, and
``<prefix>/admin/statistics.html``); a "Reports" menu entry for anyone with a
page permission; and a button in a page's header and in the page listing's "more" menu, shown on pages of
``page_model`` to users who may edit them. The menu entry is named ``<prefix>-statistics``. The button has one
priority, ``BUTTON_PRIORITY``, for every kind: a page has at most one kind of statistics.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.menus.pages import PageMenuItem

from lms.admin_menu import RuleMenuItem

BUTTON_PRIORITY = 45


class Statistics:
    """One kind of statistics. Subclasses set the attributes below and define ``index_context(user)`` (the list
    page's context: every page the user may edit) and ``page_stats(page)`` (one page's figures)."""

    prefix = ""  # the app: URL prefix and names, template folder
    page_model = None  # the pages that have these statistics
    label = ""  # page title, menu entry and button
    icon_name = ""
    order = 0  # of the menu entry

    def index(self, request):
        """Every page of ``page_model`` the user may edit, with its figures.

        Permission: anyone who may use the admin (Wagtail's admin URLs check it); only pages the user may edit
        are listed.
        """
        context = {**self.index_context(request.user), "page_title": self.label, "header_icon": self.icon_name}
        return render(request, f"{self.prefix}/admin/index.html", context)

    def statistics(self, request, page_id):
        """One page's figures (all languages together).

        Permission: the user may edit the page (Wagtail's page permission), else 403; not a ``page_model`` page, 404.
        """
        page = get_object_or_404(self.page_model, pk=page_id)
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        context = {
            "page": page,
            "stats": self.page_stats(page),
            "page_title": self.label,
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": self.icon_name,
        }
        return render(request, f"{self.prefix}/admin/statistics.html", context)


def register_statistics(statistics):
    """Register the admin URLs, the menu entry and the page buttons of ``statistics`` (a ``Statistics``)."""
    index_url_name, page_url_name = f"{statistics.prefix}_statistics_index", f"{statistics.prefix}_statistics"

    class StatisticsButton(PageMenuItem):
        url_name = page_url_name
        label = statistics.label
        icon_name = statistics.icon_name

        def is_shown(self, user):
            return self.page.specific_class is statistics.page_model and self.page.permissions_for_user(user).can_edit()

    @hooks.register("register_admin_urls")
    def admin_urls():
        return [
            path(f"{statistics.prefix}/statistics/", statistics.index, name=index_url_name),
            path(f"{statistics.prefix}/<id:page_id>/statistics/", statistics.statistics, name=page_url_name),
        ]

    @hooks.register("register_reports_menu_item")
    def menu_item():
        return RuleMenuItem(
            statistics.label,
            reverse(index_url_name),
            rule=user_has_any_page_permission,
            name=f"{statistics.prefix}-statistics",
            icon_name=statistics.icon_name,
            order=statistics.order,
        )

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        yield StatisticsButton(page=page, priority=BUTTON_PRIORITY)

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name, next_url=None):
        yield StatisticsButton(page=page, priority=BUTTON_PRIORITY)

    return StatisticsButton
