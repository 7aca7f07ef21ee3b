"""Emails go through the task queue; in production a database queue drained by `db_worker`."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from portal.applications.workflow import perform
from portal.models import Status


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


# The worker closes stale connections as a long-running process must; in a test wrapped in one
# transaction that would close the test's own, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_worker_command_sends_the_queued_email(
    catalogue, database_queue, make_applicant, make_subsidy_application, django_capture_on_commit_callbacks
):
    applicant = make_applicant("queued")
    application = make_subsidy_application(applicant, Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        perform(application, "submit", actor=applicant)

    # Queued, not sent: the request that submitted did not wait for the mail server.
    assert not mail.outbox
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "portal.applications.tasks.send_status_email"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["queued@example.com"]
    assert application.reference in mail.outbox[0].subject


# --- what the applicant receives --------------------------------------------------------------------


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://youth.futian.example"
    settings.DEFAULT_FROM_EMAIL = "Some Name <noreply@futian-youth.example>"
    return settings.SITE_URL


def set_language(user, language):
    profile = user.profile
    profile.language = language
    profile.save()


@pytest.mark.parametrize(
    "language,greeting,sender,path",
    [
        ("zh-hant", "陳大文 你好：", "福田港澳青年服務平台", "/zh-hant/applications/"),
        ("zh-hans", "陳大文 您好：", "福田港澳青年服务平台", "/zh-hans/applications/"),
        ("en", "Dear Chan Tai Man,", "Futian HK & Macau Youth Portal", "/en/applications/"),
    ],
)
def test_the_email_speaks_the_applicant_s_language(
    db,
    site_url,
    make_applicant,
    make_subsidy_application,
    django_capture_on_commit_callbacks,
    language,
    greeting,
    sender,
    path,
):
    applicant = make_applicant("lang")
    set_language(applicant, language)
    application = make_subsidy_application(applicant, Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        perform(application, "submit", actor=applicant)

    (email,) = mail.outbox
    assert email.body.startswith(greeting)
    assert email.from_email == f"{sender} <noreply@futian-youth.example>"
    assert f"{site_url}{path}{application.reference}/" in email.body
    assert "127.0.0.1" not in email.body and "localhost" not in email.body
    # The header really carries the name (encoded for the mail server, as RFC 2047 wants).
    assert "noreply@futian-youth.example" in email.message()["From"]


def test_one_email_per_real_change_and_none_for_the_applicant_s_own_answer(
    db, make_applicant, make_subsidy_application, mfa_staff, django_capture_on_commit_callbacks
):
    applicant = make_applicant("news")
    staff = mfa_staff("alan", groups=["approver"])
    application = make_subsidy_application(applicant, Status.DRAFT)
    sent = {}
    steps = [
        ("submit", applicant, ""),
        ("start_review", staff, ""),
        ("request_info", staff, "Which team hosts you?"),
        ("resubmit", applicant, "Team A, at the workshop."),
        ("approve", staff, ""),
    ]
    for action, actor, note in steps:
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            perform(application, action, actor=actor, note=note)
        sent[action] = len(mail.outbox) - before
    assert sent == {"submit": 1, "start_review": 1, "request_info": 1, "resubmit": 0, "approve": 1}
    assert "Which team hosts you?" in mail.outbox[2].body


def test_withdrawing_is_confirmed_by_email(
    db, make_applicant, make_subsidy_application, django_capture_on_commit_callbacks
):
    applicant = make_applicant("leaving")
    application = make_subsidy_application(applicant, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        perform(application, "withdraw", actor=applicant)
    (email,) = mail.outbox
    assert "Withdrawn" in email.subject


def test_the_approval_email_gives_the_amount_the_months_and_the_schedule(
    db, make_applicant, make_subsidy_application, django_capture_on_commit_callbacks
):
    applicant = make_applicant("paid")
    with django_capture_on_commit_callbacks(execute=True):
        application = make_subsidy_application(applicant, Status.APPROVED)
    email = mail.outbox[-1]
    assert application.reference in email.subject and "Approved" in email.subject
    assert "RMB 2,500 a month for 3 months, RMB 7,500 in all." in email.body
    for month in ("2026-07-01", "2026-08-01", "2026-09-01"):
        assert f"- {month}: RMB 2,500" in email.body
    assert "•••• 9001" in email.body and "HSBC" in email.body
    assert "004123456789001" not in email.body  # an email is no place for the whole number


def test_the_approval_email_in_chinese(
    db, make_applicant, make_subsidy_application, django_capture_on_commit_callbacks
):
    applicant = make_applicant("paid-zh")
    set_language(applicant, "zh-hant")
    with django_capture_on_commit_callbacks(execute=True):
        make_subsidy_application(applicant, Status.APPROVED)
    body = mail.outbox[-1].body
    assert body.startswith("陳大文 你好：")
    assert "補貼為每月人民幣 2,500 元，共 3 個月，合共人民幣 7,500 元。" in body
    assert "- 2026-09-01：人民幣 2,500 元" in body
    assert "Dear" not in body and "RMB 2,500 a month" not in body


@pytest.mark.parametrize(
    "url,warned",
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000/", True),
        ("https://youth.futian.example", False),
    ],
)
def test_the_deploy_check_refuses_a_loopback_site_url(settings, url, warned):
    from portal.applications.tasks import check_site_url

    settings.SITE_URL = url
    assert [warning.id for warning in check_site_url()] == (["portal.W001"] if warned else [])
