"""Staff and national reports in the Wagtail admin.

Permission rule for every view here: Wagtail first requires ``wagtailadmin.access_admin`` (anonymous
visitors are sent to the admin sign-in); then only centre staff (for their own centres) and national staff
(every centre) get through — anyone else, and centre staff asking for another centre, get a 403.
"""

import uuid
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from classes.models import Session
from classes.permissions import can_manage_class
from learners.guards import StaffRequiredMixin
from learners.models import User
from learners.permissions import is_centre_staff, manageable_learners, staff_centres
from lms.dates import format_month
from lms.replica import ReplicaReadsMixin

from . import attendance, class_import, exports, services, tables
from .charts import bar_chart
from .forms import ClassImportForm, LearnerSearchForm, ReportFilterForm
from .models import AccountBatch
from .permissions import can_view_centre, can_view_reports, is_national_staff

LEARNERS_PER_PAGE = 25
CENTRES_PER_PAGE = 50
SHEET_REFRESH_SECONDS = 2  # the class sheet's page reloads this often while the accounts are being created


def paginate(items, per_page, request):
    """A page of ``items`` (``?p=``; out-of-range numbers give the nearest page) and its page links."""
    paginator = WagtailPaginator(items, per_page)
    page = paginator.get_page(request.GET.get("p"))
    return page, list(paginator.get_elided_page_range(page.number))


def message_page(request, title, message, status):
    return TemplateResponse(
        request,
        "reports/message.html",
        {"header_title": title, "page_title": title, "message": message},
        status=status,
    )


def forbidden(request, message):
    return message_page(request, _("No access"), message, 403)


class ReportAccessMixin(StaffRequiredMixin):
    """Only centre staff and national staff; centre staff only for their own centres."""

    header_icon = "clipboard-list"
    staff_rule = staticmethod(can_view_reports)

    def staff_denied(self, request):
        return forbidden(request, _("Reports are only for centre staff and national staff."))

    def centre_forbidden(self, centre):
        return centre is not None and not can_view_centre(self.request.user, centre)

    def forbid_centre(self):
        return forbidden(self.request, _("You can only see the learners and reports of your own centre."))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["national"] = is_national_staff(self.request.user)
        return context


