"""Staff roles (portal/roles.py groups), tried with real requests against the admin."""

import pytest
from django.urls import reverse
from django.utils import translation

from incubators.models import FieldOfWork
from portal.models import Status, StatusChange
from subsidies.models import SubsidyPayment
from tests.markup import parse
from tests.portal.conftest import form_data, messages_of

pytestmark = pytest.mark.django_db


def _english(name):
    """Admin addresses in English, so the messages the tests read are in English."""
    with translation.override("en"):
        return reverse(name)


QUEUE = _english("admin:portal_application_changelist")
SUBSIDY_LIST = _english("admin:subsidies_subsidyapplication_changelist")
PAYMENTS = _english("admin:subsidies_subsidypayment_changelist")
CATALOGUE = _english("admin:incubators_incubator_changelist")
CATALOGUE_ADD = _english("admin:incubators_fieldofwork_add")
NO_GROUP = None


@pytest.fixture
def sign_in(client, mfa_staff):
    def sign_in(role):
        user = mfa_staff((role or "nobody").replace(" ", "-"), groups=[role] if role else [])
        client.force_login(user)
        return user

    return sign_in


def actions_on(client, application, admin_name="portal_application") -> set[str]:
    response = client.get(reverse(f"admin:{admin_name}_change", args=[application.pk]))
    assert response.status_code == 200
    url = reverse(f"admin:{admin_name}_transition", args=[application.pk])
    return {
        form.find("input", name="action").attrs["value"]
        for form in parse(response.content).find_all("form", action=url)
    }


def act(client, application, action, seen, note="A note.", admin_name="portal_application"):
    url = reverse(f"admin:{admin_name}_transition", args=[application.pk])
    return client.post(url, {"action": action, "expected_status": seen, "note": note})


@pytest.mark.parametrize(
    "role, expected",
    [
        ("reviewer", {QUEUE: 200, SUBSIDY_LIST: 200, PAYMENTS: 200, CATALOGUE: 403, CATALOGUE_ADD: 403}),
        ("approver", {QUEUE: 200, SUBSIDY_LIST: 200, PAYMENTS: 200, CATALOGUE: 403, CATALOGUE_ADD: 403}),
        ("data manager", {QUEUE: 403, SUBSIDY_LIST: 200, PAYMENTS: 200, CATALOGUE: 200, CATALOGUE_ADD: 200}),
        (NO_GROUP, {QUEUE: 403, SUBSIDY_LIST: 403, PAYMENTS: 403, CATALOGUE: 403, CATALOGUE_ADD: 403}),
    ],
)
def test_who_opens_which_list(client, sign_in, role, expected):
    sign_in(role)
    assert {url: client.get(url).status_code for url in expected} == expected


def test_a_reviewer_starts_reviews_and_asks_for_information_but_does_not_decide(
    client, sign_in, make_applicant, make_subsidy_application
):
    reviewer = sign_in("reviewer")
    application = make_subsidy_application(make_applicant(), Status.SUBMITTED)

    assert actions_on(client, application) == {"start_review"}
    act(client, application, "start_review", "submitted")
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert application.assigned_to == reviewer  # whoever starts the review is assigned if nobody was

    # In review: asking for more is theirs, approving and rejecting are not, not even as buttons.
    assert actions_on(client, application) == {"request_info"}
    assert actions_on(client, application, "subsidies_subsidyapplication") == {"request_info"}
    before = StatusChange.objects.count()
    for admin_name in ("portal_application", "subsidies_subsidyapplication"):
        for action in ("approve", "reject"):
            response = act(client, application, action, "in_review", admin_name=admin_name)
            assert any("You may not" in m for m in messages_of(response)), (admin_name, action)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and StatusChange.objects.count() == before

    act(client, application, "request_info", "in_review", note="Please send the contract.")
    application.refresh_from_db()
    assert application.status == Status.MORE_INFO


@pytest.mark.parametrize("action, result", [("approve", Status.APPROVED), ("reject", Status.REJECTED)])
def test_an_approver_decides(client, sign_in, make_applicant, make_subsidy_application, action, result):
    approver = sign_in("approver")
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    assert actions_on(client, application) == {"request_info", "approve", "reject"}
    act(client, application, action, "in_review")
    application.refresh_from_db()
    assert application.status == result
    assert application.changes.last().actor == approver
    assert actions_on(client, application) == set()  # decided: nothing more to do


def test_a_data_manager_edits_the_catalogue(client, sign_in):
    sign_in("data manager")
    field = FieldOfWork.objects.first()
    url = reverse("admin:incubators_fieldofwork_change", args=[field.pk])
    response = client.get(url)
    data = {**form_data(response), "name_en": "Renamed field", "_save": "1"}
    assert client.post(url, data).status_code == 302
    field.refresh_from_db()
    assert field.name_en == "Renamed field"


def test_a_data_manager_marks_payments_paid_and_exports_them(
    client, sign_in, make_applicant, make_subsidy_application
):
    manager = sign_in("data manager")
    application = make_subsidy_application(make_applicant(), Status.APPROVED)
    payment = SubsidyPayment.objects.filter(application=application).first()
    response = client.post(PAYMENTS, {"action": "mark_paid", "_selected_action": [payment.pk]})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.paid_by == manager and payment.paid_at is not None
    response = client.post(PAYMENTS, {"action": "export_csv", "_selected_action": [payment.pk]})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_a_data_manager_cannot_review(client, sign_in, make_applicant, make_subsidy_application):
    sign_in("data manager")
    application = make_subsidy_application(make_applicant(), Status.SUBMITTED)
    # They may look at the subsidy application (payments need it), with no action offered.
    assert actions_on(client, application, "subsidies_subsidyapplication") == set()
    response = act(
        client, application, "start_review", "submitted", admin_name="subsidies_subsidyapplication"
    )
    assert any("You may not" in m for m in messages_of(response))
    # The queue itself is closed to them.
    assert act(client, application, "start_review", "submitted").status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


@pytest.mark.parametrize("role", ["reviewer", "approver"])
def test_reviewers_and_approvers_cannot_mark_payments_paid(
    client, sign_in, make_applicant, make_subsidy_application, role
):
    sign_in(role)
    application = make_subsidy_application(make_applicant(), Status.APPROVED)
    payment = SubsidyPayment.objects.filter(application=application).first()
    page = parse(client.get(PAYMENTS).content)
    assert not page.find_all("option", value="mark_paid")
    for action in ("mark_paid", "export_csv", "export_xlsx"):
        response = client.post(PAYMENTS, {"action": action, "_selected_action": [payment.pk]})
        assert response.status_code in {200, 302}
        assert not response.get("Content-Disposition")
    payment.refresh_from_db()
    assert payment.paid_at is None


def test_staff_without_a_group_see_nothing(client, sign_in, make_applicant, make_subsidy_application):
    sign_in(NO_GROUP)
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert not [link for link in parse(response.content).links() if "/admin/" in link and "/change" in link]
    assert client.get(reverse("admin:portal_application_change", args=[application.pk])).status_code == 403
    assert act(client, application, "approve", "in_review").status_code == 403
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
