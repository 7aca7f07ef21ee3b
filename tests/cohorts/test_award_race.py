"""Two approvers award the tenth and the eleventh team at the same moment: exactly ten are awarded.

Run on PostgreSQL for the real race (threads, each with its own connection, released together):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_cohorts pytest tests/cohorts/test_award_race.py
On SQLite the two run one after the other, with the same outcome.
"""

import pytest

from portal.applications.workflow import perform
from portal.capacity.models import Hold
from portal.capacity.services import PlaceFull
from portal.models import Status
from programs.cohorts.models import CohortApplication
from tests.capacity.race import run_clients
from tests.cohorts.world import accepted, make_cohort, make_team
from tests.people import create_applicant, create_staff

ROUNDS = 3


@pytest.fixture
def approvers(transactional_db, catalogue, settings):
    # Emails are queued, not sent: the race is about the awards.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return [create_staff("approver-a", "approver"), create_staff("approver-b", "approver")]


def award(application, approver):
    try:
        perform(application, "award", actor=approver, expected_status=Status.ACCEPTED)
    except PlaceFull:
        return "refused"
    return "awarded"


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_the_eleventh_award_at_the_same_moment_is_refused(approvers, round_):
    cohort = make_cohort(f"race-{round_}", awards=10)
    applications = [
        accepted(cohort, make_team(create_applicant(f"lead{round_}-{i}@example.com"), f"T{i}"), approvers[0])
        for i in range(11)
    ]
    for application in applications[:9]:
        perform(application, "award", actor=approvers[0])
    last_two = applications[9:]

    outcomes, errors = run_clients(lambda i: award(last_two[i], approvers[i]), 2, threads=2)

    assert errors == []
    assert sorted(outcomes) == ["awarded", "refused"]
    assert CohortApplication.objects.filter(cohort=cohort, status=Status.AWARDED).count() == 10
    assert CohortApplication.objects.filter(cohort=cohort, status=Status.ACCEPTED).count() == 1
    place = cohort.award_place()
    assert place.held == 10 == Hold.objects.current().filter(place=place).count()
