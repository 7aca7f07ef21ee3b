"""Staff see occupancy at a glance: nights per target as a grid, sessions and slots as a table,
and the waiting list with its offers; reading them needs only the right to see places."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from portal.capacity.models import Place
from portal.capacity.services import hold, join_waitlist
from tests.factories import FacilityFactory, ProgrammeFactory
from tests.markup import parse

TODAY = timezone.localdate()


def url(name="admin:capacity_place_occupancy", **query):
    with translation.override("en"):
        base = reverse(name)
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def reviewer(client, verified_staff):
    client.force_login(verified_staff("rita", "reviewer"))
    return client


def rooms_with_bookings(applications, count, *, nights=14, per_night=2):
    """`count` room types, each with places on `nights` nights and `per_night` held on each."""
    rooms = [FacilityFactory() for _ in range(count)]
    people = applications(per_night)
    for room in rooms:
        places = Place.objects.nights(
            room, [TODAY + datetime.timedelta(days=n) for n in range(nights)], size=3
        )
        for person in people:
            hold(places, application=person)
    return rooms


def grid(response):
    table = parse(response.content).find("table", cls="occupancy-grid")
    return {
        row.find("th").text: [cell.text for cell in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    }


def test_the_grid_shows_held_of_size_per_night_full_marked_in_words_and_waiting(reviewer, applications):
    room = FacilityFactory()
    nights = Place.objects.nights(room, [TODAY, TODAY + datetime.timedelta(days=1)], size=2)
    first, second, third = applications(3)
    hold(nights, application=first)
    hold([nights[0]], application=second)
    join_waitlist([nights[0]], application=third)

    response = reviewer.get(url())

    assert response.status_code == 200
    row = grid(response)[str(room)]
    assert len(row) == 14  # the next 14 days by default
    assert row[0].startswith("Full 2/2") and "1 waiting" in row[0]
    assert row[1].startswith("1/2") and "Full" not in row[1]
    assert row[2] == "–"  # no place row: nothing set up or booked that night
    # Coloured too, for those who see colour.
    assert len(parse(response.content).find("table", cls="occupancy-grid").find_all("td", cls="full")) == 1


def test_the_window_moves_by_fourteen_days_and_a_bad_date_means_today(reviewer, room):
    later = TODAY + datetime.timedelta(days=20)
    Place.objects.nights(room, [later], size=4)
    page = parse(reviewer.get(url()).content)
    assert not page.find_all("table", cls="occupancy-grid")
    following = page.find("a", rel="next").attrs["href"]
    assert f"start={TODAY + datetime.timedelta(days=14):%Y-%m-%d}" in following

    row = grid(reviewer.get(url().split("?")[0] + following))[str(room)]
    assert row[6].startswith("0/4")
    for start in ("not-a-date", "9999-12-31", "0001-01-01", "2026-02-30"):
        assert reviewer.get(url(start=start, kind="x")).status_code == 200


def test_sessions_and_slots_are_a_table_of_taken_offered_waiting_and_size(reviewer, applications):
    session = ProgrammeFactory()
    starts = timezone.now() + datetime.timedelta(days=2)
    place = Place.objects.create(
        target=session, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), size=2
    )
    first, second, third, fourth = applications(4)
    hold([place], application=first)
    join_waitlist([place], application=second)  # room left: offered at once
    join_waitlist([place], application=third)
    join_waitlist([place], application=fourth)

    table = parse(reviewer.get(url()).content).find("table", cls="occupancy-timed")
    (row,) = table.find("tbody").find_all("tr")
    cells = [cell.text for cell in row.find_all("td")]
    assert row.find("th").text == str(session)
    assert cells[1:] == ["1", "1", "2", "Full 2"]


def test_the_kind_filter_keeps_one_kind_of_target(reviewer, applications, session):
    room = FacilityFactory()
    Place.objects.nights(room, [TODAY], size=1)
    Place.objects.create(target=session, starts_at=timezone.now() + datetime.timedelta(hours=5), size=9)
    kind = ContentType.objects.get_for_model(room)

    page = parse(reviewer.get(url(kind=kind.pk)).content)

    assert page.find_all("table", cls="occupancy-grid")
    assert not page.find_all("table", cls="occupancy-timed")
    options = [option.text for option in page.find("select", id="occupancy-kind").find_all("option")]
    assert len(options) == 3  # all, rooms, sessions


def test_the_query_count_stays_the_same_as_targets_nights_and_bookings_grow(reviewer, applications):
    rooms_with_bookings(applications, 2, nights=3, per_night=1)
    # One kind of each (one query names each kind's targets).
    Place.objects.create(
        target=ProgrammeFactory(), starts_at=timezone.now() + datetime.timedelta(hours=3), size=2
    )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert reviewer.get(url()).status_code == 200
        return len(queries)

    few = count()
    rooms_with_bookings(applications, 6, nights=14, per_night=3)
    for n in range(3):
        starts = timezone.now() + datetime.timedelta(days=n + 1)
        place = Place.objects.create(target=ProgrammeFactory(), starts_at=starts, size=2)
        hold([place], application=applications(1)[0])
    assert count() == few


def test_staff_without_the_right_to_see_places_are_refused(client, verified_staff):
    client.force_login(verified_staff("nobody"))
    assert client.get(url()).status_code == 403


def test_the_places_list_links_to_the_occupancy_page(reviewer):
    page = parse(reviewer.get(url("admin:capacity_place_changelist")).content)
    assert page.find("a", href=url())


def test_the_waiting_list_shows_place_application_status_joined_and_offer_expiry(
    reviewer, session, applications
):
    place = Place.objects.create(target=session, size=1)
    first, second, third = applications(3)
    hold([place], application=first)
    join_waitlist([place], application=second)
    join_waitlist([place], application=third)
    from portal.capacity.services import release

    release(application=first)  # the second is offered the place

    table = parse(reviewer.get(url("admin:capacity_waitlistentry_changelist")).content).find(id="result_list")
    rows = [
        [c.text for c in row.find_all() if c.tag in {"th", "td"}]
        for row in table.find("tbody").find_all("tr")
    ]
    assert [row[3] for row in rows] == ["Offered a place", "Waiting"], rows
    assert rows[0][-1] != "-" and rows[1][-1] == "-"

    offers = parse(reviewer.get(url("admin:capacity_offer_changelist")).content).find(id="result_list")
    assert len(offers.find("tbody").find_all("tr")) == 1
    # Read-only: nothing to add, change or delete.
    assert reviewer.get(url("admin:capacity_offer_add")).status_code == 403
