"""Checking applicant uploads by their content, never by their name.

Accepted: PDF, JPEG and PNG up to settings.UPLOAD_MAX_BYTES. Images are re-encoded
with Pillow, which drops EXIF and anything appended to the file; a file that is also
a ZIP archive (a "polyglot") is refused outright rather than silently cleaned.

PDFs are kept as they are (re-writing them could change what a signed letter shows), so they
must pass `check_pdf`: parsed by pypdf, at least one page, and nothing a PDF reader would run
or open by itself (JavaScript, launch and form-submit actions, embedded files, XFA, rich media).
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
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from portal.images import open_image

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
MAGIC = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG)]
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}


@dataclass(frozen=True)
class CleanUpload:
    content: ContentFile
    content_type: str
    original_name: str
    size: int


# Browsers and mail scanners look for HTML in a file's first bytes whatever its type says.
HTML_MARKERS = (b"<html", b"<script", b"<!doctype", b"<svg", b"<iframe", b"<body")
# Keys and action types that make a reader run code, open another file or send data away.
# Plain links (/URI) and jumps inside the document (/GoTo) are what ordinary PDFs hold.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/XFA", "/RichMedia", "/Launch"}
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/RichMediaExecute",
}
MAX_PDF_OBJECTS = 200_000


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
        check_pdf(data)
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


def _damaged():
    return ValidationError(_("This PDF file is damaged or incomplete."), code="pdf_invalid")


def _active(obj) -> bool:
    """Whether one PDF object asks the reader to run or open something by itself."""
    if not isinstance(obj, DictionaryObject):
        return False
    if ACTIVE_KEYS.intersection(obj.keys()):
        return True
    if obj.get("/S") in ACTIVE_ACTIONS or obj.get("/Type") == "/EmbeddedFile":
        return True
    # A file specification carrying the file itself (/EF) is an attachment, whatever it is called.
    return obj.get("/Type") == "/Filespec" and "/EF" in obj


def _walk(reader: PdfReader):
    """Every object of the file: those reachable from the trailer (catalogue, pages, annotations,
    names trees, actions) and every numbered object, including those packed in object streams."""
    seen, stack = set(), [reader.trailer]
    numbers = [(num, gen) for gen, entries in reader.xref.items() for num in entries]
    numbers += [(num, 0) for num in reader.xref_objStm]
    stack += [IndirectObject(num, gen, reader) for num, gen in numbers]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_PDF_OBJECTS:
                raise _damaged()
            obj = obj.get_object()
        yield obj
        if isinstance(obj, DictionaryObject):
            # Stream dictionaries too; their content (page drawing) is never run.
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def check_pdf(data: bytes) -> None:
    """Raise ValidationError, with a message for the applicant, unless `data` is a PDF a reader can trust."""
    head = data[:1024].lower()
    if any(marker in head for marker in HTML_MARKERS):
        raise ValidationError(
            _("This file is a web page or script named as a PDF. Upload the PDF itself."), code="pdf_html"
        )
    if b"%%EOF" not in data[-2048:]:
        raise _damaged()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _("This PDF is protected by a password. Upload a copy without the password."),
                code="pdf_encrypted",
            )
        if len(reader.pages) < 1:
            raise _damaged()
        active = any(_active(obj) for obj in _walk(reader))
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds of error on hostile files
        raise _damaged() from error
    if active:
        raise ValidationError(
            _(
                "This PDF contains scripts, attached files or actions that run by themselves. "
                "Print it to a new PDF (or scan the paper) and upload that."
            ),
            code="pdf_active",
        )
