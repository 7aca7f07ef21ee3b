"""Paying the subsidy: the bank account, given before approval, shown whole only to staff who pay."""

import pytest
from django.urls import reverse
from django.utils import translation

from incubators.models import Incubator
from portal.models import Application, Status
from subsidies.models import SubsidyApplication, SubsidyPayment
from tests.markup import parse
from tests.portal.conftest import messages_of
from tests.subsidies.test_apply import field_errors, fill_in, ready_to_submit, start

pytestmark = pytest.mark.django_db

FULL = "004123456789001"  # what tests/portal/conftest.py's applications are paid into
MASKED = "•••• 9001"


@pytest.fixture
def signed_in(client, db):
    from tests.people import create_applicant

    client.force_login(create_applicant("bank@example.com"))
    return client


@pytest.fixture
def base():
    return Incubator.objects.published().first()


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_details_ask_for_the_account_and_keep_only_its_digits(signed_in, base):
    application = start(signed_in)
    response = fill_in(
        signed_in, application, base, bank_account_name="", bank_name="", bank_account_number=""
    )
    assert response.status_code == 200
    assert field_errors(response, "bank_account_name") == ["Enter the name on the bank account."]
    assert field_errors(response, "bank_name") == ["Enter the name of the bank."]
    assert field_errors(response, "bank_account_number") == ["Enter the account number."]

    response = fill_in(signed_in, application, base, bank_account_number="12-AB-34")
    assert field_errors(response, "bank_account_number") == [
        "Enter the account number in digits (6 to 30), as on your bank card or statement."
    ]

    assert fill_in(signed_in, application, base).status_code == 302
    application.refresh_from_db()
    assert (application.bank_account_name, application.bank_name, application.bank_account_number) == (
        "CHAN Tai Man",
        "Bank of China (Hong Kong)",
        "01287560012345",
    )


def test_the_applicant_sees_the_account_masked_on_the_check_page_and_the_application(signed_in, base):
    application = ready_to_submit(signed_in, base)
    check = parse(signed_in.get(english("subsidies:apply_check", application.reference)).content).find("main")
    assert "•••• 2345" in check.find("dd", cls="bank-account").text
    assert "01287560012345" not in check.text
    signed_in.post(english("subsidies:apply_check", application.reference))
    page = parse(signed_in.get(application.get_absolute_url()).content).find("main")
    assert "Bank of China (Hong Kong)" in page.text and "•••• 2345" in page.text
    assert "01287560012345" not in page.text


def test_a_draft_without_an_account_is_not_submitted(signed_in, base):
    application = ready_to_submit(signed_in, base)
    SubsidyApplication.objects.filter(pk=application.pk).update(bank_account_number="")
    response = signed_in.post(english("subsidies:apply_check", application.reference))
    assert "Account number" in parse(response.content).find("main").text  # what is still missing
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_approval_without_an_account_is_refused_with_a_message_for_staff(
    client,
    mfa_staff,
    make_applicant,
    make_subsidy_application,
):
    application = make_subsidy_application(make_applicant("nobank"), Status.IN_REVIEW)
    SubsidyApplication.objects.filter(pk=application.pk).update(bank_name="")
    client.force_login(mfa_staff("alan", groups=["approver"]))
    response = client.post(
        english("admin:portal_application_transition", application.pk),
        {"action": "approve", "expected_status": Status.IN_REVIEW},
    )
    assert messages_of(response) == [
        "The applicant has not given a bank account for the payments, so this cannot be approved. "
        "Nothing was changed."
    ]
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert not SubsidyPayment.objects.filter(application=application).exists()


@pytest.mark.parametrize("group,shown,hidden", [("approver", MASKED, FULL), ("data manager", FULL, MASKED)])
def test_staff_see_the_whole_number_only_if_they_pay(
    client,
    mfa_staff,
    make_applicant,
    make_subsidy_application,
    group,
    shown,
    hidden,
):
    application = make_subsidy_application(make_applicant("paid"), Status.APPROVED)
    client.force_login(mfa_staff("someone", groups=[group]))
    change = parse(client.get(english("admin:subsidies_subsidyapplication_change", application.pk)).content)
    account = change.find(
        "div", cls="field-bank_account" if group == "approver" else "field-bank_account_in_full"
    )
    assert shown in account.text and hidden not in change.text
    payments = parse(client.get(english("admin:subsidies_subsidypayment_changelist")).content)
    cells = payments.find("tbody").find_all(
        "td", cls=f"field-bank_account{'_in_full' if group != 'approver' else ''}"
    )
    assert len(cells) == 3 and all(shown in cell.text for cell in cells)
    assert hidden not in payments.text


def test_the_queue_s_details_never_show_the_whole_number(
    client,
    mfa_staff,
    make_applicant,
    make_subsidy_application,
):
    application = make_subsidy_application(make_applicant("queue"), Status.SUBMITTED)
    client.force_login(mfa_staff("root", superuser=True))
    page = parse(client.get(english("admin:portal_application_change", application.pk)).content)
    assert FULL not in page.text


def test_closing_the_account_removes_the_bank_account_from_the_kept_application(
    client,
    make_applicant,
    make_subsidy_application,
):
    from portal.accounts.services import close_account

    applicant = make_applicant("closing")
    application = make_subsidy_application(applicant, Status.APPROVED)
    close_account(applicant)
    kept = SubsidyApplication.objects.get(pk=application.pk)
    assert (kept.bank_account_name, kept.bank_name, kept.bank_account_number, kept.identity_key) == (
        "",
        "",
        "",
        "",
    )
    assert not any(row.bank_account_number for row in kept.history.all())
    assert Application.objects.filter(pk=application.pk, applicant=None).exists()


def test_the_edit_history_shows_no_whole_number_to_reviewers(
    client, mfa_staff, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant("history"), Status.APPROVED)
    client.force_login(mfa_staff("rita", groups=["approver"]))
    history = client.get(english("admin:subsidies_subsidyapplication_history", application.pk))
    assert history.status_code == 200 and FULL not in history.content.decode()
    version = application.history.earliest()
    url = english("admin:subsidies_subsidyapplication_simple_history", application.pk, version.history_id)
    old = client.get(url)
    assert old.status_code == 200 and FULL not in old.content.decode() and MASKED in old.content.decode()
