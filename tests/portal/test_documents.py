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

from portal.models import Document
from portal.services import attach_document
from subsidies.models import SubsidyApplication
from tests.markup import parse
from tests.people import create_applicant, create_staff

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n97\n%%EOF\n"
)


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
    assert file_error(response) == "This file is too large (2.2 KB). The limit is 1.0 KB."
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


@pytest.mark.parametrize("group", [None, "data manager"])
def test_staff_without_the_review_permission_get_404(client, django_user_model, document, group):
    client.force_login(create_staff("sam", group))
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


@pytest.mark.parametrize("group", ["reviewer", "approver"])
def test_reviewers_and_approvers_download_it(client, django_user_model, document, group):
    client.force_login(create_staff("rita", group))
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
