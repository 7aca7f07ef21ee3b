"""Forms every scheme's applicant pages share: uploading documents, answering staff, withdrawing."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .documents import clean_upload

ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
MAX_FILES = 10


def _upload_help():
    return _("PDF, JPEG or PNG, up to %(limit)s each.") % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


class DocumentUploadForm(forms.Form):
    """One file, checked by its content; `cleaned_data["file"]` is a CleanUpload ready to store."""

    file = forms.FileField(label=_("File"), widget=forms.FileInput(attrs={"accept": ACCEPT}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["file"].label = label
        self.fields["file"].help_text = _upload_help()
        self.fields["file"].error_messages["required"] = _("Choose a file to upload.")

    def clean_file(self):
        return clean_upload(self.cleaned_data["file"])


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input multiple>; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class RespondForm(forms.Form):
    """The applicant's answer when staff asked for more information."""

    message = forms.CharField(
        label=_("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Answer what we asked. Staff read this with your application."),
        error_messages={"required": _("Write your answer.")},
    )
    files = MultipleFileField(label=_("Documents (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rules = _upload_help()
        self.fields["files"].help_text = _("You can choose several files. %(rules)s") % {"rules": rules}

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Send at most %(max)s files at once."), params={"max": MAX_FILES}, code="too_many"
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_upload(upload))
            except ValidationError as error:
                # Say which file was refused: the applicant may have chosen several.
                errors += [
                    ValidationError("%(name)s: %(message)s", params={"name": upload.name, "message": message})
                    for message in error.messages
                ]
        if errors:
            raise ValidationError(errors)
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff read this; it helps us improve the scheme."),
    )
