from django import forms
from django.utils.translation import gettext_lazy as _

from .verify import MAX_BYTES


class VerifyCredentialForm(forms.Form):
    """A badge to check: an uploaded .json / .png file, or pasted text (one of the two)."""

    file = forms.FileField(label=_("Badge file (.json or .png)"), required=False)
    text = forms.CharField(
        label=_("Or paste the badge text"),
        required=False,
        max_length=60_000,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(_("Choose a file or paste text, not both."))
        if not upload and not text:
            raise forms.ValidationError(_("Choose the badge file or paste its text."))
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(_("The file is too large to be a badge (at most 2 MB)."))
            data["content"] = upload.read(MAX_BYTES + 1)
        else:
            data["content"] = text.encode()
        return data


class ShareForm(forms.Form):
    action = forms.ChoiceField(choices=[("share", "share"), ("stop", "stop")])
