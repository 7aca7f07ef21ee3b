"""Staff as they reach the admin: an active staff account with an authenticator app (TOTP) and recovery codes.

`mfa_staff(...)` makes such a user; `client.force_login(user)` then stands for the allauth login
with its authenticator step (tests/portal/test_mfa.py goes through that login for real once).
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from incubators.models import Incubator
from portal.applications.workflow import perform
from portal.models import ApplicantProfile, Application, Document, Status
from subsidies.models import SubsidyApplication
from tests.people import next_hkid

STAFF_PASSWORD = "staff-pass-2026-long"


@pytest.fixture
def mfa_staff(db, django_user_model):
    """mfa_staff("rita", groups=["reviewer"]) → a staff user with TOTP set up, in those groups.

    `superuser=True` makes a superuser; `totp=False` leaves the authenticator out (to test refusal).
    The TOTP secret is on `user.totp_secret`, for tests that type a code.
    """

    def make(name="staff", *, groups=(), superuser=False, totp=True):
        email = f"{name}@staff.example"
        user = django_user_model.objects.create_user(
            username=email, email=email, password=STAFF_PASSWORD, is_staff=True, is_superuser=superuser
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        wanted = list(Group.objects.filter(name__in=groups))
        assert len(wanted) == len(groups), f"unknown group in {groups}"
        user.groups.add(*wanted)
        user.totp_secret = None
        if totp:
            user.totp_secret = generate_totp_secret()
            TOTP.activate(user, user.totp_secret)
            RecoveryCodes.activate(user)
        return user

    return make


@pytest.fixture
def make_applicant(db, django_user_model):
    def make(name="applicant", *, degree="master", name_zh="陳大文", name_en="Chan Tai Man"):
        email = f"{name}@example.com"
        user = django_user_model.objects.create_user(
            username=email, email=email, password="x-long-password-1"
        )
        ApplicantProfile.objects.create(
            user=user,
            name_zh=name_zh,
            name_en=name_en,
            date_of_birth=datetime.date(2001, 5, 4),
            id_type=ApplicantProfile.IdType.HKID,
            id_number=next_hkid(),
            phone_region="HK",
            phone="+85291234567",
            education=degree,
            institution="HKU",
            graduation_year=2024,
            situation=ApplicantProfile.Situation.GRADUATE,
            language="en",
        )
        return user

    return make


# The actions that take an application from draft to each state, as the people entitled to them.
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: ["submit"],
    Status.IN_REVIEW: ["submit", "start_review"],
    Status.MORE_INFO: ["submit", "start_review", "request_info"],
    Status.RESUBMITTED: ["submit", "start_review", "request_info", "resubmit"],
    Status.APPROVED: ["submit", "start_review", "approve"],
    Status.REJECTED: ["submit", "start_review", "reject"],
    Status.WITHDRAWN: ["submit", "withdraw"],
}


@pytest.fixture
def make_subsidy_application(db, mfa_staff):
    """make_subsidy_application(applicant, status) → a subsidy application the workflow took to `status`."""
    state = {}

    def make(
        applicant,
        status=Status.SUBMITTED,
        *,
        base="workshop",
        organisation="Team A",
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 9, 30),
    ) -> Application:
        if "approver" not in state:
            state["approver"] = mfa_staff("setup-approver", groups=["approver"])
        application = SubsidyApplication.objects.create(
            applicant=applicant,
            host_base=Incubator.objects.get(slug=base),
            host_organisation=organisation,
            position="Engineer",
            start_date=start,
            end_date=end,
            bank_account_name="CHAN Tai Man",
            bank_name="HSBC",
            bank_account_number="004123456789001",
        )
        Document.objects.create(
            application=application,
            kind="proof",
            file="applications/proof.pdf",
            original_name="proof.pdf",
            content_type="application/pdf",
            size=1234,
            uploaded_by=applicant,
        )
        if status not in PATHS:
            # A state of another lifecycle (a booking's): no action leads a subsidy there, yet every
            # page must still show such a row, e.g. one left by a scheme that changed lifecycle.
            SubsidyApplication.objects.filter(pk=application.pk).update(status=status)
        for action in PATHS.get(status, []):
            actor = applicant if action in {"submit", "resubmit", "withdraw"} else state["approver"]
            perform(application, action, actor=actor, note="Because.")
        application.refresh_from_db()
        assert application.status == status
        return application

    return make


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_data(response) -> dict:
    """What the browser would send back from an admin change page, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data
