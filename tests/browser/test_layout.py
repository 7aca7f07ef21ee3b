"""Layout on the narrowest phones the portal supports: no page may scroll sideways at 360 CSS pixels."""

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["zh-hant", "en", "zh-hans"]
VIEWPORT_META = '<meta name="viewport" content="width=device-width, initial-scale=1">'

# Scroll widths of the page, and the first elements that stick out, to say what to fix.
WIDTHS = """() => {
    const width = document.documentElement.clientWidth;
    const describe = (el) => {
        const right = Math.round(el.getBoundingClientRect().right);
        return `${el.tagName.toLowerCase()}.${el.className} ends at ${right}px`;
    };
    return {
        html: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        too_wide: [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .slice(0, 5)
            .map(describe),
    };
}"""


def test_no_horizontal_scroll_at_360px(site, public_pages, narrow, visit):
    problems = []
    for language in LANGUAGES:
        for public_page in public_pages:
            url = public_page.url(site, language)
            visit(narrow, url)
            widths = narrow.evaluate(WIDTHS)
            if widths["html"] > 360 or widths["body"] > 360:
                too_wide = "; ".join(widths["too_wide"])
                problems.append(f"{url}: html {widths['html']}px, body {widths['body']}px ({too_wide})")
    assert not problems, "pages scroll sideways at 360px:\n" + "\n".join(problems)


def test_the_width_check_sees_overflow(narrow):
    narrow.set_content(f"<!doctype html><head>{VIEWPORT_META}</head><p>fits</p>")
    fits = narrow.evaluate(WIDTHS)
    assert fits["html"] == 360 and not fits["too_wide"]

    narrow.set_content(f'<!doctype html><head>{VIEWPORT_META}</head><p style="width: 400px">wide</p>')
    wide = narrow.evaluate(WIDTHS)
    assert wide["html"] > 360 and len(wide["too_wide"]) == 1
