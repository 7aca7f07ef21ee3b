"""Pages cost the same number of queries however many units there are; the demo units load idempotently."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lodging.apartments import demo
from lodging.apartments.models import ApartmentApplication, Unit
from tests.apartments.conftest import soon


def add_units(count, start=0):
    Unit.objects.bulk_create(
        [
            Unit(slug=f"unit-{n}", name_en=f"Flat {n}", market_rent=3000 + n)
            for n in range(start, start + count)
        ]
    )


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_units_page_costs_the_same_for_more_units(client, db, django_assert_num_queries):
    add_units(3)
    url = reverse("apartments:units")
    few = queries(client, url)
    add_units(6, start=3)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count("Apply for this unit") == 9


def test_the_journey_pages_cost_the_same_for_more_units(client, applicant, unit):
    client.force_login(applicant)
    add_units(3)
    draft = ApartmentApplication.objects.create(
        applicant=applicant, unit=unit, kind="long_lease", starts_on=soon(), months=3
    )
    urls = [
        reverse("apartments:apply", args=[unit.slug]),
        reverse("apartments:apply_details", args=[draft.reference]),
        reverse("apartments:apply_check", args=[draft.reference]),
    ]
    for url in urls:  # the first visit creates the nights' rows and caches the content type
        queries(client, url)
    few = [queries(client, url) for url in urls]
    add_units(6, start=3)
    assert [queries(client, url) for url in urls] == few


def test_a_long_lease_check_page_costs_the_same_as_a_short_stay(client, applicant, unit):
    # One Place row per night, yet reading their availability is one query however many nights.
    client.force_login(applicant)
    draft = ApartmentApplication.objects.create(
        applicant=applicant, unit=unit, kind="short_stay", starts_on=soon()
    )
    draft.months = 1
    draft.save()
    url = reverse("apartments:apply_check", args=[draft.reference])
    queries(client, url)  # the nights' rows are created on the first visit
    short = queries(client, url)
    ApartmentApplication.objects.filter(pk=draft.pk).update(kind="long_lease", months=12)
    queries(client, url)
    assert queries(client, url) == short


@pytest.mark.django_db
def test_the_demo_units_are_created_once():
    first = demo.create()
    assert len(first) == 3 and all(unit.market_rent > 0 and unit.name_en for unit in first)
    again = demo.create()
    assert [u.pk for u in again] == [u.pk for u in first]
    assert Unit.objects.count() == 3
