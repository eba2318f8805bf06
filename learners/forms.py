from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .models import Centre, mobile_validator


class SignInForm(AuthenticationForm):
    username = forms.CharField(label=_("Username or mobile number"), max_length=150)
    shared_computer = forms.BooleanField(
        label=_("This is a shared computer"),
        required=False,
        help_text=_("You will be signed out when the browser closes or after 30 minutes without use."),
    )


class SignUpForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=150, help_text=_("Shown on your certificate."))
    login = forms.CharField(
        label=_("Username or mobile number"),
        max_length=150,
        help_text=_("Letters and numbers, or your mobile number such as 0812345678."),
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    centre = forms.ModelChoiceField(label=_("Your centre"), queryset=Centre.objects.all(), required=False)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean_login(self):
        login = self.cleaned_data["login"].strip().replace("-", "").replace(" ", "")
        User = get_user_model()
        if login.isdigit():
            mobile_validator(login)
            if User.objects.filter(mobile=login).exists() or User.objects.filter(username__iexact=login).exists():
                raise forms.ValidationError(_("This mobile number is already registered. Please sign in."))
        else:
            if not all(c.isalnum() or c in "._-" for c in login):
                raise forms.ValidationError(_("Use only letters, numbers, dot, dash or underscore."))
            if User.objects.filter(username__iexact=login).exists():
                raise forms.ValidationError(_("This username is taken. Please choose another."))
        return login

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("login"):
            User = get_user_model()
            validate_password(cleaned["password"], User(username=cleaned["login"]))
        return cleaned

    def save(self):
        User = get_user_model()
        data = self.cleaned_data
        login = data["login"]
        user = User(
            username=login,
            mobile=login if login.isdigit() else None,
            display_name=data["display_name"],
            email=data.get("email") or "",
            home_centre=data.get("centre"),
        )
        user.set_password(data["password"])
        user.save()
        if user.home_centre:
            user.memberships.create(centre=user.home_centre)
        return user
