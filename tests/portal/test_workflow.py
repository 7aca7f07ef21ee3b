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
from portal.applications.workflow import TRANSITIONS, available_actions, perform
from portal.models import Document, Status, StatusChange
from subsidies.models import SubsidyApplication, SubsidyPayment
from tests.people import create_applicant, create_staff

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
    defined = {(state, t.action) for t in TRANSITIONS.values() for state in t.sources}
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
