"""Statistics buttons for the Wagtail admin, shared by the apps that keep learners' answers (quizzes, practice).

``register_statistics`` adds, through Wagtail's own hooks, a "Reports" menu entry for anyone with a page
permission and a button in a page's header and in the page listing's "more" menu, shown on the pages
``shows(page)`` accepts to users who may edit them. The calling app's ``admin_views`` module gives the two views
(``index`` and ``statistics``), mounted at ``<prefix>/statistics/`` and ``<prefix>/<page id>/statistics/`` as
``<prefix>_statistics_index`` and ``<prefix>_statistics``.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.menus.pages import PageMenuItem

from lms.admin_menu import RuleMenuItem


def register_statistics(*, prefix, views, label, icon_name, menu_name, order, shows, priority):
    """Register the admin URLs, the menu entry (``order``) and the page buttons (``priority``) for one kind of
    statistics."""
    index_url_name, page_url_name = f"{prefix}_statistics_index", f"{prefix}_statistics"

    class StatisticsButton(PageMenuItem):
        url_name = page_url_name

        def is_shown(self, user):
            return shows(self.page) and self.page.permissions_for_user(user).can_edit()

    StatisticsButton.label = label
    StatisticsButton.icon_name = icon_name

    @hooks.register("register_admin_urls")
    def admin_urls():
        return [
            path(f"{prefix}/statistics/", views.index, name=index_url_name),
            path(f"{prefix}/<id:page_id>/statistics/", views.statistics, name=page_url_name),
        ]

    @hooks.register("register_reports_menu_item")
    def menu_item():
        return RuleMenuItem(
            label,
            reverse(index_url_name),
            rule=user_has_any_page_permission,
            name=menu_name,
            icon_name=icon_name,
            order=order,
        )

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        yield StatisticsButton(page=page, priority=priority)

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name, next_url=None):
        yield StatisticsButton(page=page, priority=priority)

    return StatisticsButton
