"""Staff read occupancy at a glance on a phone: the grid scrolls in its own box, the page does not,
and axe finds nothing; screenshots at 360 px and on a desktop go to /tmp/shots/capacity/."""

import datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots/capacity")


@pytest.fixture
def busy_places(site):
    """Two room types over the next nights (one night full, people waiting) and a session."""
    from django.utils import timezone

    from portal.capacity.models import Place
    from portal.capacity.services import hold, join_waitlist
    from portal.models import Application
    from tests.factories import FacilityFactory, ProgrammeFactory

    today = timezone.localdate()
    people = Application.objects.bulk_create(Application(scheme="test") for _ in range(6))
    twin, suite = FacilityFactory(name="雙人房 Twin room"), FacilityFactory(name="套房 Suite")
    twin_nights = Place.objects.nights(twin, [today + datetime.timedelta(days=n) for n in range(10)], size=2)
    suite_nights = Place.objects.nights(
        suite, [today + datetime.timedelta(days=n) for n in range(3, 14)], size=1
    )
    hold(twin_nights[:4], application=people[0])
    hold(twin_nights[:2], application=people[1])
    join_waitlist([twin_nights[0]], application=people[2])
    hold(suite_nights[:2], application=people[3])
    starts = timezone.now() + datetime.timedelta(days=2)
    session = Place.objects.create(
        target=ProgrammeFactory(), starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), size=2
    )
    hold([session], application=people[4])
    join_waitlist([session], application=people[5])


def test_occupancy_on_a_phone_and_a_desktop(
    site, busy_places, narrow, desktop, audit, sign_in_cookie, staff_with_totp, visit
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    reviewer = staff_with_totp("rita", groups=["reviewer"])
    url = f"{site}/zh-hant/admin/capacity/place/occupancy/"
    for page, name in ((narrow, "phone-360"), (desktop, "desktop")):
        sign_in_cookie(page, reviewer)
        visit(page, url)
        assert page.locator("table.occupancy-grid tbody tr").count() == 2
        assert page.locator("td.full").count() >= 1
        page.screenshot(path=str(SHOTS / f"occupancy-{name}.png"), full_page=True)
        audit.check(page, f"occupancy ({name})")
    # On the phone the grid is wider than the screen: it scrolls inside its own box.
    box = narrow.locator(".occupancy-box").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    audit.assert_clean()
