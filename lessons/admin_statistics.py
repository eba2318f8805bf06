"""Statistics buttons for the Wagtail admin, shared by the apps that keep learners' answers (quizzes, practice).

``register_statistics`` adds, through Wagtail's own hooks, a "Reports" menu entry for anyone with a page
permission and a button in a page's header and in the page listing's "more" menu, shown on the pages
``shows(page)`` accepts to users who may edit them. The views behind the URL names stay in the calling app.
"""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_any_page_permission(request.user)


def register_statistics(*, label, icon_name, index_url_name, page_url_name, menu_name, order, shows, priority):
    """Register the menu entry (``order``) and the page buttons (``priority``) for one kind of statistics."""

    class StatisticsButton(PageMenuItem):
        url_name = page_url_name

        def is_shown(self, user):
            return shows(self.page) and self.page.permissions_for_user(user).can_edit()

    StatisticsButton.label = label
    StatisticsButton.icon_name = icon_name

    @hooks.register("register_reports_menu_item")
    def menu_item():
        return StatisticsMenuItem(label, reverse(index_url_name), name=menu_name, icon_name=icon_name, order=order)

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        yield StatisticsButton(page=page, priority=priority)

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name, next_url=None):
        yield StatisticsButton(page=page, priority=priority)

    return StatisticsButton
