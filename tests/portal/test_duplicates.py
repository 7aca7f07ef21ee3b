"""No double claims (portal.applications.claims): the same person cannot submit the same claim
twice, and staff see the overlaps that exist anyway, in the queue and on the application."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import translation

from portal.applications import claims
from portal.applications.claims import Claim
from portal.applications.workflow import perform
from portal.models import ApplicantProfile, Application, Status, StatusChange
from tests.markup import parse

pytestmark = pytest.mark.django_db

JULY_TO_SEPTEMBER = {"start": datetime.date(2026, 7, 1), "end": datetime.date(2026, 9, 30)}


def queue_url():
    with translation.override("en"):
        return reverse("admin:portal_application_changelist")


def submit(application):
    perform(application, "submit", actor=application.applicant, expected_status=Status.DRAFT)


def refusal(application) -> str:
    with pytest.raises(ValidationError) as refused:
        submit(application)
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert not StatusChange.objects.filter(application=application).exists()
    return " ".join(refused.value.messages)


def test_the_same_months_twice_from_one_account_are_refused_naming_the_first(
    make_applicant, make_subsidy_application
):
    applicant = make_applicant("twice")
    first = make_subsidy_application(applicant, Status.SUBMITTED, **JULY_TO_SEPTEMBER)
    second = make_subsidy_application(applicant, Status.DRAFT, organisation="Team B", **JULY_TO_SEPTEMBER)

    message = refusal(second)
    assert first.reference in message and "Submitted" in message


def test_a_month_already_started_in_another_claim_is_the_same_claim(make_applicant, make_subsidy_application):
    """1–15 July pays July; a claim from 16 July pays a month from then: July would be paid twice."""
    applicant = make_applicant("july")
    first = make_subsidy_application(
        applicant, Status.APPROVED, start=datetime.date(2026, 7, 1), end=datetime.date(2026, 7, 15)
    )
    second = make_subsidy_application(
        applicant, Status.DRAFT, start=datetime.date(2026, 7, 16), end=datetime.date(2026, 8, 31)
    )
    assert first.reference in refusal(second)


def test_another_account_with_the_same_identity_card_is_the_same_person(
    make_applicant, make_subsidy_application
):
    """The first account changed its number after claiming; a new account with that number claims again."""
    first_account = make_applicant("first")
    number = first_account.profile.id_number
    first = make_subsidy_application(first_account, Status.IN_REVIEW, **JULY_TO_SEPTEMBER)
    profile = first_account.profile
    profile.id_number = "Z6837941"
    profile.save()

    second_account = make_applicant("second")
    theirs = ApplicantProfile.objects.get(user=second_account)
    theirs.id_number = f"{number[0].lower()} {number[1:7]} ({number[7]})"  # the same card, typed another way
    theirs.save()
    claim = make_subsidy_application(second_account, Status.DRAFT, **JULY_TO_SEPTEMBER)
    assert first.reference in refusal(claim)


def test_other_months_and_other_people_are_not_the_same_claim(make_applicant, make_subsidy_application):
    applicant = make_applicant("later")
    make_subsidy_application(applicant, Status.APPROVED, **JULY_TO_SEPTEMBER)
    autumn = make_subsidy_application(
        applicant, Status.DRAFT, start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31)
    )
    submit(autumn)
    someone_else = make_subsidy_application(make_applicant("other"), Status.DRAFT, **JULY_TO_SEPTEMBER)
    submit(someone_else)
    assert {autumn.status, someone_else.status} == {Status.SUBMITTED}


@pytest.mark.parametrize("ended", [Status.WITHDRAWN, Status.REJECTED])
def test_a_withdrawn_or_rejected_claim_does_not_block_a_new_one(
    make_applicant, make_subsidy_application, ended
):
    applicant = make_applicant("again")
    make_subsidy_application(applicant, ended, **JULY_TO_SEPTEMBER)
    again = make_subsidy_application(applicant, Status.DRAFT, **JULY_TO_SEPTEMBER)
    submit(again)
    assert again.status == Status.SUBMITTED


def test_the_journey_shows_the_refusal_on_the_check_page(client, make_applicant, make_subsidy_application):
    applicant = make_applicant("journey")
    first = make_subsidy_application(applicant, Status.SUBMITTED, **JULY_TO_SEPTEMBER)
    second = make_subsidy_application(applicant, Status.DRAFT, **JULY_TO_SEPTEMBER)
    from portal.models import Consent

    Consent.record(applicant, {kind: True for kind in Consent.Kind.values})
    client.force_login(applicant)
    with translation.override("en"):
        url = reverse("subsidies:apply_check", args=[second.reference])
    response = client.post(url)
    assert response.status_code == 200
    assert first.reference in parse(response.content).find("main").text
    second.refresh_from_db()
    assert second.status == Status.DRAFT


@pytest.mark.parametrize(
    "mine,theirs,same",
    [
        (Claim(key="post-1"), Claim(key="post-1"), True),
        (Claim(key="post-1"), Claim(key="post-2"), False),
        (Claim(), Claim(), True),  # "one at a time", e.g. a cohort
        (
            Claim(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 7)),
            Claim(start=datetime.date(2026, 1, 7), end=datetime.date(2026, 1, 9)),
            True,
        ),
        (
            Claim(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 7)),
            Claim(start=datetime.date(2026, 1, 8), end=datetime.date(2026, 1, 9)),
            False,
        ),
        (
            Claim(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 7), key="room-1"),
            Claim(start=datetime.date(2026, 1, 2), end=datetime.date(2026, 1, 3), key="room-2"),
            False,
        ),
    ],
)
def test_what_later_schemes_can_declare(mine, theirs, same):
    assert mine.overlaps(theirs) is same and theirs.overlaps(mine) is same


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_one_passes(
    catalogue, make_applicant, make_subsidy_application, monkeypatch
):
    """On PostgreSQL two threads really race (the person's account row makes the second wait, then it
    sees the first); SQLite, which runs one writer at a time, takes them in turn. Exactly one passes."""
    applicant = make_applicant("racer")
    drafts = [make_subsidy_application(applicant, Status.DRAFT, **JULY_TO_SEPTEMBER) for _ in range(2)]
    outcomes = []

    def attempt(draft, barrier=None):
        try:
            if barrier:
                barrier.wait(timeout=10)
            submit(Application.objects.get(pk=draft.pk).specific)
            outcomes.append("submitted")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            if barrier:
                connection.close()

    if connection.vendor == "postgresql":
        looked = claims.same_claims

        def slow_look(application):
            found = looked(application)
            time.sleep(0.3)  # widen the window in which an unlocked second submit would also pass
            return found

        monkeypatch.setattr(claims, "same_claims", slow_look)
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=attempt, args=(draft, barrier)) for draft in drafts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    else:
        for draft in drafts:
            attempt(draft)

    assert sorted(outcomes) == ["same_claim", "submitted"], outcomes
    assert Application.objects.filter(applicant=applicant, status=Status.SUBMITTED).count() == 1


# --- what staff see ---------------------------------------------------------------------------------


@pytest.fixture
def duplicates(make_applicant, make_subsidy_application):
    """Two overlapping claims that got in anyway (say, from before the check), and an innocent one."""
    applicant = make_applicant("dup")
    first = make_subsidy_application(applicant, Status.APPROVED, **JULY_TO_SEPTEMBER)
    second = make_subsidy_application(
        applicant, Status.DRAFT, start=datetime.date(2026, 8, 1), end=datetime.date(2026, 8, 31)
    )
    Application.objects.filter(pk=second.pk).update(status=Status.SUBMITTED)
    innocent = make_subsidy_application(make_applicant("innocent"), Status.SUBMITTED, **JULY_TO_SEPTEMBER)
    return first, second, innocent


def test_the_queue_flags_possible_duplicates_with_links(client, mfa_staff, duplicates):
    first, second, innocent = duplicates
    client.force_login(mfa_staff("rita", groups=["approver"]))
    page = parse(client.get(queue_url(), {"status": "all"}).content)
    flags = {
        row.find("th", cls="field-reference").text: row.find("td", cls="field-duplicate_flag")
        for row in page.find("tbody").find_all("tr")
    }
    assert "Possible duplicate of" in flags[first.reference].text
    assert reverse("admin:portal_application_change", args=[second.pk]) in flags[first.reference].links()
    assert reverse("admin:portal_application_change", args=[first.pk]) in flags[second.reference].links()
    assert "Possible duplicate" not in flags[innocent.reference].text


def test_the_application_page_flags_it_too_in_every_admin(client, mfa_staff, duplicates):
    first, second, innocent = duplicates
    client.force_login(mfa_staff("rita", groups=["approver"]))
    for name in ("portal_application", "subsidies_subsidyapplication"):
        page = parse(client.get(reverse(f"admin:{name}_change", args=[second.pk])).content)
        flag = page.find("div", cls="field-duplicate_flag")
        assert first.reference in flag.text and "Approved" in flag.text, name
        assert reverse(f"admin:{name}_change", args=[first.pk]) in flag.links(), name
        # And beside the decision buttons, where it matters.
        warning = page.find("section", cls="workflow-panel").find("p", cls="duplicate-warning")
        assert first.reference in warning.text, name
    page = parse(client.get(reverse("admin:portal_application_change", args=[innocent.pk])).content)
    assert "Possible duplicate of" not in page.find("div", cls="field-duplicate_flag").text
    assert page.find("section", cls="workflow-panel").find_all("p", cls="duplicate-warning") == []


def test_the_flag_costs_the_same_queries_for_many_duplicates(
    client, mfa_staff, make_applicant, make_subsidy_application, django_assert_max_num_queries
):
    from django.test.utils import CaptureQueriesContext

    client.force_login(mfa_staff("rita", groups=["approver"]))
    make_subsidy_application(make_applicant("alone"), Status.SUBMITTED, **JULY_TO_SEPTEMBER)
    client.get(queue_url())
    with CaptureQueriesContext(connection) as few:
        client.get(queue_url())
    for n in range(10):
        applicant = make_applicant(f"many{n}")
        make_subsidy_application(applicant, Status.SUBMITTED, **JULY_TO_SEPTEMBER)
        extra = make_subsidy_application(applicant, Status.DRAFT, **JULY_TO_SEPTEMBER)
        Application.objects.filter(pk=extra.pk).update(status=Status.SUBMITTED)
    with django_assert_max_num_queries(len(few)):
        page = parse(client.get(queue_url()).content)
    assert len(page.find_all("span", cls="duplicate-flag")) == 20
