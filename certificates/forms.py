from django import forms
from django.utils.translation import gettext_lazy as _

from learners.permissions import staff_centres
from lessons.models import CoursePage
from lms.inputs import IdField, ModelIdChoiceField


def source_courses():
    """Each course once (its source page), whatever the number of translations."""
    return CoursePage.objects.sources().order_by("title")


class CourseChoiceField(ModelIdChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class CentreChoiceField(ModelIdChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name_th} ({obj.province})"


class StaffForm(forms.Form):
    """A form whose centre choices are the centres the signed-in staff member manages."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if "centre" in self.fields:
            self.fields["centre"].queryset = staff_centres(user).order_by("province", "name_th")
        if "course" in self.fields:
            self.fields["course"].queryset = source_courses()


class CentreCourseForm(StaffForm):
    centre = CentreChoiceField(label=_("Centre"), queryset=None)
    course = CourseChoiceField(label=_("Course"), queryset=CoursePage.objects.none())


class IssueForm(CentreCourseForm):
    learner = IdField(required=True)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to staff only. The public verification page shows the date it was revoked."),
    )


class ReissueForm(forms.Form):
    learner_name = forms.CharField(
        label=_("Name as it should be printed"),
        max_length=150,
        help_text=_("The old certificate is revoked and a new one with a new code is issued with this name."),
    )
