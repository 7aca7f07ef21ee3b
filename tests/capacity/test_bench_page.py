"""The benchmark's booking page (BENCHMARK only): upcoming places with availability, one query."""

import datetime

from django.test import RequestFactory
from django.utils import timezone

from portal.capacity.models import Place
from portal.capacity.services import hold, join_waitlist
from portal.capacity.views import bench_places
from tests.factories import ProgrammeFactory


def test_the_bench_page_lists_upcoming_places_in_one_query(applications, django_assert_num_queries):
    starts = timezone.now() + datetime.timedelta(days=1)
    place = Place.objects.create(target=ProgrammeFactory(), starts_at=starts, size=1)
    first, second = applications(2)
    hold([place], application=first)
    join_waitlist([place], application=second)
    for n in range(5):
        Place.objects.create(
            target=ProgrammeFactory(), starts_at=starts + datetime.timedelta(hours=n + 1), size=3
        )

    with django_assert_num_queries(1):
        response = bench_places(RequestFactory().get("/bench/places/"))

    assert response.status_code == 200
    assert f"{place.pk}: 0 of 1 free, 1 waiting" in response.content.decode()
