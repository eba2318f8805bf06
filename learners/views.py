import functools

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.inputs import parse_id, redirect_next, safe_next
from lms.middleware import mark_shared_computer

from . import display, privacy
from .centres import PICKER_LIMIT, search_centres
from .forms import CentreSearchForm, DisplayForm, LearnerSearchForm, SignInForm, SignUpForm, StaffCreateLearnerForm
from .guards import staff_required
from .models import Centre, DeletionRequest, User
from .permissions import can_manage_learner, manageable_learners, staff_centres
from .services import create_learner, staff_create_learner, staff_reset_password

SIGN_IN_BACKEND = "learners.backends.UsernameOrMobileBackend"


class SignInView(auth_views.LoginView):
    """Public. Throttled by django-axes; the shared-computer choice shortens the session."""

    template_name = "learners/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("shared_computer"):
            mark_shared_computer(self.request)
        return response

    def get_default_redirect_url(self):
        return f"/{get_language()}/"  # stay in the reader's language, whatever the browser prefers


class SignOutView(auth_views.LogoutView):
    """Anyone may sign out (POST only). Back to the home page in the reader's language.

    ``Clear-Site-Data`` makes the browser drop every cache and stored item of the site (saved courses, actions
    waiting to be sent), so the next person on this browser sees none of them.
    """

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response

    def get_default_redirect_url(self):
        return f"/{get_language()}/"


@require_http_methods(["GET", "POST"])
def display_settings(request):
    """Anyone, signed in or not: text size and contrast. POST (the menu's buttons) saves and goes back to
    ``next`` (PRG, no JavaScript needed); GET shows the same buttons on a page of their own."""
    status = 200
    if request.method == "POST":
        form = DisplayForm(request.POST)
        if form.is_valid():
            response = redirect_next(request, reverse("learners:display"))
            display.change(request, response, **form.cleaned_data)
            return response
        status = 400
    context = {"next": safe_next(request, ""), "invalid": status == 400}
    return render(request, "learners/display.html", context, status=status)


