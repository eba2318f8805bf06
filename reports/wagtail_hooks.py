from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from learners.permissions import is_centre_staff

from . import admin_urls
from .permissions import can_view_reports


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("centre-reports/", include(admin_urls))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


class ClassAccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_centre_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu():
    items = [
        ReportMenuItem(_("Dashboard"), reverse("reports_admin:dashboard"), icon_name="clipboard-list", order=100),
        ReportMenuItem(_("Learners"), reverse("reports_admin:learners"), icon_name="group", order=200),
        ClassAccountsMenuItem(
            _("Create accounts for a class"), reverse("reports_admin:class_import"), icon_name="upload", order=300
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
