"""axe-core on every public page in every language: the WCAG 2.2 AA rules, zero violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# Every language on the phone layout the portal is designed for. The desktop layout differs only in
# CSS, so one language there catches its contrast and target-size problems at a quarter of the cost.
RUNS = [("phone", "zh-hant"), ("phone", "en"), ("phone", "zh-hans"), ("desktop", "zh-hant")]


def describe(url: str, violations: list[dict]) -> str:
    """One block per page: each rule broken, then each element that breaks it and why."""
    lines = [url]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def test_public_pages_have_no_axe_violations(request, site, public_pages, visit, subtests):
    # One test over all runs, so the catalogue is seeded once; subtests still report each run.
    axe = Axe()
    for device, language in RUNS:
        with subtests.test(msg=f"{device} {language}"):
            page = request.getfixturevalue(device)
            reports = []
            for public_page in public_pages:
                url = public_page.url(site, language)
                visit(page, url)
                violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
                if violations:
                    reports.append(describe(url, violations))
            assert not reports, "axe found accessibility violations:\n\n" + "\n\n".join(reports)


def test_axe_reports_a_violation_it_should(desktop):
    """Guards the options above: a run that checks nothing would pass every page."""
    desktop.set_content('<!doctype html><html lang="en"><title>t</title><img src="a.png"></html>')
    violations = Axe().run(desktop, options=AXE_OPTIONS).response["violations"]
    assert "image-alt" in {violation["id"] for violation in violations}
