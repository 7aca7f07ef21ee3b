"""A scheme whose every application is for one target (tests/schemes/: an incubator base, by slug):
the journey starts under the target, one draft per target, and the target shows on the pages and
in the emails."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incubators.models import Incubator
from portal.applications.services import start_draft
from portal.models import Status
from tests.markup import parse
from tests.people import create_applicant
from tests.schemes.models import UnitApplication

pytestmark = pytest.mark.urls("tests.portal.booking_urls")


def start(client, slug) -> UnitApplication:
    response = client.post(reverse("units:apply", args=[slug]))
    return UnitApplication.objects.get(reference=response.url.rstrip("/").split("/")[-1])


def test_the_journey_starts_under_its_target_with_one_draft_per_target(db, client):
    client.force_login(create_applicant("unit@example.com"))
    workshop, community = (
        Incubator.objects.get(slug="workshop"),
        Incubator.objects.get(slug="community-7plus"),
    )
    assert reverse("units:apply", args=["workshop"]).endswith("/units/workshop/apply/")

    first = start(client, "workshop")
    assert first.unit == workshop and first.target == workshop
    assert start(client, "workshop") == first  # the same target: the same draft
    other = start(client, "community-7plus")
    assert other != first and other.unit == community
    # The start page of a target with a draft offers that draft.
    page = parse(client.get(reverse("units:apply", args=["workshop"])).content).find("main").text
    assert first.reference in page and workshop.name in page

    assert client.get(reverse("units:apply", args=["no-such-base"])).status_code == 404


def test_start_draft_per_target(db):
    applicant = create_applicant("service@example.com")
    workshop = Incubator.objects.get(slug="workshop")
    draft, created = start_draft(UnitApplication, applicant=applicant, target=workshop)
    again, created_again = start_draft(UnitApplication, applicant=applicant, target=workshop)
    assert (created, created_again, again) == (True, False, draft)


def test_the_target_shows_on_every_page_and_in_the_emails(db, client, django_capture_on_commit_callbacks):
    client.force_login(create_applicant("shown@example.com"))
    application = start(client, "workshop")
    name = Incubator.objects.get(slug="workshop").name
    for step in ("details", "documents", "check"):
        page = client.get(reverse(f"units:apply_{step}", args=[application.reference]))
        assert f"For: {name}" in parse(page.content).find("main").text, step
    client.post(reverse("units:apply_details", args=[application.reference]), {"purpose": "A desk"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("units:apply_check", args=[application.reference]))
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED, response
    for url in (response.url, reverse("applications:list"), application.get_absolute_url()):
        assert f"For: {name}" in parse(client.get(url).content).find("main").text, url
    assert f"For: {name}" in mail.outbox[0].body


def test_the_queue_shows_the_target_with_one_query_per_scheme(db, client, mfa_staff):
    applicant = create_applicant("queued@example.com")
    workshop = Incubator.objects.get(slug="workshop")
    for _n in range(3):
        application = UnitApplication.objects.create(applicant=applicant, unit=workshop, purpose="A desk")
        UnitApplication.objects.filter(pk=application.pk).update(status=Status.SUBMITTED)
    client.force_login(mfa_staff("queue-reader", groups=["reviewer"]))
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("admin:portal_application_changelist"))
    cells = [cell.text for cell in parse(page.content).find_all("td", cls="field-scheme_name")]
    assert cells and all(workshop.name in cell for cell in cells)
    UnitApplication.objects.create(applicant=applicant, unit=workshop)
    UnitApplication.objects.filter(status=Status.DRAFT).update(status=Status.SUBMITTED)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("admin:portal_application_changelist"))
    assert len(four) == len(three)
