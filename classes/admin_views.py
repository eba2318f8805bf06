"""Trainers and centre staff run classes in the Wagtail admin (menu "Classes"), like the reports.

Permission rule for every view here: Wagtail first requires ``wagtailadmin.access_admin`` (anonymous
visitors and learners are sent to the admin sign-in). Then ``classes.permissions`` decides: the class list
is for staff and trainers (others 403); creating needs ``can_create_class``; every view of one class
(detail, edit, sessions, members, check-in screen, roster, board) needs ``can_manage_class`` — the class's
trainer or staff of its centre — else 403. An unknown class or session is 404.
"""

import segno
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learners.models import Centre
from learners.permissions import is_centre_staff, staff_centres
from lms.inputs import parse_id

from . import codes, services
from .forms import AddMemberForm, ClassForm, PolicyForm, SessionForm
from .models import Attendance, CentreClassPolicy, Class, ClassMember, Session
from .permissions import (
    can_create_class,
    can_manage_class,
    can_set_policy,
    can_use_classes,
    creatable_centres,
    visible_classes,
)

# Wagtail hook other apps use to add links beside each session on the class page (e.g. the reports app's
# printable sign-in sheet): ``fn(session) -> [(label, url), ...]``, called without database queries.
SESSION_ACTIONS_HOOK = "classes_session_actions"
CODE_REFRESH_SECONDS = 5
BOARD_REFRESH_SECONDS = 15


def forbidden(request, message=None):
    title = _("No access")
    return TemplateResponse(
        request,
        "classes/admin/message.html",
        {"header_title": title, "page_title": title, "message": message or _("This class is not yours to run.")},
        status=403,
    )


class ClassesAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_use_classes(request.user):
            return forbidden(request, _("Classes are run by their trainers and centre staff."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("classes_admin:list"), "label": _("Classes")},
            {"url": "", "label": self.get_page_title()},
        ]


class OneClassMixin(ClassesAdminMixin):
    """Loads ``self.klass`` from ``pk`` (404) and requires ``can_manage_class`` (403)."""

    def dispatch(self, request, *args, **kwargs):
        if not getattr(request.user, "is_authenticated", False):
            return forbidden(request)
        self.klass = get_object_or_404(Class.objects.select_related("centre", "trainer"), pk=kwargs["pk"])
        if not can_manage_class(request.user, self.klass):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.klass.name

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("classes_admin:list"), "label": _("Classes")}]
        items.append({"url": reverse("classes_admin:detail", args=[self.klass.pk]), "label": self.klass.name})
        if self.page_title:
            items.append({"url": "", "label": self.page_title})
        return items


class OneSessionMixin(OneClassMixin):
    """Loads ``self.session`` (``session`` in the URL) of ``self.klass``; another class's session is 404."""

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(Session.objects.select_related("klass"), pk=kwargs["session"])
        kwargs["pk"] = self.session.klass_id
        return super().dispatch(request, *args, **kwargs)


class ClassListView(ClassesAdminMixin, TemplateView):
    template_name = "classes/admin/list.html"
    page_title = gettext_lazy("Classes")

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": _("Classes")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        classes = (
            visible_classes(user)
            .select_related("centre", "trainer")
            .annotate(learner_count=Count("memberships", distinct=True), session_count=Count("sessions", distinct=True))
            .order_by("-start_date", "name")
        )
        policies = []
        for centre in staff_centres(user).order_by("name_th")[:20] if not user.is_superuser else []:
            policy = CentreClassPolicy.objects.filter(centre=centre).first()
            policies.append(
                {
                    "centre": centre,
                    "form": PolicyForm(initial={"trainers_may_create": bool(policy and policy.trainers_may_create)}),
                }
            )
        context.update({"classes": classes, "can_create": can_create_class(user), "policies": policies})
        return context


