import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from classes.models import Class
from classes.permissions import visible_classes
from learners.models import Centre
from learners.permissions import staff_centres
from lms.inputs import ModelIdChoiceField, SearchField

from . import services
from .permissions import is_national_staff

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)
MONTH_INPUT_FORMATS = ["%Y-%m"]


class CentreField(ModelIdChoiceField):
    """A centre by its code. Validates against every centre, so a centre that exists but is not the
    user's own reaches the view (403), while a code that does not exist is a form error (400)."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Centre.objects.all(),
            to_field_name="code",
            required=False,
            label=_("Centre"),
            error_messages={"invalid_choice": _("There is no centre with this code. Check the centre code.")},
            **kwargs,
        )


class MonthField(forms.DateField):
    """An optional month typed as year-month (``<input type="month">``); its value is the month's first day."""

    def __init__(self, *, placeholder, **kwargs):
        super().__init__(
            required=False,
            input_formats=MONTH_INPUT_FORMATS,
            widget=forms.DateInput(attrs={"type": "month", "placeholder": placeholder}, format="%Y-%m"),
            error_messages={"invalid": _("Enter a month as year-month, e.g. 2026-01.")},
            **kwargs,
        )


def _centre_widget(user):
    """National staff type a centre code; centre staff pick one of their own centres."""
    if is_national_staff(user):
        return forms.TextInput(attrs={"placeholder": _("Centre code, e.g. CDC-0001"), "autocomplete": "off"})
    return forms.Select(choices=[(centre.code, str(centre)) for centre in staff_centres(user).order_by("name_th")])


class ScopeForm(forms.Form):
    """A form for ``user`` that starts with the centre (and, for national staff, province) it reports on."""

    centre = CentreField()
    province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        error_messages={"invalid_choice": _("There is no centre in this province. Choose a province from the list.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.national = is_national_staff(user)
        self.fields["centre"].widget = _centre_widget(user)
        if self.national:
            self.fields["province"].choices = [("", _("All provinces"))] + [(p, p) for p in services.provinces()]
        else:
            del self.fields["province"]
            self.fields["centre"].required = False

    def scope(self):
        """``(centre, province)`` asked for; centre staff default to their first centre."""
        centre = self.cleaned_data.get("centre")
        province = self.cleaned_data.get("province", "") if self.national else ""
        if centre is None and not self.national:
            centre = staff_centres(self.user).order_by("name_th").first()
        return centre, ("" if centre is not None else province)


class ReportFilterForm(ScopeForm):
    course = ModelIdChoiceField(
        queryset=services.source_courses(),
        required=False,
        label=_("Course"),
        empty_label=_("All courses"),
        error_messages={"invalid_choice": _("There is no such course. Choose a course from the list.")},
    )
    month_from = MonthField(label=_("From month"), placeholder="2026-01")
    month_to = MonthField(label=_("To month"), placeholder="2026-12")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self.data.copy()
            for name, month in zip(("month_from", "month_to"), services.default_period(), strict=True):
                if not self.data.get(name):
                    self.data[name] = month.strftime("%Y-%m")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        default_from, default_to = services.default_period()
        month_from = cleaned.get("month_from") or default_from
        month_to = cleaned.get("month_to") or default_to
        for name, value in (("month_from", month_from), ("month_to", month_to)):
            if not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Choose a month between the years 2000 and 2100."))
        if month_from > month_to:
            self.add_error("month_to", _("The end of the period must not be before its start."))
        cleaned["month_from"], cleaned["month_to"] = month_from, month_to
        return cleaned

    def report_filter(self):
        centre, province = self.scope()
        return services.ReportFilter(
            month_from=self.cleaned_data["month_from"],
            month_to=self.cleaned_data["month_to"],
            centre=centre,
            province=province,
            course=self.cleaned_data.get("course"),
        )


class LearnerSearchForm(ScopeForm):
    q = SearchField(
        label=_("Search by name, username or mobile number"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def report_filter(self):
        centre, province = self.scope()
        this_month = services.default_period()[1]
        return services.ReportFilter(month_from=this_month, month_to=this_month, centre=centre, province=province)


class ClassImportForm(forms.Form):
    """A class's accounts: names pasted from a spreadsheet (one learner a line) or a CSV file.

    ``key`` is new for every form shown: the same form sent twice (a double click, a reload) is recognised
    by it and creates nothing twice (``AccountBatch.key`` is unique).
    """

    centre = CentreField()
    names = forms.CharField(
        label=_("Learners' names, one a line"),
        help_text=_(
            "Copy the names column from your spreadsheet and paste it here. A second column (after a tab or a "
            "comma) may give the username or mobile number; left out, a username is made up."
        ),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    file = forms.FileField(
        label=_("Or a class list as a CSV file"),
        help_text=_(
            "Columns: ชื่อ, and optionally ชื่อผู้ใช้หรือเบอร์มือถือ (left blank, a username is made up). "
            "Save from Excel as “CSV UTF-8”."
        ),
        required=False,
        error_messages={"empty": _("The file is empty.")},
    )
    klass = forms.ModelChoiceField(
        queryset=Class.objects.none(),
        required=False,
        label=_("Put the new accounts in this class (optional)"),
        empty_label=_("No class"),
        error_messages={"invalid_choice": _("There is no such class. Choose a class from the list.")},
    )
    key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is out of date. Please open it again."),
            "invalid": _("This form is out of date. Please open it again."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["centre"].widget = _centre_widget(user)
        self.fields["centre"].required = is_national_staff(user)
        self.fields["centre"].error_messages["required"] = _("Enter the code of the centre the class belongs to.")
        self.fields["klass"].queryset = visible_classes(user).select_related("centre").order_by("-start_date", "name")

    def clean(self):
        data = super().clean()
        klass, centre = data.get("klass"), self.chosen_centre() if "centre" in data else None
        if klass is not None and centre is not None and klass.centre_id != centre.pk:
            self.add_error("klass", _("This class is at another centre. Choose a class of the chosen centre."))
        pasted, upload = data.get("names", "").strip(), data.get("file")
        if not pasted and not upload and "file" not in self.errors:
            self.add_error("names", _("Paste the learners' names, or choose a CSV file."))
        elif pasted and upload:
            self.add_error("file", _("Paste the names or choose a file, not both."))
        return data

    def chosen_centre(self):
        return self.cleaned_data.get("centre") or staff_centres(self.user).order_by("name_th").first()