class FilteredReportView(ReportAccessMixin, ReplicaReadsMixin, WagtailAdminTemplateMixin, TemplateView):
    """A report page filtered by ``form_class``: a bad filter is a 400 with the form, another centre a 403."""

    form_class = None

    def get(self, request, *args, **kwargs):
        form = self.form_class(request.GET, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        f = form.report_filter()
        if self.centre_forbidden(f.centre):
            return self.forbid_centre()
        return self.filtered(form, f)


class DashboardView(FilteredReportView):
    template_name = "reports/dashboard.html"
    page_title = gettext_lazy("Centre reports")
    form_class = ReportFilterForm

    def filtered(self, form, f):
        refresh = services.ensure_fresh()
        if refresh is None:
            return self.render_to_response(self.get_context_data(form=form, preparing=True))
        return self.render_to_response(self.get_context_data(form=form, refresh=refresh, **self.report_context(f)))

    def report_context(self, f):
        language = get_language()
        context = {
            "filter": f,
            "summary": tables.cells(tables.SUMMARY, services.summary(f)),
            "courses": tables.table(tables.COURSES, services.course_rows(f, language), _("There are no courses yet.")),
            "monthly": self.monthly_context(f, language),
            "attendance": self.attendance_context(f),
            "query": self.request.GET.urlencode(),
        }
        if f.level != "centre":
            rows = services.centre_rows(f)
            if f.level == "national":
                context["provinces"] = tables.table(tables.PROVINCES, services.province_rows(rows))
            context["ranking"], context["ranking_pages"] = paginate(
                services.ranking(rows), CENTRES_PER_PAGE, self.request
            )
            context["ranking_table"] = tables.table(tables.RANKING, context["ranking"])
        return context

    def monthly_context(self, f, language):
        data = services.monthly(f)
        labels = [format_month(month, language) for month in data["months"]]
        description = _(
            "Bar chart of the 12 months from %(first)s to %(last)s; the table below lists the same figures."
        ) % {
            "first": labels[0],
            "last": labels[-1],
        }
        series = [(_("Enrolments"), data["enrolments"]), (_("Completions"), data["completions"])]
        charts = [
            bar_chart(_("Enrolments and completions per month"), description, labels, series),
            bar_chart(
                _("Certificates issued per month"),
                description,
                labels,
                [(_("Certificates issued"), data["certificates"])],
            ),
        ]
        rows = [
            {
                "label": label,
                "enrolments": data["enrolments"][index],
                "completions": data["completions"][index],
                "certificates": data["certificates"][index],
            }
            for index, label in enumerate(labels)
        ]
        return {"charts": charts, "table": tables.table(tables.MONTHLY, rows, caption=_("Month by month"))}

    def attendance_context(self, f):
        data = attendance.figures(f)
        columns = [tables.ATTENDANCE_GROUPS[data["group"]], *tables.ATTENDANCE]
        return {
            "cards": tables.cells(tables.ATTENDANCE, data["total"]),
            "table": tables.table(columns, data["rows"], _("No class attendance in this period.")),
            "months": tables.table(tables.ATTENDANCE_MONTHLY, data["months"]),
        }

    def get_page_subtitle(self):
        return ""


class LearnerListView(FilteredReportView):
    template_name = "reports/learners.html"
    page_title = gettext_lazy("Learners")
    form_class = LearnerSearchForm

    def filtered(self, form, f):
        request = self.request
        language = get_language()
        users = services.learner_list(f, form.cleaned_data.get("q", ""))
        page, page_range = paginate(users, LEARNERS_PER_PAGE, request)
        courses = list(services.source_courses())
        titles = services.course_titles(courses, language)
        progress = services.learner_progress([user.pk for user in page], courses)
        manageable = set(
            manageable_learners(request.user, User.objects.filter(pk__in=[user.pk for user in page])).values_list(
                "pk", flat=True
            )
        )
        learners = [
            {
                "user": user,
                "can_reset": user.pk in manageable,
                "courses": [
                    {"title": titles[course.pk], **progress[user.pk][course.pk]}
                    for course in courses
                    if course.pk in progress.get(user.pk, {})
                ],
            }
            for user in page
        ]
        context = self.get_context_data(
            form=form,
            filter=f,
            page=page,
            page_range=page_range,
            learners=learners,
            can_create=staff_centres(request.user).exists(),
            query=request.GET.urlencode(),
        )
        return self.render_to_response(context)


class ExportView(ReportAccessMixin, ReplicaReadsMixin, View):
    """``/admin/reports/export/<report>.<format>`` with the same filters as the page it came from."""

    def get(self, request, report, fmt):
        if fmt not in exports.FORMATS or (report not in exports.REPORTS and report != "learners"):
            raise Http404
        form_class = LearnerSearchForm if report == "learners" else ReportFilterForm
        form = form_class(request.GET, user=request.user)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "reports/bad_filter.html",
                {"header_title": _("Export"), "page_title": _("Export"), "form": form},
                status=400,
            )
        f = form.report_filter()
        if self.centre_forbidden(f.centre):
            return self.forbid_centre()
        language = get_language()
        if report != "learners" and services.ensure_fresh() is None:
            response = message_page(
                request, _("Export"), _("The figures are being prepared. Please try again in a minute."), 503
            )
            response["Retry-After"] = "60"
            return response
        if report == "learners" and f.level == "national":
            form.add_error(
                "province", _("The learner list of the whole country is too long for one file: choose a province.")
            )
            return TemplateResponse(
                request,
                "reports/bad_filter.html",
                {"header_title": _("Export"), "page_title": _("Export"), "form": form},
                status=400,
            )
        if report == "learners":
            table = exports.learners_table(f, language, form.cleaned_data.get("q", ""))
        else:
            table = exports.REPORTS[report](f, language)
        return exports.FORMATS[fmt](table, exports.export_filename(report, f), language)


