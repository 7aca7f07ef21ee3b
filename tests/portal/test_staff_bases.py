"""Staff work per base: a base manager sees and decides only their base's applications; the committee all."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubators.lab import demo
from incubators.lab.models import LabBooking, ResearchTeam
from incubators.models import Incubator
from portal.models import Application, Status, StatusChange
from portal.staffbases.models import StaffBase
from tests.portal.test_admin_queue import QUEUE, references

pytestmark = pytest.mark.django_db

SUBSIDIES = reverse("admin:subsidies_subsidyapplication_changelist")
LAB_BOOKINGS = reverse("admin:lab_labbooking_changelist")


def sent(application, status=Status.SUBMITTED, days=1):
    """`application` as if sent `days` ago; the workflow's own path is tested elsewhere."""
    Application.objects.filter(pk=application.pk).update(
        status=status, submitted_at=timezone.now() - datetime.timedelta(days=days)
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def work(make_applicant, make_subsidy_application):
    """One application of each kind: a subsidy at each base, a lab booking (7+), a research team (none)."""
    equipment = demo.create()[0]
    assert equipment.incubator.slug == "community-7plus"
    return {
        "workshop": sent(make_subsidy_application(make_applicant("w"), base="workshop"), days=4),
        "7plus": sent(make_subsidy_application(make_applicant("s"), base="community-7plus"), days=3),
        "lab": sent(
            LabBooking.objects.create(applicant=make_applicant("l"), equipment=equipment), Status.REQUESTED, 2
        ),
        "team": sent(ResearchTeam.objects.create(applicant=make_applicant("t"), team_name="T"), days=1),
    }


@pytest.fixture
def manager(mfa_staff, client):
    """An approver who manages the Workshop."""
    user = mfa_staff("bea", groups=["approver"])
    StaffBase.objects.create(user=user, incubator=Incubator.objects.get(slug="workshop"))
    client.force_login(user)
    return user


def test_a_base_manager_sees_only_their_base_in_the_queue_and_each_scheme_admin(client, manager, work):
    assert references(client.get(QUEUE)) == [work["workshop"].reference]
    assert references(client.get(SUBSIDIES)) == [work["workshop"].reference]
    assert references(client.get(LAB_BOOKINGS)) == []

    # Managing the 7+ as well: its subsidy and its lab's bookings join; a team belongs to no base.
    StaffBase.objects.create(user=manager, incubator=Incubator.objects.get(slug="community-7plus"))
    expected = [work[key].reference for key in ("workshop", "7plus", "lab")]
    assert references(client.get(QUEUE)) == expected
    assert references(client.get(LAB_BOOKINGS)) == [work["lab"].reference]


def test_the_committee_sees_every_base(client, mfa_staff, work):
    client.force_login(mfa_staff("carl", groups=["approver"]))
    assert references(client.get(QUEUE)) == [
        work[key].reference for key in ("workshop", "7plus", "lab", "team")
    ]
    assert len(references(client.get(SUBSIDIES))) == 2


def test_another_bases_application_is_404_and_cannot_be_decided(client, manager, work):
    theirs, mine = work["7plus"], work["workshop"]
    for application, model in ((theirs, "portal_application"), (theirs, "subsidies_subsidyapplication")):
        for view in ("change", "history"):
            assert client.get(reverse(f"admin:{model}_{view}", args=[application.pk])).status_code == 404
        url = reverse(f"admin:{model}_transition", args=[application.pk])
        assert client.post(url, {"action": "start_review", "expected_status": "submitted"}).status_code == 404
    # Nor through a bulk action with its id slipped in: only the manager's own is changed.
    client.post(QUEUE, {"action": "bulk_start_review", "_selected_action": [theirs.pk, mine.pk], "index": 0})
    theirs.refresh_from_db(), mine.refresh_from_db()
    assert (theirs.status, mine.status) == (Status.SUBMITTED, Status.IN_REVIEW)
    assert not StatusChange.objects.filter(application=theirs, action="start_review").exists()
    # Their own opens as usual.
    assert client.get(reverse("admin:portal_application_change", args=[mine.pk])).status_code == 200


def test_queue_queries_stay_constant_with_base_filtering(
    client, manager, make_applicant, make_subsidy_application
):
    def add(count):
        for n in range(count):
            base = "workshop" if n % 2 else "community-7plus"
            sent(make_subsidy_application(make_applicant(f"q{Application.objects.count()}"), base=base))

    add(4)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as small:
        assert len(references(client.get(QUEUE))) == 2
    add(8)
    with CaptureQueriesContext(connection) as large:
        assert len(references(client.get(QUEUE))) == 6
    assert len(large) == len(small)
