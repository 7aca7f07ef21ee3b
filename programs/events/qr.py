"""QR codes drawn on the server as inline SVG: the ticket works without JavaScript or a network."""

import re

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, label: str) -> SafeString:
    """`data` as an inline <svg> element named `label` for screen readers, sized by the page's CSS."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    svg = svg.split("?>", 1)[-1].strip()
    # Its own millimetre size would not fit every screen; the CSS gives it the width.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', "<svg", svg)
    attributes = f'<svg class="qr" role="img" aria-label="{escape(label)}" focusable="false"'
    return mark_safe(svg.replace("<svg", attributes, 1))  # noqa: S308 - made here, the label escaped