class ClassImportView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Names pasted (or a CSV file) → every account of a class at once → the printable sheet of first passwords.

    Permission: centre staff of the chosen centre only (superusers count as staff everywhere). Trainers and
    national staff who are not staff of a centre get 403: creating accounts is centre staff's job (product
    brief, journey 4). The same form sent twice (its ``key``) shows the first submission's sheet.
    """

    template_name = "reports/class_import.html"
    page_title = gettext_lazy("Create accounts for a class")
    staff_rule = staticmethod(is_centre_staff)

    def staff_denied(self, request):
        return forbidden(request, _("Only centre staff create accounts for the learners of their centre."))

    def centre_forbidden(self, centre):
        return centre is not None and not is_centre_staff(self.request.user, centre)

    def get(self, request, *args, **kwargs):
        """``?centre=CODE`` preselects the centre (from the learner list), under the same permission rule."""
        code = request.GET.get("centre", "")
        form = ClassImportForm(user=request.user, initial={"centre": code, "key": uuid.uuid4()})
        class_import.warm_up()
        if code:
            field = form.fields["centre"]
            try:
                centre = field.clean(code)
            except ValidationError as error:
                errors = [(None, message) for message in error.messages]
                return self.render_to_response(self.get_context_data(form=form, errors=errors), status=400)
            if self.centre_forbidden(centre):
                return self.forbid_centre()
        return self.render_to_response(self.get_context_data(form=form))

    def sent_before(self, key):
        """The sheet of an earlier submission of this same form (by this user), or None. A submission that
        created nothing (a username taken meanwhile) is forgotten, so the same form may be sent again."""
        batch = AccountBatch.objects.filter(key=key, created_by=self.request.user).first()
        if batch is not None and batch.status == AccountBatch.Status.FAILED:
            batch.delete()
            return None
        return redirect("reports_admin:class_sheet", key=batch.key) if batch else None

    def post(self, request, *args, **kwargs):
        form = ClassImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        key = form.cleaned_data["key"]
        if done := self.sent_before(key):
            return done
        centre = form.chosen_centre()
        if centre is None or self.centre_forbidden(centre):
            return self.forbid_centre()
        upload = form.cleaned_data["file"]
        if upload:
            result = class_import.plan(upload.read(class_import.MAX_BYTES + 1))
        else:
            result = class_import.plan_pasted(form.cleaned_data["names"])
        if not result.ok:
            return self.sent_before(key) or self.render_to_response(
                self.get_context_data(form=form, errors=result.errors), status=400
            )
        try:
            batch = class_import.start(
                result.accounts,
                centre,
                key=key,
                klass=form.cleaned_data.get("klass"),
                added_by=request.user,
                encoding=result.encoding,
            )
        except IntegrityError:
            if done := self.sent_before(key):
                return done
            message = _("This form was sent already. Open the form again to create more accounts.")
            return self.render_to_response(self.get_context_data(form=form, errors=[(None, message)]), status=409)
        return redirect("reports_admin:class_sheet", key=batch.key)


class ClassSheetView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """The progress of a class's new accounts while the task creates them, then their printable sheet, for
    ``SHEET_KEPT`` after the form was sent.

    Permission: centre staff of the batch's centre; anyone else gets 404 (as for an unknown batch).
    """

    template_name = "reports/class_sheet.html"
    page_title = gettext_lazy("First passwords")
    staff_rule = staticmethod(is_centre_staff)

    def get(self, request, key):
        batch = get_object_or_404(AccountBatch.objects.select_related("centre", "klass"), key=key)
        if not is_centre_staff(request.user, batch.centre):
            raise Http404
        self.breadcrumbs_items = self.breadcrumbs_items + [
            {"url": reverse("reports_admin:class_import"), "label": _("Create accounts for a class")}
        ]
        accounts = class_import.open_sheet(batch) if batch.status == AccountBatch.Status.DONE else None
        rows = [asdict(account) for account in accounts or []]
        context = self.get_context_data(
            batch=batch,
            accounts=accounts,
            sheet=tables.table(tables.SHEET, rows, css_class="reports-sheet__table"),
            centre=batch.centre,
            klass=batch.klass,
            encoding=batch.encoding,
            sign_in_url=request.build_absolute_uri(reverse("learners:login")),
        )
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store"
        if not batch.finished:
            response["Refresh"] = str(SHEET_REFRESH_SECONDS)  # reload until created; works without JavaScript
        return response


class SessionSheetView(View):
    """The sign-in sheet of one session as PDF, XLSX or CSV.

    Permission rule: the class's trainer or staff of its centre (``classes.permissions.can_manage_class``);
    anyone else with admin access gets 403, an unknown session 404.
    """

    def get(self, request, session, fmt):
        session = get_object_or_404(Session.objects.select_related("klass__centre", "klass__trainer"), pk=session)
        if fmt not in ("pdf", *exports.FORMATS):
            raise Http404
        if not can_manage_class(request.user, session.klass):
            return forbidden(request, _("Only the trainer of the class and the staff of its centre can print this."))
        filename = f"attendance-{session.klass.centre.code}-{session.date:%Y%m%d}-{session.pk}"
        if fmt == "pdf":
            response = HttpResponse(attendance.sheet_pdf(session), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
            response["Cache-Control"] = "no-store"
            return response
        return exports.FORMATS[fmt](attendance.session_table(session, get_language()), filename, get_language())
