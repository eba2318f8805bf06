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
        RuleMenuItem(
            _("Dashboard"),
            reverse("reports_admin:dashboard"),
            rule=can_view_reports,
            icon_name="clipboard-list",
            order=100,
        ),
        RuleMenuItem(
            _("Learners"), reverse("reports_admin:learners"), rule=can_view_reports, icon_name="group", order=200
        ),
        RuleMenuItem(
            _("Create accounts for a class"),
            reverse("reports_admin:class_import"),
            rule=is_centre_staff,
            icon_name="upload",
            order=300,
        ),
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
