"""Catalogue pages take a fixed, small number of queries however many rows staff add."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import Audience, Programme
from tests.factories import (
    AudienceFactory,
    ProgrammeFactory,
    incubator_with_everything,
    programme_with_everything,
)

pytestmark = pytest.mark.usefixtures("catalogue")

MAX_QUERIES = 10


def queries_for(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in context.captured_queries]


@pytest.fixture
def count(client):
    # The first request in a process loads what Django caches for good (content types, the site…).
    client.get("/en/")

    def measure(url):
        return len(queries_for(client, url))

    return measure


def grow_catalogue():
    """What a few years of staff work could add: 20 programmes and 10 bases, each with everything."""
    audiences = [*Audience.objects.all(), *AudienceFactory.create_batch(3)]
    for n in range(20):
        programme_with_everything(
            audiences=audiences[n % 3 : n % 3 + 3],
            group=Programme.Group.LIFE if n % 4 == 0 else Programme.Group.PROGRAMMES,
        )
    for _ in range(10):
        incubator_with_everything()


LIST_PAGES = [
    "/en/",
    "/zh-hant/incubators/",
    "/en/programmes/",
    "/en/programmes/?audience=hk-youth&category=training&open_now=on",
    "/en/lodging/",
    "/en/subsidies/",
    "/en/subsidies/?degree=master&months=3",
]


def test_list_page_queries_do_not_grow_with_the_catalogue(count):
    # One growth for all pages keeps this quick; the dicts show which page changed.
    seeded = {url: count(url) for url in LIST_PAGES}
    grow_catalogue()

    grown = {url: count(url) for url in LIST_PAGES}

    assert grown == seeded
    assert max(grown.values()) <= MAX_QUERIES, grown


def test_incubator_detail_queries_do_not_depend_on_how_full_the_base_is(count):
    # The 7+ community has facilities with equipment; a base without facilities skips that query.
    urls = ("/en/incubators/workshop/", "/en/incubators/community-7plus/")
    seeded = {url: count(url) for url in urls}
    grow_catalogue()
    full = incubator_with_everything()

    assert {url: count(url) for url in seeded} == seeded
    assert count(f"/en/incubators/{full.slug}/") == seeded["/en/incubators/community-7plus/"]
    assert max(seeded.values()) <= MAX_QUERIES


def test_programme_detail_queries_do_not_depend_on_how_full_the_programme_is(count):
    # The internship subsidy programme also shows its scheme's tiers.
    # A programme with no online way shows the office's contact panel (every seeded one has a way).
    ProgrammeFactory(slug="no-online-way")
    urls = ("/en/programmes/no-online-way/", "/en/programmes/internship-subsidy/")
    seeded = {url: count(url) for url in urls}
    grow_catalogue()
    full = programme_with_everything(audiences=list(Audience.objects.all()))

    assert {url: count(url) for url in seeded} == seeded
    assert count(f"/en/programmes/{full.slug}/") == seeded["/en/programmes/no-online-way/"]
    assert max(seeded.values()) <= MAX_QUERIES


def test_static_pages_need_no_query(count):
    assert count("/en/privacy/") == 0
    # The contact page shows the office's details, which staff keep in admin: one row.
    assert count("/en/contact/") == 1
