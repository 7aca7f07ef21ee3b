"""The one application workflow, tried over every (state, action, actor).

EXPECTED below is written from the issue's description of the lifecycle, not copied from
portal.applications.workflow.TRANSITIONS, so a wrong row in the table makes a test here fail.
"""

import datetime
import itertools

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from incubators.models import Incubator
from portal.applications.lifecycles import LIFECYCLES, REVIEW
from portal.applications.workflow import available_actions, perform
from portal.models import Document, Status, StatusChange
from subsidies.models import SubsidyApplication, SubsidyPayment
from tests.people import create_applicant, create_staff
from tests.schemes.models import CohortEntry, PostPlacement, SessionBooking

S = Status
ACTORS = ["owner", "other_applicant", "anonymous", "staff_no_role", "reviewer", "approver"]
ACTIONS = ["submit", "start_review", "request_info", "resubmit", "approve", "reject", "withdraw"]
STAFF_REVIEW = {"reviewer", "approver"}
BANK = {
    "bank_account_name": "CHAN Tai Man",
    "bank_name": "Bank of China (Hong Kong)",
    "bank_account_number": "01287560012345",
}

# (state, action) -> (actors allowed, resulting state)
EXPECTED = {
    (S.DRAFT, "submit"): ({"owner"}, S.SUBMITTED),
    (S.DRAFT, "withdraw"): ({"owner"}, S.WITHDRAWN),
    (S.SUBMITTED, "start_review"): (STAFF_REVIEW, S.IN_REVIEW),
    (S.SUBMITTED, "withdraw"): ({"owner"}, S.WITHDRAWN),
    (S.IN_REVIEW, "request_info"): (STAFF_REVIEW, S.MORE_INFO),
    (S.IN_REVIEW, "approve"): ({"approver"}, S.APPROVED),
    (S.IN_REVIEW, "reject"): ({"approver"}, S.REJECTED),
    (S.IN_REVIEW, "withdraw"): ({"owner"}, S.WITHDRAWN),
    (S.MORE_INFO, "resubmit"): ({"owner"}, S.RESUBMITTED),
    (S.MORE_INFO, "withdraw"): ({"owner"}, S.WITHDRAWN),
    (S.RESUBMITTED, "start_review"): (STAFF_REVIEW, S.IN_REVIEW),
    # Once the applicant has answered, an approver may decide without starting the review again.
    (S.RESUBMITTED, "approve"): ({"approver"}, S.APPROVED),
    (S.RESUBMITTED, "reject"): ({"approver"}, S.REJECTED),
    (S.RESUBMITTED, "withdraw"): ({"owner"}, S.WITHDRAWN),
}
CASES = list(itertools.product(list(S), ACTIONS, ACTORS))


@pytest.fixture
def people(db, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    return {
        "owner": create_applicant("owner@example.com"),
        "other_applicant": create_applicant("other@example.com"),
        "anonymous": AnonymousUser(),
        "staff_no_role": create_staff("nobody"),
        "reviewer": create_staff("rita", "reviewer"),
        "approver": create_staff("alan", "approver"),
    }


def application_in(state, owner):
    app = SubsidyApplication.objects.create(
        applicant=owner,
        host_base=Incubator.objects.get(slug="workshop"),
        host_organisation="Team A",
        position="Engineer",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 9, 30),
        **BANK,
    )
    Document.objects.create(
        application=app,
        kind="proof",
        file=ContentFile(b"%PDF-1.4\n%%EOF", name="p.pdf"),
        original_name="p.pdf",
        content_type="application/pdf",
        size=14,
        uploaded_by=owner,
    )
    SubsidyApplication.objects.filter(pk=app.pk).update(status=state)
    app.refresh_from_db()
    return app


@pytest.mark.parametrize("state,action,actor", CASES, ids=[f"{s}-{a}-{p}" for s, a, p in CASES])
def test_every_state_action_actor(people, settings, tmp_path, state, action, actor):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = application_in(state, people["owner"])
    allowed_actors, target = EXPECTED.get((state, action), (set(), None))
    note = "Please send your contract." if action in {"request_info", "reject", "resubmit"} else ""

    if actor in allowed_actors:
        change = perform(app, action, actor=people[actor], note=note)
        app.refresh_from_db()
        assert app.status == target
        assert (change.from_status, change.to_status, change.actor_id) == (state, target, people[actor].pk)
        assert change.note == note
        assert StatusChange.objects.filter(application=app).count() == 1
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            perform(app, action, actor=people[actor], note=note)
        app.refresh_from_db()
        assert app.status == state
        assert not StatusChange.objects.filter(application=app).exists()