class PolicyView(ClassesAdminMixin, View):
    """Staff allow or forbid trainers to create classes at their centre (POST only)."""

    http_method_names = ["post"]

    def post(self, request, centre):
        target = staff_centres(request.user).filter(pk=centre).first()
        if target is None or not can_set_policy(request.user, target):
            return forbidden(request, _("Only the staff of this centre can change this."))
        form = PolicyForm(request.POST)
        form.is_valid()
        CentreClassPolicy.objects.update_or_create(
            centre=target, defaults={"trainers_may_create": form.cleaned_data.get("trainers_may_create", False)}
        )
        messages.success(request, _("Saved."))
        return redirect("classes_admin:list")


class ClassCreateView(ClassesAdminMixin, TemplateView):
    template_name = "classes/admin/form.html"
    page_title = gettext_lazy("New class")

    def dispatch(self, request, *args, **kwargs):
        if getattr(request.user, "is_authenticated", False) and not can_create_class(request.user):
            return forbidden(request, _("Only centre staff create classes, or trainers when the centre allows it."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = ClassForm(centres=creatable_centres(request.user), initial={"start_date": timezone.localdate()})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = ClassForm(request.POST, centres=creatable_centres(request.user))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        klass = services.create_class(
            centre=data["centre"],
            name=data["name"],
            courses=data["courses"],
            trainer=data["trainer"],
            start_date=data["start_date"],
            created_by=request.user,
        )
        messages.success(request, _("The class was created. Add its sessions and learners below."))
        return redirect("classes_admin:detail", klass.pk)


class ClassEditView(OneClassMixin, TemplateView):
    template_name = "classes/admin/form.html"
    page_title = gettext_lazy("Edit class")

    def centres(self):
        ids = list(creatable_centres(self.request.user).values_list("pk", flat=True)) + [self.klass.centre_id]
        return Centre.objects.filter(pk__in=ids)

    def get(self, request, pk):
        form = ClassForm(instance=self.klass, centres=self.centres())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, pk):
        form = ClassForm(request.POST, instance=self.klass, centres=self.centres())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if form.cleaned_data["centre"].pk != self.klass.centre_id and not is_centre_staff(
            request.user, form.cleaned_data["centre"]
        ):
            return forbidden(request)
        form.save()
        messages.success(request, _("Saved."))
        return redirect("classes_admin:detail", self.klass.pk)


class ClassDetailView(OneClassMixin, TemplateView):
    template_name = "classes/admin/detail.html"
    page_title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        klass = self.klass
        sessions = list(klass.sessions.annotate(present=Count("attendance")))
        for session in sessions:
            session.actions = [link for hook in hooks.get_hooks(SESSION_ACTIONS_HOOK) for link in hook(session)]
        members = ClassMember.objects.filter(klass=klass).select_related("user").order_by("user__display_name")
        join_url = self.request.build_absolute_uri(_site_url("classes:join")) + f"?code={klass.join_code}"
        context.update(
            {
                "klass": klass,
                "courses": klass.courses.order_by("path"),
                "sessions": sessions,
                "current": services.current_session(klass),
                "members": members,
                "join_url": join_url,
                "session_form": kwargs.get("session_form") or SessionForm(initial={"date": timezone.localdate()}),
                "member_form": kwargs.get("member_form") or AddMemberForm(klass=klass),
            }
        )
        return context


class SessionAddView(OneClassMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = SessionForm(request.POST)
        if not form.is_valid():
            return self.invalid(session_form=form)
        session = form.save(commit=False)
        session.klass = self.klass
        session.save()
        messages.success(request, _("The session was added."))
        return redirect("classes_admin:detail", self.klass.pk)

    def invalid(self, **forms):
        """The class page again with the form's errors (400)."""
        view = ClassDetailView()
        view.setup(self.request, pk=self.klass.pk)
        view.klass = self.klass
        return view.render_to_response(view.get_context_data(**forms), status=400)


class MemberAddView(SessionAddView):
    def post(self, request, pk):
        form = AddMemberForm(request.POST, klass=self.klass)
        if not form.is_valid():
            return self.invalid(member_form=form)
        user = form.cleaned_data["login"]
        if services.add_members(self.klass, [user], added_by=request.user):
            messages.success(request, _("%(name)s was added to the class.") % {"name": user.get_full_name()})
        else:
            messages.info(request, _("%(name)s is already in the class.") % {"name": user.get_full_name()})
        return redirect("classes_admin:detail", self.klass.pk)


class MemberRemoveView(OneClassMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, user_id):
        services.remove_member(self.klass, user_id)
        messages.success(request, _("The learner was taken out of the class; their attendance stays recorded."))
        return redirect("classes_admin:detail", self.klass.pk)


def _site_url(name, **kwargs):
    """A learner page's URL in the site's default language (the QR and the join link are read on phones)."""
    from django.conf import settings

    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, kwargs=kwargs)


def qr_svg(url):
    """The QR code for ``url`` as inline SVG (segno; vector, crisp on a projector)."""
    svg = segno.make(url, error="m").svg_inline(scale=10, border=2, dark="#000", light="#fff", omitsize=True)
    return mark_safe(svg)  # noqa: S308 — segno's own SVG markup, the URL is our own and numeric


class LiveMixin:
    """A screen htmx refreshes every few seconds: its fragment alone for htmx, never cached."""

    fragment_template_name = None

    def get_template_names(self):
        return [self.fragment_template_name] if getattr(self.request, "htmx", False) else [self.template_name]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class CheckInScreenView(LiveMixin, OneSessionMixin, TemplateView):
    """The projector screen: big code, its QR, who has checked in. htmx refreshes ``_code.html`` every few seconds."""

    template_name = "classes/admin/check_in_screen.html"
    fragment_template_name = "classes/admin/_code.html"
    page_title = gettext_lazy("Check-in")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        session = self.session
        is_open = services.checkin_open(session, now)
        context.update({"session": session, "open": is_open, "refresh": CODE_REFRESH_SECONDS})
        context["present"] = Attendance.objects.filter(session=session).count()
        context["members"] = ClassMember.objects.filter(klass_id=session.klass_id).count()
        if is_open:
            code = codes.current_code(session, now)
            url = self.request.build_absolute_uri(_site_url("classes:check_in")) + f"?code={code}"
            context.update(
                {"code": code, "qr": qr_svg(url), "seconds_left": codes.seconds_left(now), "check_in_url": url}
            )
        return context


class RosterView(OneSessionMixin, TemplateView):
    """Tick learners who are here (no phone needed), mark late arrival and leaving early. Works without JS."""

    template_name = "classes/admin/roster.html"
    page_title = gettext_lazy("Roster")

    def rows(self):
        members = ClassMember.objects.filter(klass_id=self.session.klass_id).select_related("user")
        attendance = {row.user_id: row for row in Attendance.objects.filter(session=self.session)}
        return [
            {"user": member.user, "attendance": attendance.get(member.user_id)}
            for member in members.order_by("user__display_name", "user__username")
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"session": self.session, "rows": self.rows()})
        return context

    def post(self, request, pk=None, session=None):
        posted = {}
        for key in request.POST.getlist("learner"):
            user_id = parse_id(key)
            if user_id is not None:
                posted[user_id] = (
                    request.POST.get(f"present-{user_id}") == "on",
                    request.POST.get(f"late-{user_id}") == "on",
                    request.POST.get(f"left-{user_id}") == "on",
                )
        services.save_roster(self.session, posted, recorded_by=request.user)
        messages.success(request, _("The roster was saved."))
        return redirect("classes_admin:roster", self.session.pk)


class BoardView(LiveMixin, OneClassMixin, TemplateView):
    """The live class board; htmx polls the ``_board.html`` fragment every few seconds."""

    template_name = "classes/admin/board.html"
    fragment_template_name = "classes/admin/_board.html"
    page_title = gettext_lazy("Class board")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session_id = parse_id(self.request.GET.get("session"))
        session = None
        if session_id is not None:
            session = Session.objects.filter(pk=session_id, klass=self.klass).first()
        if session is None:
            session = services.current_session(self.klass)
        context.update(
            {
                "klass": self.klass,
                "session": session,
                "board": services.board(self.klass, session),
                "refresh": BOARD_REFRESH_SECONDS,
                "now": timezone.now(),
            }
        )
        return context
