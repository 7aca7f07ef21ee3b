"""The public pages: the equipment with its hours, and each one's grid of slots."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from incubators.lab.models import Equipment, LabBooking
from incubators.models import Incubator
from portal.applications.workflow import perform
from tests.lab.helpers import confirm_team, next_open_day
from tests.markup import parse
from tests.people import create_applicant


def test_the_list_shows_the_documents_equipment_hours_and_who_it_is_free_for(client, equipment):
    main = parse(client.get(reverse("lab:list")).content).find("main").text
    for name in ("Ultra-pure water machine", "Three-roll mill", "Fume hood"):
        assert name in main
    assert "free for Hong Kong research teams" in main
    assert "09:00–18:00" in main and "Free of charge" in main
    assert "the office's rules" in main


def test_the_names_are_the_catalogues_in_traditional_chinese(client, equipment):
    main = parse(client.get("/zh-hant/lab/").content).find("main").text
    assert "超純水機" in main and "三輥機" in main and "通風櫥" in main


def test_the_grid_shows_free_and_taken_slots_and_links_free_ones_to_the_journey(client, equipment, approver):
    hood = equipment[2]
    day = next_open_day(hood)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    member = create_applicant("grid@example.com")
    confirm_team(member, approver)
    booking = LabBooking.objects.create(applicant=member, equipment=hood, starts_at=start, purpose="x")
    perform(booking, "request", actor=member)

    page = parse(client.get(hood.get_absolute_url()).content)
    day_section = page.find("section", aria_labelledby=f"day-{day:%Y%m%d}")
    assert "10:00 taken" in day_section.text
    links = day_section.links()
    assert f"{reverse('lab:apply', args=[hood.slug])}?start={day:%Y-%m-%d}T09:00" in links
    assert not [link for link in links if "T10:00" in link]
    assert len(links) == len(hood.slot_times()) - 1
    # Closed days are not on the grid.
    days = [section.attrs["aria-labelledby"] for section in page.find_all("section", cls="slot-day")]
    assert all(
        hood.is_open_on(datetime.datetime.strptime(d.removeprefix("day-"), "%Y%m%d").date()) for d in days
    )


def test_the_grid_pages_through_the_booking_window_and_ignores_nonsense(client, equipment):
    hood = equipment[2]
    first = parse(client.get(hood.get_absolute_url()).content)
    later = [link for link in first.links() if "?from=" in link]
    assert later
    second = parse(client.get(later[0]).content)
    assert second.find_all("section", cls="slot-day")
    for nonsense in ("?from=yesterday", "?from=1999-01-01", "?from=2999-01-01"):
        assert client.get(hood.get_absolute_url() + nonsense).status_code == 200


def test_inactive_equipment_is_not_shown(client, equipment):
    Equipment.objects.filter(pk=equipment[0].pk).update(is_active=False)
    assert "Ultra-pure water machine" not in parse(client.get(reverse("lab:list")).content).find("main").text
    assert client.get(equipment[0].get_absolute_url()).status_code == 404


def _grow(n, approver):
    """n more pieces of equipment, each with a booked slot and a free place created."""
    incubator = Incubator.objects.get(slug="community-7plus")
    made = []
    for i in range(n):
        piece = Equipment.objects.create(
            incubator=incubator, slug=f"extra-{Equipment.objects.count()}-{i}", name=f"E{i}"
        )
        member = create_applicant(f"grow{piece.pk}@example.com")
        confirm_team(member, approver, name=f"T{piece.pk}")
        day = next_open_day(piece)
        for hour in (9, 11):
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
            booking = LabBooking.objects.create(
                applicant=member, equipment=piece, starts_at=start, purpose="x"
            )
            perform(booking, "request", actor=member)
        piece.slot_place(timezone.make_aware(datetime.datetime.combine(day, datetime.time(13))))
        made.append(piece)
    return made


def test_list_and_grid_queries_stay_constant_as_rows_grow(
    client, equipment, approver, django_assert_num_queries
):
    ContentType.objects.get_for_model(Equipment)  # the content-type cache, warm as in a running site
    pieces = _grow(2, approver)
    target = pieces[0]

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    list_before, grid_before = count(reverse("lab:list")), count(target.get_absolute_url())
    _grow(6, approver)
    # More bookings on the same equipment too.
    member = create_applicant("more@example.com")
    confirm_team(member, approver, name="More")
    day = next_open_day(target)
    for hour in (14, 15, 16):
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        booking = LabBooking.objects.create(applicant=member, equipment=target, starts_at=start, purpose="x")
        perform(booking, "request", actor=member)
    with django_assert_num_queries(list_before):
        client.get(reverse("lab:list"))
    with django_assert_num_queries(grid_before):
        client.get(target.get_absolute_url())
    assert grid_before <= 6, grid_before
