from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.inputs import ModelIdChoiceField, SearchField

from .display import TEXT_SIZES
from .models import Centre, User, mobile_validator
from .permissions import staff_centres
from .services import normalise_login

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


class SignInForm(AuthenticationForm):
    username = forms.CharField(label=_("Username or mobile number"), max_length=150)
    shared_computer = forms.BooleanField(
        label=_("This is a shared computer"),
        required=False,
        help_text=_("You will be signed out when the browser closes or after 30 minutes without use."),
    )


class CentreChoiceField(ModelIdChoiceField):
    """A centre chosen by id. The page renders a searchable picker, never all 2,281 options."""

    default_error_messages = {"invalid_choice": _("Please choose your centre from the list.")}

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=Centre.objects.all() if queryset is None else queryset, **kwargs)
        self.error_messages["required"] = _("Please choose your centre.")


class LearnerDetailsForm(forms.Form):
    """Name, login, centre and optional e-mail: shared by self sign-up and staff-created accounts."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("Shown on your certificate."),
        error_messages={"required": _("Please enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    login = forms.CharField(
        label=_("Username or mobile number"),
        max_length=150,
        help_text=_("Letters and numbers, or your mobile number such as 0812345678."),
        error_messages={"required": _("Please enter a username or your mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    centre = CentreChoiceField(label=_("Your centre"))
    email = forms.EmailField(label=_("E-mail (optional)"), required=False, max_length=254)

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip(" " + INVISIBLE)
        if not name:
            raise ValidationError(_("Please enter your name."))
        if any(ord(c) < 32 for c in name):
            raise ValidationError(_("Please enter your name on one line."))
        return name

    def clean_login(self):
        login = normalise_login(self.cleaned_data["login"])
        if login.isdigit():
            mobile_validator(login)
            if User.objects.filter(mobile=login).exists() or User.objects.filter(username__iexact=login).exists():
                raise ValidationError(_("This mobile number is already registered. Please sign in."))
        else:
            if not login or not all(c.isalnum() or c in "._-" for c in login):
                raise ValidationError(_("Use only letters, numbers, dot, dash or underscore."))
            if User.objects.filter(username__iexact=login).exists():
                raise ValidationError(_("This username is taken. Please choose another."))
        return login


class SignUpForm(LearnerDetailsForm):
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    field_order = ["display_name", "login", "password", "email", "centre"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("login"):
            try:
                validate_password(cleaned["password"], User(username=cleaned["login"]))
            except ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class StaffCreateLearnerForm(LearnerDetailsForm):
    """Staff create an account for someone; only centres the staff member looks after are accepted."""

    def __init__(self, *args, staff_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].label = _("Learner's name")
        self.fields["centre"].label = _("Centre")
        self.fields["centre"].queryset = staff_centres(staff_user)


class CentreSearchForm(forms.Form):
    """The centre picker's search box (``?centre_q=``)."""

    centre_q = SearchField()


class LearnerSearchForm(forms.Form):
    """Centre staff's learner search (``?q=``)."""

    q = SearchField()


class DisplayForm(forms.Form):
    """One tap on the menu's display buttons: a text size or the high-contrast switch (either may be absent)."""

    text_size = forms.TypedChoiceField(
        choices=[(str(size), f"{size}%") for size in TEXT_SIZES], coerce=int, required=False, empty_value=None
    )
    high_contrast = forms.TypedChoiceField(
        choices=[("on", _("On")), ("off", _("Off"))],
        coerce=lambda value: value == "on",
        required=False,
        empty_value=None,
    )
