"""Emails go through the task queue; in production a database queue drained by `db_worker`."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from portal.models import Status
from portal.workflow import perform


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
    assert queued.task_path == "portal.tasks.send_status_email"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["queued@example.com"]
    assert application.reference in mail.outbox[0].subject
