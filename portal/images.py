"""Image handling shared by every upload: re-encode with Pillow, never keep the original bytes."""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Refuse decompression bombs well below Pillow's own (warning-only) threshold.
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

PHOTO_MAX_SIDE = 1600
THUMB_MAX_SIDE = 480


def open_image(fileobj) -> Image.Image:
    """Open an uploaded image, refusing anything that is not a real JPEG/PNG/WebP or is too large."""
    try:
        fileobj.seek(0)
        image = Image.open(fileobj)
        if image.format not in {"JPEG", "PNG", "WEBP"}:
            raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="image_type")
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("This image has too many pixels."), code="image_size")
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("This image has too many pixels."), code="image_size") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("This file is not a valid image."), code="image_invalid") from exc
    return image


def _encode(image: Image.Image, max_side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((max_side, max_side))
    out = io.BytesIO()
    # A fresh RGB JPEG carries no EXIF, XMP or ICC data from the original.
    copy.convert("RGB").save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def process_photo(fieldfile):
    """Return (image, thumbnail, width, height): resized, EXIF-free JPEG content files."""
    image = open_image(fieldfile)
    # Honour the camera's orientation before the EXIF that carries it is dropped.
    image = ImageOps.exif_transpose(image)
    stem = Path(fieldfile.name).stem[:60] or "photo"
    main = ContentFile(_encode(image, PHOTO_MAX_SIDE), name=f"{stem}.jpg")
    thumb = ContentFile(_encode(image, THUMB_MAX_SIDE), name=f"{stem}-thumb.jpg")
    with Image.open(io.BytesIO(main.read())) as done:
        width, height = done.size
    main.seek(0)
    return main, thumb, width, height


def validate_image(fieldfile) -> None:
    """Field validator: refuse in the form what `process_photo` would refuse on save."""
    open_image(fieldfile)
