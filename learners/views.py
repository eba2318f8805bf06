from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.middleware import mark_shared_computer

from .forms import SignInForm, SignUpForm


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


class SignOutView(auth_views.LogoutView):
    """Anyone may sign out (POST only)."""


@require_http_methods(["GET", "POST"])
def signup(request):
    """Public: create a learner account (no e-mail needed)."""
    if request.user.is_authenticated:
        return redirect("/")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            form.add_error("login", _("This username is taken. Please choose another."))
        else:
            login(request, user, backend="learners.backends.UsernameOrMobileBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "learners/signup.html", {"form": form}, status=status)
