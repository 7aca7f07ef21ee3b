"""Checking applicant uploads by their content, never by their name.

Accepted: PDF, JPEG and PNG up to settings.UPLOAD_MAX_BYTES. Images are re-encoded
with Pillow, which drops EXIF and anything appended to the file; a file that is also
a ZIP archive (a "polyglot") is refused outright rather than silently cleaned.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .images import open_image

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
MAGIC = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG)]
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}


@dataclass(frozen=True)
class CleanUpload:
    content: ContentFile
    content_type: str
    original_name: str
    size: int


def sniff(head: bytes) -> str | None:
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    return None


def clean_upload(upload) -> CleanUpload:
    """Return a safe copy of an uploaded file, or raise ValidationError with a message for the applicant."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(_("Upload a PDF, JPEG or PNG file."), code="type")
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(
            _("This file hides an archive inside it. Upload a plain PDF, JPEG or PNG."), code="polyglot"
        )
    if content_type == PDF:
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("This PDF file is damaged or incomplete."), code="pdf_invalid")
        payload = data
    else:
        image = open_image(io.BytesIO(data))
        out = io.BytesIO()
        if content_type == JPEG:
            image.convert("RGB").save(out, format="JPEG", quality=90)
        else:
            keep = image.mode if image.mode in {"RGB", "RGBA", "L", "LA"} else "RGBA"
            image.convert(keep).save(out, format="PNG", optimize=True)
        payload = out.getvalue()
    stem = Path(upload.name or "document").stem[:80] or "document"
    name = f"{stem}.{EXTENSIONS[content_type]}"
    return CleanUpload(ContentFile(payload, name=name), content_type, name, len(payload))
