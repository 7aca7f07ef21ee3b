"""Full-page screenshots of every public page, phone and desktop, for people to look at.

They go to test-artifacts/screenshots/<language>/<device>/ (gitignored; CI can keep them).
SCREENSHOT_LANGUAGES=zh-hant,en,zh-hans picks the languages (default zh-hant, the portal's first).
UPDATE_DOCS_SCREENSHOTS=1 also rewrites docs/screenshot-home-{phone,desktop}.png for the README.
"""

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs"


def save_screenshots(page, visit, base: str, pages, *, language: str, device: str) -> list[Path]:
    """Save a full-page PNG of each page as <language>/<device>/<page name>.png and return the paths."""
    folder = SCREENSHOTS / language / device
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for public_page in pages:
        visit(page, public_page.url(base, language))
        path = folder / f"{public_page.name}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")
        saved.append(path)
    return saved


def _languages() -> list[str]:
    codes = os.environ.get("SCREENSHOT_LANGUAGES", "zh-hant").split(",")
    return [code.strip() for code in codes if code.strip()]


def test_screenshots(request, site, public_pages, visit):
    for device in ["phone", "desktop"]:
        page = request.getfixturevalue(device)
        for language in _languages():
            saved = save_screenshots(page, visit, site, public_pages, language=language, device=device)
            assert all(path.stat().st_size > 0 for path in saved)

        if os.environ.get("UPDATE_DOCS_SCREENSHOTS"):
            # The viewport only, so the README's images stay small.
            DOCS.mkdir(exist_ok=True)
            visit(page, f"{site}/zh-hant/")
            page.screenshot(path=DOCS / f"screenshot-home-{device}.png", animations="disabled")