@require_GET
def forgot_password(request):
    """Public: how to get a new password at the centre (staff reset it; there is no e-mail reset)."""
    return render(request, "learners/forgot_password.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Signed-in users change their own password (e.g. the one-time password staff handed over)."""

    template_name = "learners/password_change.html"

    def get_success_url(self):
        return reverse("learners:my_data")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


def _centre_picker(request, queryset, selected_id=None):
    """Context for the centre picker: search results (or every centre when there are few) plus the choice.

    ``centre_error`` is set (and the search ignored) when the search text is not acceptable.
    """
    search = CentreSearchForm(request.POST if request.method == "POST" else request.GET)
    valid = search.is_valid()
    query = search.cleaned_data["centre_q"] if valid else ""
    error = None if valid else search.errors["centre_q"][0]
    language = get_language()
    if query:
        centres, more = search_centres(query, queryset)
    elif queryset.count() <= PICKER_LIMIT:
        centres, more = list(queryset[:PICKER_LIMIT]), False
    else:
        centres, more = [], False
    selected_id = parse_id(selected_id)
    if selected_id and all(c.pk != selected_id for c in centres):
        chosen = queryset.filter(pk=selected_id).first()
        if chosen:
            centres.insert(0, chosen)
    choices = [
        {
            "pk": c.pk,
            "name": c.display_name(language),
            "place": ", ".join(part for part in (c.district, c.province) if part),
            "checked": c.pk == selected_id,
        }
        for c in centres
    ]
    return {"centre_query": query, "centre_choices": choices, "centre_more": more, "centre_error": error}


@require_GET
def centre_picker(request):
    """Public: matching centres as radio buttons (htmx fragment for the sign-up and staff forms)."""
    queryset = staff_centres(request.user) if request.GET.get("scope") == "staff" else Centre.objects.all()
    context = _centre_picker(request, queryset, request.GET.get("centre"))
    return render(request, "learners/_centre_choices.html", context, status=400 if context["centre_error"] else 200)


def _new_account(form, create, **extra):
    """``create(...)`` with the form's login, name, centre and e-mail; a username already taken is a form error
    and gives ``None``."""
    data = form.cleaned_data
    try:
        return create(
            login=data["login"], display_name=data["display_name"], centre=data["centre"], email=data["email"], **extra
        )
    except IntegrityError:
        form.add_error("login", _("This username is taken. Please choose another."))
        return None


@require_http_methods(["GET", "POST"])
def signup(request):
    """Public: create a learner account (no e-mail needed). Signed-in people are sent on."""
    next_url = safe_next(request, f"/{get_language()}/")
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _new_account(form, transaction.atomic(create_learner), password=form.cleaned_data["password"])
        if user is not None:
            login(request, user, backend=SIGN_IN_BACKEND)
            messages.success(request, _("Welcome! Your account is ready."))
            return HttpResponseRedirect(next_url)
    context = {"form": form, "next": next_url, **_centre_picker(request, Centre.objects.all(), form["centre"].value())}
    status = 400 if request.method == "POST" or context["centre_error"] else 200
    return render(request, "learners/signup.html", context, status=status)


@staff_required
@require_GET
def staff_home(request):
    """Centre staff: find a learner of their centres, add one, and handle deletion requests."""
    search = LearnerSearchForm(request.GET)
    valid = search.is_valid()
    query = search.cleaned_data["q"] if valid else ""
    learners = manageable_learners(request.user)
    results = []
    if query:
        results = list(
            learners.filter(
                Q(display_name__icontains=query) | Q(username__icontains=query) | Q(mobile__icontains=query)
            )
            .select_related("home_centre")
            .order_by("display_name", "username")[:PICKER_LIMIT]
        )
    requests = (
        DeletionRequest.objects.filter(confirmed_at__isnull=True, user__in=learners)
        .select_related("user", "centre")
        .order_by("requested_at")
    )
    return render(
        request,
        "learners/staff_home.html",
        {
            "query": query,
            "search": search,
            "results": results,
            "deletion_requests": requests,
            "centres": staff_centres(request.user),
        },
        status=200 if valid else 400,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def staff_create_learner_view(request):
    """Centre staff create an account for a learner of one of their centres; shows a one-time password."""
    form = StaffCreateLearnerForm(request.POST or None, staff_user=request.user)
    if request.method == "POST" and form.is_valid():
        created = _new_account(form, functools.partial(staff_create_learner, request.user))
        if created is not None:
            learner, password = created
            return render(
                request, "learners/staff_password.html", {"learner": learner, "password": password, "new": True}
            )
    selected = form["centre"].value()
    centres = staff_centres(request.user)
    if not selected and centres.count() == 1:
        selected = centres.first().pk
    context = {"form": form, "picker_scope": "staff", **_centre_picker(request, centres, selected)}
    status = 400 if request.method == "POST" or context["centre_error"] else 200
    return render(request, "learners/staff_create_learner.html", context, status=status)


def _managed_learner(request, user_id):
    learner = get_object_or_404(User, pk=user_id)
    if not can_manage_learner(request.user, learner):
        raise Http404(_("No learner of your centre has this account."))
    return learner


@staff_required
@require_http_methods(["GET", "POST"])
def staff_reset_password_view(request, user_id):
    """Centre staff give a learner of their centre a new one-time password (GET asks, POST does it)."""
    learner = _managed_learner(request, user_id)
    if request.method == "POST":
        password = staff_reset_password(request.user, learner)
        return render(request, "learners/staff_password.html", {"learner": learner, "password": password})
    return render(request, "learners/staff_reset_password.html", {"learner": learner})


@staff_required
@require_http_methods(["GET", "POST"])
def staff_confirm_deletion(request, request_id):
    """Centre staff (or a superuser) carry out a learner's deletion request: GET explains, POST erases."""
    deletion = get_object_or_404(DeletionRequest.objects.select_related("user"), pk=request_id)
    if deletion.confirmed_at is not None or deletion.user is None:
        messages.info(request, _("This account has already been deleted."))
        return redirect("learners:staff_home")
    if not can_manage_learner(request.user, deletion.user):
        raise Http404(_("No learner of your centre has this account."))
    if request.method == "POST":
        name = deletion.user.get_full_name()
        try:
            privacy.erase_user(request.user, deletion)
        except ProtectedError:
            messages.error(request, _("This account cannot be deleted yet: other records depend on it."))
            return redirect("learners:staff_home")
        messages.success(request, _("The account of %(name)s has been deleted.") % {"name": name})
        return redirect("learners:staff_home")
    return render(request, "learners/staff_confirm_deletion.html", {"deletion": deletion})


@login_required
@require_GET
def my_data(request):
    """The signed-in person's own data: what is stored, downloads, and the deletion request."""
    tables = privacy.describe(privacy.export_user_data(request.user))
    return render(
        request,
        "learners/my_data.html",
        {"tables": tables, "deletion_request": privacy.open_deletion_request(request.user)},
    )


@login_required
@require_GET
def my_data_export(request, fmt):
    """The signed-in person's own data as a download (JSON or CSV). Only ever their own."""
    data = privacy.export_user_data(request.user)
    filename = f"my-data-{request.user.pk}"
    if fmt == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    response = HttpResponse(privacy.export_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@login_required
@require_POST
def request_deletion(request):
    """The signed-in person asks for their account to be deleted (idempotent)."""
    privacy.request_deletion(request.user)
    messages.success(request, _("Your request has been sent. Staff of your centre will delete your account."))
    return redirect("learners:my_data")


@login_required
@require_POST
def cancel_deletion(request):
    """The signed-in person withdraws their own open deletion request."""
    if privacy.cancel_deletion(request.user):
        messages.success(request, _("Your deletion request has been withdrawn."))
    return redirect("learners:my_data")
