import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learners.models import Membership
from lms.inputs import ModelIdChoiceField, ModelIdMultipleChoiceField

from . import services
from .models import Class, Session
from .permissions import may_teach

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": _("Enter a date as year-month-day, e.g. 2026-12-01.")})
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("Enter a date between the years 2000 and 2100."))
        return day


class ClassForm(forms.ModelForm):
    """Create or edit a class. ``centres`` are the centres the user may use; the trainer must work there."""

    start_date = DateField(label=_("Start date"))

    class Meta:
        model = Class
        fields = ["centre", "name", "courses", "trainer", "start_date"]
        field_classes = {
            "centre": ModelIdChoiceField,
            "courses": ModelIdMultipleChoiceField,
            "trainer": ModelIdChoiceField,
        }
        widgets = {"courses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["centre"].empty_label = None
        self.fields["courses"].queryset = services.source_courses()
        self.fields["courses"].error_messages["invalid_choice"] = _("There is no such course. Choose from the list.")
        teaching = Membership.objects.filter(
            centre__in=centres, role__in=[Membership.Role.TRAINER, Membership.Role.STAFF]
        ).values("user_id")
        self.fields["trainer"].queryset = get_user_model().objects.filter(pk__in=teaching).order_by("display_name")
        self.fields["trainer"].required = False
        self.fields["trainer"].label_from_instance = lambda user: user.get_full_name()

    def clean(self):
        data = super().clean()
        trainer, centre = data.get("trainer"), data.get("centre")
        if trainer is not None and centre is not None and not may_teach(trainer, centre):
            self.add_error("trainer", _("This trainer does not work at the chosen centre."))
        return data


class SessionForm(forms.ModelForm):
    date = DateField(label=_("Date"))

    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "place"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return data


class AddMemberForm(forms.Form):
    login = forms.CharField(label=_("Username or mobile number of the learner"), max_length=150)

    def __init__(self, *args, klass, **kwargs):
        super().__init__(*args, **kwargs)
        self.klass = klass

    def clean_login(self):
        """Only learners of the class's centre (home centre or learner membership) can be added."""
        login = self.cleaned_data["login"].strip()
        User = get_user_model()
        at_centre = Q(home_centre=self.klass.centre) | Q(
            memberships__centre=self.klass.centre, memberships__role=Membership.Role.LEARNER
        )
        user = (
            User.objects.filter(Q(username__iexact=login) | Q(mobile=login), at_centre, is_active=True)
            .distinct()
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("There is no learner of this centre with this username or mobile number."))
        return user


def code_field(label, max_length, **attrs):
    """A code a learner types from the trainer or the screen: one text box, ``attrs`` tune the phone keyboard."""
    return forms.CharField(label=label, max_length=max_length, widget=forms.TextInput(attrs=attrs))


class JoinForm(forms.Form):
    code = code_field(_("Class code"), 20, autocomplete="off", autocapitalize="characters", spellcheck="false")

    def clean_code(self):
        code = services.normalise_join_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("A class code has 6 letters and digits, like K7M2QX. Ask your trainer."))
        return code


class CheckInForm(forms.Form):
    code = code_field(
        _("Check-in code on the screen"), 40, inputmode="numeric", autocomplete="one-time-code", pattern="[0-9 ]*"
    )


class PolicyForm(forms.Form):
    trainers_may_create = forms.BooleanField(label=_("Trainers may create classes at this centre"), required=False)
