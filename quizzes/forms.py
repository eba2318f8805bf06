from django import forms

from lms.inputs import IdField


class AnswerForm(forms.Form):
    """The fields of "check my answer": the learner's attempt (none when practising), the question and the
    chosen options (checked against the quiz by ``services.grade``)."""

    attempt = IdField()
    question = forms.CharField(required=False, max_length=100)
    option = forms.MultipleChoiceField(required=False)

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["option"].choices = [(value, value) for value in data.getlist("option")[:50]]
