"""The certificates list in the Wagtail admin: a ``ModelViewSet`` with filters, scoped to the staff member's
centres. Listing only: certificates are issued, revoked and re-issued through the actions in ``admin_views``
(mounted under the same URL namespace, ``certificates_admin``), never created or edited as plain rows."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy

from learners.permissions import staff_centres
from lms.inputs import SearchField

from . import admin_views
from .forms import CentreChoiceField, CourseChoiceField, source_courses
from .models import Certificate
from .permissions import can_manage_certificates, manageable_certificates


class CertificatePermissionPolicy(BasePermissionPolicy):
    """Centre staff (and superusers) may view the list; nobody adds, edits or deletes rows here."""

    def user_has_permission(self, user, action):
        return action == "view" and can_manage_certificates(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CourseFilter(django_filters.ModelChoiceFilter):
    field_class = CourseChoiceField


class CentreFilter(django_filters.ModelChoiceFilter):
    field_class = CentreChoiceField


def _staff_centres(request):
    return staff_centres(request.user).order_by("province", "name_th") if request else staff_centres(None)


class CertificateFilterSet(WagtailFilterSet):
    course = CourseFilter(label=_("Course"), queryset=lambda request: source_courses())
    centre = CentreFilter(label=_("Centre"), queryset=_staff_centres)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Certificate.Status.choices, empty_label=_("Any status")
    )

    class Meta:
        model = Certificate
        fields = ["course", "centre", "status"]


class CellColumn(Column):
    """A column drawn by a template of this app (``instance`` is the certificate)."""

    def __init__(self, name, label, template):
        super().__init__(name, label=label)
        self.cell_template_name = template


class CertificateSearchForm(SearchForm):
    """Wagtail's search box, but NUL bytes and over-long text are an error (``lms.inputs.SearchField``)."""

    q = SearchField(label=_("Search term"))


class CertificateIndexView(IndexView):
    """The list (and its ``results/`` fragment); a malformed filter or search answers 400 with the form's error,
    never the whole unfiltered list as if nothing was wrong."""

    template_name = "certificates/admin/index.html"

    def get_search_form(self):
        return CertificateSearchForm(self.request.GET if self.search_kwarg in self.request.GET else None)

    def render_to_response(self, context, **response_kwargs):
        searched = self.search_form is not None and self.search_form.is_bound
        if (self.filters and not self.filters.is_valid()) or (searched and not self.search_form.is_valid()):
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)

    def get_base_queryset(self):
        return manageable_certificates(
            self.request.user, Certificate.objects.select_related("centre", "course", "issued_by")
        )

    @property
    def header_buttons(self):
        return [HeaderButton(_("Issue certificates"), reverse("certificates_admin:awaiting"), icon_name="plus")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = admin_views.visible_jobs(self.request.user).order_by("-created_at")[:5]
        return context


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    add_to_admin_menu = False  # the menu item in wagtail_hooks shows it to centre staff only
    url_prefix = "certificates"
    url_namespace = "certificates_admin"
    index_view_class = CertificateIndexView
    filterset_class = CertificateFilterSet
    search_fields = ["learner_name", "code"]
    list_per_page = 50
    copy_view_enabled = False
    list_display = [
        CellColumn("learner_name", _("Name as printed"), "certificates/admin/_cell_name.html"),
        Column("course_title_th", label=_("Course")),
        CellColumn("centre", _("Centre"), "certificates/admin/_cell_centre.html"),
        CellColumn("issued_at", _("Issued on"), "certificates/admin/_cell_issued.html"),
        CellColumn("code", _("Code"), "certificates/admin/_cell_code.html"),
        CellColumn("status", _("Status"), "certificates/admin/_cell_status.html"),
        CellColumn("actions", _("Actions"), "certificates/admin/_cell_actions.html"),
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("awaiting/", admin_views.awaiting, name="awaiting"),
            path("issue/", admin_views.issue, name="issue"),
            path("bulk/", admin_views.bulk_issue, name="bulk_issue"),
            path("bulk/<id:pk>/", admin_views.job, name="job"),
            path("<id:pk>/revoke/", admin_views.revoke, name="revoke"),
            path("<id:pk>/reissue/", admin_views.reissue, name="reissue"),
        ]