def test_table_has_no_transition_the_issue_does_not_describe():
    described = {(state, action) for state, action in EXPECTED}
    defined = {(state, t.action) for t in REVIEW.transition_list for state in t.sources}
    assert defined == described


@pytest.mark.parametrize("state", list(S))
def test_buttons_offered_match_what_is_allowed(people, settings, tmp_path, state):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = application_in(state, people["owner"])
    for actor in ACTORS:
        offered = {t.action for t in available_actions(people[actor], app)}
        expected = {a for (s, a), (who, _t) in EXPECTED.items() if s == state and actor in who}
        assert offered == expected, actor


def test_reference_is_human_readable_and_unique(people, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    first, second = (application_in(S.DRAFT, people["owner"]) for _ in range(2))
    assert first.reference.startswith(f"FT-{first.created_at:%Y}-")
    assert len(first.reference.split("-")[-1]) == 6
    assert first.reference != second.reference


def test_note_is_required_to_ask_for_information_or_reject(people, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = application_in(S.IN_REVIEW, people["owner"])
    for action in ("request_info", "reject"):
        with pytest.raises(ValidationError, match="note"):
            perform(app, action, actor=people["approver"], note="   ")
    app.refresh_from_db()
    assert app.status == S.IN_REVIEW


def test_decision_on_a_state_nobody_saw_is_refused(people, settings, tmp_path):
    """Two approvers on one application: the second is told it changed, and nothing is lost."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = application_in(S.IN_REVIEW, people["owner"])
    seen_by_a = app.status
    perform(app, "reject", actor=people["approver"], note="Not eligible.", expected_status=S.IN_REVIEW)
    with pytest.raises(ValidationError, match="changed"):
        perform(app, "approve", actor=people["approver"], expected_status=seen_by_a)
    app.refresh_from_db()
    assert app.status == S.REJECTED
    assert list(StatusChange.objects.filter(application=app).values_list("action", flat=True)) == ["reject"]
    assert not SubsidyPayment.objects.filter(application=app).exists()


def test_submit_takes_amounts_from_profile_and_emails_the_applicant(
    people, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = application_in(S.DRAFT, people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        perform(app, "submit", actor=people["owner"], expected_status=S.DRAFT)
    app.refresh_from_db()
    assert (app.degree, app.monthly_amount, app.months, app.total) == ("master", 2500, 3, 7500)
    assert app.submitted_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@example.com"]
    assert app.reference in mail.outbox[0].subject


def test_submit_without_proof_is_refused_and_changes_nothing(people, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = application_in(S.DRAFT, people["owner"])
    app.documents.all().delete()
    with pytest.raises(ValidationError, match="proof"):
        perform(app, "submit", actor=people["owner"])
    # Nothing was committed, so nothing is waiting to be sent either.
    app.refresh_from_db()
    assert app.status == S.DRAFT and app.total is None
    assert not mail.outbox


def test_approval_creates_the_monthly_schedule_once(people, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = application_in(S.DRAFT, people["owner"])
    perform(app, "submit", actor=people["owner"])
    perform(app, "start_review", actor=people["reviewer"])
    perform(app, "approve", actor=people["approver"])
    payments = list(SubsidyPayment.objects.filter(application=app).values_list("period", "month", "amount"))
    assert payments == [
        (1, datetime.date(2026, 7, 1), 2500),
        (2, datetime.date(2026, 8, 1), 2500),
        (3, datetime.date(2026, 9, 1), 2500),
    ]
    app.refresh_from_db()
    assert app.assigned_to == people["reviewer"]
    assert app.decided_at is not None


# The booking lifecycle, over every (lifecycle, state, action, actor), written from the issue too:
# requested → confirmed or waitlisted → attended / no-show; cancelled by the applicant before a
# cut-off, or by staff with a note. The portal itself ("system") may confirm or waitlist.
STAFF = {"reviewer", "approver"}
BOOKING_ACTIONS = [
    "request",
    "confirm",
    "waitlist",
    "accept_offer",
    "lapse",
    "cancel",
    "cancel_by_staff",
    "attended",
    "no_show",
]
BOOKING_EXPECTED = {
    (S.DRAFT, "request"): ({"owner"}, S.REQUESTED),
    (S.REQUESTED, "confirm"): (STAFF | {"system"}, S.CONFIRMED),
    (S.WAITLISTED, "confirm"): (STAFF | {"system"}, S.CONFIRMED),
    (S.REQUESTED, "waitlist"): (STAFF | {"system"}, S.WAITLISTED),
    # Someone waiting takes the place offered to them; an offer not taken lapses (the portal).
    (S.WAITLISTED, "accept_offer"): ({"owner"}, S.REQUESTED),
    (S.WAITLISTED, "lapse"): ({"system"}, S.CANCELLED),
    **{(state, "cancel"): ({"owner"}, S.CANCELLED) for state in (S.REQUESTED, S.WAITLISTED, S.CONFIRMED)},
    **{
        (state, "cancel_by_staff"): (STAFF, S.CANCELLED) for state in (S.REQUESTED, S.WAITLISTED, S.CONFIRMED)
    },
    (S.CONFIRMED, "attended"): (STAFF, S.ATTENDED),
    (S.CONFIRMED, "no_show"): (STAFF, S.NO_SHOW),
}
# The cohort lifecycle (issue 8, the GBA programme): teams apply and are reviewed as in review;
# approvers accept them into the 3-month coaching, then award (at most the cohort's awards) or not.
COHORT_OPEN = (S.SUBMITTED, S.IN_REVIEW, S.MORE_INFO, S.RESUBMITTED, S.ACCEPTED)
COHORT_EXPECTED = {
    (S.DRAFT, "submit"): ({"owner"}, S.SUBMITTED),
    (S.SUBMITTED, "start_review"): (STAFF_REVIEW, S.IN_REVIEW),
    (S.RESUBMITTED, "start_review"): (STAFF_REVIEW, S.IN_REVIEW),
    (S.IN_REVIEW, "request_info"): (STAFF_REVIEW, S.MORE_INFO),
    (S.MORE_INFO, "resubmit"): ({"owner"}, S.RESUBMITTED),
    (S.IN_REVIEW, "accept"): ({"approver"}, S.ACCEPTED),
    (S.RESUBMITTED, "accept"): ({"approver"}, S.ACCEPTED),
    (S.IN_REVIEW, "reject"): ({"approver"}, S.REJECTED),
    (S.RESUBMITTED, "reject"): ({"approver"}, S.REJECTED),
    (S.ACCEPTED, "award"): ({"approver"}, S.AWARDED),
    (S.ACCEPTED, "not_award"): ({"approver"}, S.NOT_AWARDED),
    **{(state, "withdraw"): ({"owner"}, S.WITHDRAWN) for state in (S.DRAFT, *COHORT_OPEN)},
}
# The placement lifecycle (issue 8, internship posts): shortlist, offer with an expiry, the
# student accepts or declines; the portal expires an offer not answered in time.
PLACEMENT_EXPECTED = {
    (S.DRAFT, "submit"): ({"owner"}, S.SUBMITTED),
    (S.SUBMITTED, "shortlist"): (STAFF_REVIEW, S.SHORTLISTED),
    (S.SUBMITTED, "offer"): ({"approver"}, S.OFFERED),
    (S.SHORTLISTED, "offer"): ({"approver"}, S.OFFERED),
    (S.OFFERED, "accept_place"): ({"owner"}, S.ACCEPTED),
    (S.OFFERED, "decline"): ({"owner"}, S.DECLINED),
    (S.OFFERED, "expire"): ({"system"}, S.EXPIRED),
    (S.SUBMITTED, "reject"): (STAFF_REVIEW, S.REJECTED),
    (S.SHORTLISTED, "reject"): (STAFF_REVIEW, S.REJECTED),
    **{
        (state, "withdraw"): ({"owner"}, S.WITHDRAWN)
        for state in (S.DRAFT, S.SUBMITTED, S.SHORTLISTED, S.OFFERED)
    },
}
LIFECYCLE_EXPECTED = {
    "review": EXPECTED,
    "booking": BOOKING_EXPECTED,
    "cohort": COHORT_EXPECTED,
    "placement": PLACEMENT_EXPECTED,
}
ALL_ACTORS = [*ACTORS, "system"]
LIFECYCLE_CASES = [
    (lifecycle, state, action, actor)
    for lifecycle in LIFECYCLE_EXPECTED
    for state, action, actor in itertools.product(
        # Its own actions, and one of another lifecycle's, which it must not know.
        list(S),
        sorted({a for (_s, a) in LIFECYCLE_EXPECTED[lifecycle]} | {"approve", "request"}),
        ALL_ACTORS,
    )
]


def in_state(model, state, owner):
    app = model.objects.create(applicant=owner)
    model.objects.filter(pk=app.pk).update(status=state)
    app.refresh_from_db()
    return app


def booking_in(state, owner):
    app = SessionBooking.objects.create(applicant=owner, day=datetime.date(2099, 7, 1))
    SessionBooking.objects.filter(pk=app.pk).update(status=state)
    app.refresh_from_db()
    return app


MAKERS = {
    "review": application_in,
    "booking": booking_in,
    "cohort": lambda state, owner: in_state(CohortEntry, state, owner),
    "placement": lambda state, owner: in_state(PostPlacement, state, owner),
}


@pytest.fixture
def everyone(people):
    return {**people, "system": None}


@pytest.mark.parametrize(
    "lifecycle,state,action,actor",
    LIFECYCLE_CASES,
    ids=["-".join(map(str, case)) for case in LIFECYCLE_CASES],
)
def test_every_lifecycle_state_action_actor(everyone, settings, tmp_path, lifecycle, state, action, actor):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = MAKERS[lifecycle](state, everyone["owner"])
    allowed_actors, target = LIFECYCLE_EXPECTED[lifecycle].get((state, action), (set(), None))
    note = (
        "Because." if action in {"request_info", "reject", "resubmit", "cancel_by_staff", "not_award"} else ""
    )

    if actor in allowed_actors:
        change = perform(app, action, actor=everyone[actor], note=note)
        app.refresh_from_db()
        assert app.status == target
        actor_id = everyone[actor].pk if everyone[actor] is not None else None
        assert (change.from_status, change.to_status, change.actor_id) == (state, target, actor_id)
        assert change.by_staff == (actor in STAFF)
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            perform(app, action, actor=everyone[actor], note=note)
        app.refresh_from_db()
        assert app.status == state
        assert not StatusChange.objects.filter(application=app).exists()


@pytest.mark.parametrize("lifecycle", LIFECYCLES)
def test_each_table_has_only_the_transitions_the_issue_describes(lifecycle):
    defined = {(state, t.action) for t in LIFECYCLES[lifecycle].transition_list for state in t.sources}
    assert defined == set(LIFECYCLE_EXPECTED[lifecycle])


@pytest.mark.parametrize("state", list(S))
def test_booking_buttons_offered_match_what_is_allowed(everyone, settings, tmp_path, state):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = booking_in(state, everyone["owner"])
    for actor in ALL_ACTORS:
        offered = {t.action for t in available_actions(everyone[actor], app)}
        expected = {a for (s, a), (who, _t) in BOOKING_EXPECTED.items() if s == state and actor in who}
        assert offered == expected, actor


def test_lists_of_states_are_derived_from_each_table():
    review, booking = LIFECYCLES["review"], LIFECYCLES["booking"]
    assert review.undecided == {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.MORE_INFO, S.RESUBMITTED}
    assert review.decided == {S.APPROVED, S.REJECTED, S.WITHDRAWN}
    assert review.waiting == {S.SUBMITTED, S.IN_REVIEW, S.RESUBMITTED}
    assert review.holding == {S.SUBMITTED, S.IN_REVIEW, S.MORE_INFO, S.RESUBMITTED, S.APPROVED}
    assert (review.submit_action.action, review.withdraw_action.action) == ("submit", "withdraw")
    assert booking.undecided == {S.DRAFT, S.REQUESTED, S.WAITLISTED}
    assert booking.decided == {S.CONFIRMED, S.ATTENDED, S.NO_SHOW, S.CANCELLED}
    assert booking.waiting == {S.REQUESTED, S.WAITLISTED}
    assert booking.holding == {S.REQUESTED, S.WAITLISTED, S.CONFIRMED, S.ATTENDED, S.NO_SHOW}
    assert (booking.submit_action.action, booking.withdraw_action.action) == ("request", "cancel")
    # Every status is some lifecycle's, and every state has the applicant's next step.
    assert {state.status for lifecycle in LIFECYCLES.values() for state in lifecycle.states} == set(S)
    assert all(state.next_step for lifecycle in LIFECYCLES.values() for state in lifecycle.states)
    # The journeys and "My applications" rely on one draft status shared by every lifecycle.
    assert all(lifecycle.drafts == {S.DRAFT} for lifecycle in LIFECYCLES.values())


def test_timestamps_follow_the_lifecycle(everyone, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app = booking_in(S.DRAFT, everyone["owner"])
    perform(app, "request", actor=everyone["owner"])
    assert app.submitted_at is not None and app.decided_at is None
    assert app.days_waiting() == 0 and not app.is_decided
    perform(app, "confirm", actor=None)
    app.refresh_from_db()
    assert app.decided_at is not None and app.is_decided and app.days_waiting() is None
    # The portal confirmed it: nobody is assigned, and the timeline says it was not staff.
    assert app.assigned_to is None
    assert app.changes.get(action="confirm").actor is None
    # Withdrawing a draft never "submits" it.
    draft = application_in(S.DRAFT, everyone["owner"])
    perform(draft, "withdraw", actor=everyone["owner"])
    draft.refresh_from_db()
    assert draft.submitted_at is None and draft.decided_at is not None
