"""axe-core on every public page in every language: WCAG 2.2 AA rules, zero violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

LANGUAGES = ["zh-hant", "en", "zh-hans"]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def describe(url: str, violations: list[dict]) -> str:
    lines = [url]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_public_pages_have_no_axe_violations(request, site, public_pages, visit, device, language):
    page = request.getfixturevalue(device)
    axe = Axe()
    reports = []
    for public_page in public_pages:
        url = public_page.url(site, language)
        visit(page, url)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            reports.append(describe(url, violations))
    assert not reports, "axe found accessibility violations:\n\n" + "\n\n".join(reports)
