"""Photos of the bases: stored resized, without EXIF (no camera location), with a thumbnail.

Files that are not images, or claim too many pixels, are refused.
"""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from incubators.models import Incubator, Photo
from portal.images import open_image, process_photo
from tests.markup import form_data, parse

pytestmark = pytest.mark.usefixtures("catalogue")

GPS = ExifTags.IFD.GPSInfo


def camera_jpeg(width=3000, height=2000, orientation=None) -> bytes:
    """A photo as a phone takes it: a big JPEG whose EXIF names the camera and where it was taken."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    # A band on the left: after rotation it must be on top.
    image.paste((20, 20, 200), (0, 0, width // 10, height))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(GPS)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (22.0, 31.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (114.0, 3.0, 36.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=90)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height` pixels (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def jpeg_bytes():
    return camera_jpeg()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def workshop():
    return Incubator.objects.get(slug="workshop")


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_the_test_photo_really_carries_a_location(jpeg_bytes):
    with Image.open(io.BytesIO(jpeg_bytes)) as original:
        assert original.size == (3000, 2000)
        assert original.getexif().get_ifd(GPS)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_saved_photo_is_a_resized_jpeg_without_exif_and_with_a_thumbnail(media_root, workshop, jpeg_bytes):
    photo = Photo(
        incubator=workshop, image=SimpleUploadedFile("IMG_0001.jpg", jpeg_bytes), caption="Front desk"
    )

    photo.save()

    photo.refresh_from_db()
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1600, 1067)
        assert len(stored.getexif()) == 0
        assert "exif" not in stored.info
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert max(thumbnail.size) == 480
        assert len(thumbnail.getexif()) == 0
    assert (photo.width, photo.height) == (1600, 1067)
    for path in stored_files(media_root):
        content = path.read_bytes()
        assert b"Exif" not in content and b"PhoneMaker" not in content, f"{path} keeps camera data"
    # Nothing but the two processed files is kept: never the original upload.
    assert len(stored_files(media_root)) == 2


def test_a_photo_taken_sideways_is_stored_upright(media_root, workshop):
    # Orientation 6: the camera was turned; viewers rotate it 90° clockwise to show it.
    photo = Photo(
        incubator=workshop,
        image=SimpleUploadedFile("sideways.jpg", camera_jpeg(orientation=6)),
        caption="Lab",
    )

    photo.save()

    with Image.open(photo.image.path) as stored:
        assert stored.size == (1067, 1600)
        top_left = stored.getpixel((stored.width // 2, 5))
        assert top_left[2] > 150 and top_left[0] < 100, "the band that was on the left is not on top"


def test_a_small_png_is_stored_as_jpeg_without_enlarging(media_root, workshop):
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 128, 0, 128)).save(out, format="PNG")
    photo = Photo(incubator=workshop, image=SimpleUploadedFile("logo.png", out.getvalue()), caption="Logo")

    photo.save()

    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (300, 200)
    assert photo.image.name.endswith(".jpg")


def test_process_photo_returns_content_ready_to_store(jpeg_bytes):
    main, thumb, width, height = process_photo(SimpleUploadedFile("x.jpg", jpeg_bytes))

    assert (width, height) == (1600, 1067)
    with Image.open(main) as image:
        assert image.size == (1600, 1067)
    with Image.open(thumb) as image:
        assert image.size == (480, 320)


def test_a_text_file_renamed_jpg_is_refused(media_root, workshop):
    fake = SimpleUploadedFile("holiday.jpg", b"This is not a photo, it is a text file.\n" * 10)

    with pytest.raises(ValidationError) as error:
        open_image(fake)
    assert error.value.code == "image_invalid"
    with pytest.raises(ValidationError):
        process_photo(fake)
    with pytest.raises(ValidationError):
        Photo(incubator=workshop, image=fake, caption="Fake").save()

    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_an_image_claiming_too_many_pixels_is_refused_before_it_is_decoded(media_root, workshop):
    bomb = SimpleUploadedFile("bomb.png", png_claiming(100_000, 100_000))

    with pytest.raises(ValidationError) as error:
        open_image(bomb)

    assert error.value.code == "image_size"
    assert error.value.messages == ["This image has too many pixels."]
    with pytest.raises(ValidationError):
        Photo(incubator=workshop, image=bomb, caption="Bomb").save()
    assert stored_files(media_root) == []


def test_an_image_just_over_the_pixel_limit_is_refused(media_root):
    # 7,100 × 7,100 is 50 million pixels: over the portal's 40 million, under Pillow's own error level.
    with pytest.raises(ValidationError) as error:
        open_image(SimpleUploadedFile("big.png", png_claiming(7_100, 7_100)))

    assert error.value.code == "image_size"


def test_a_gif_is_refused_as_the_wrong_type():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")

    with pytest.raises(ValidationError) as error:
        open_image(SimpleUploadedFile("anim.gif", out.getvalue()))

    assert error.value.code == "image_type"


# --- the same through the admin, as staff upload photos ---------------------------------


@pytest.fixture
def upload_in_admin(admin_client_mfa, workshop):
    """Add one photo on the Workshop's admin page, keeping everything else as rendered."""
    url = f"/zh-hans/admin/incubators/incubator/{workshop.pk}/change/"

    def upload(name, content):
        page = admin_client_mfa.get(url)
        assert page.status_code == 200
        form = parse(page.content).find("form", id="incubator_form")
        data = form_data(form)
        data.update(
            {
                "photos-TOTAL_FORMS": "1",
                "photos-0-incubator": str(workshop.pk),
                "photos-0-image": SimpleUploadedFile(name, content),
                "photos-0-caption_zh_hant": "前台",
                "photos-0-caption_en": "Front desk",
                "photos-0-caption_zh_hans": "前台",
                "photos-0-order": "1",
            }
        )
        return admin_client_mfa.post(url, data)

    return upload


def test_staff_upload_a_photo_in_the_admin(media_root, upload_in_admin, workshop, jpeg_bytes):
    response = upload_in_admin("IMG_0001.jpg", jpeg_bytes)

    assert response.status_code == 302, parse(response.content).find("form").text[:2000]
    photo = workshop.photos.get()
    with Image.open(photo.image.path) as stored:
        assert stored.size == (1600, 1067)
        assert len(stored.getexif()) == 0


@pytest.mark.parametrize(
    "name, content",
    [
        ("holiday.jpg", b"This is not a photo, it is a text file.\n" * 10),
        ("big.png", png_claiming(7_100, 7_100)),
        ("cut-off.jpg", camera_jpeg(800, 600)[:4000]),
    ],
    ids=["text file", "over the pixel limit", "truncated upload"],
)
def test_a_photo_the_portal_refuses_is_explained_on_the_admin_page(
    media_root, upload_in_admin, workshop, name, content
):
    """Staff see why the photo was refused, next to it; not a server error."""
    response = upload_in_admin(name, content)

    assert response.status_code == 200
    assert parse(response.content).find_all(cls="errorlist"), "no error shown"
    assert not workshop.photos.exists()
    assert stored_files(media_root) == []
