"""Real PDFs for tests, made the way applicants' tools make them (the upload check parses every PDF)."""

import io

from PIL import Image
from pypdf import PdfWriter


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF with `pages` blank A4 pages, written by pypdf."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf(pages: int = 1) -> bytes:
    """A PDF as a phone's "save as PDF" makes it from photos: Pillow, one JPEG image a page."""
    images = [Image.new("RGB", (120, 170), (240, 240 - 30 * i, 230)) for i in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=72)
    return out.getvalue()
