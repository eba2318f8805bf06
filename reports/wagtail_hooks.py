from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from learners.permissions import is_centre_staff
from lms.admin_menu import RuleMenuItem

from . import admin_urls
from .permissions import can_view_reports


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("centre-reports/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_reports_menu():
    items = [
        RuleMenuItem(label, reverse(f"reports_admin:{url_name}"), rule=rule, icon_name=icon_name, order=order)
        for label, url_name, rule, icon_name, order in (
            (_("Dashboard"), "dashboard", can_view_reports, "clipboard-list", 100),
            (_("Learners"), "learners", can_view_reports, "group", 200),
            (_("Create accounts for a class"), "class_import", is_centre_staff, "upload", 300),
        )
    ]
    return SubmenuMenuItem(
        _("Centre reports"), Menu(items=items), icon_name="clipboard-list", name="centre-reports", order=250
    )


@hooks.register("classes_session_actions")
def session_sheet_links(session):
    """Links beside each session on a class page: the printable sign-in sheet and its spreadsheet."""
    return [
        (_("Attendance sheet (PDF)"), reverse("reports_admin:session_sheet", args=[session.pk, "pdf"])),
        (_("Attendance (XLSX)"), reverse("reports_admin:session_sheet", args=[session.pk, "xlsx"])),
    ]
