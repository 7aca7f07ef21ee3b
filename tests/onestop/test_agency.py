"""Agency requests: the authorisation the office needs, and the steps staff record, seen and emailed."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import Status
from programs.onestop.models import AgencyRequest, AgencyStep, OnestopRules, ServiceBatch, StepRecord
from programs.onestop.services import record_next_step
from tests.markup import parse
from tests.onestop.helpers import approved_request
from tests.pdfs import blank_pdf
from tests.people import create_applicant

DETAILS = {
    "service": "company_registration",
    "company_name": "Harbour Ink Ltd",
    "business_scope": "Printing and design",
    "credit_code": "",
    "preferred_bank": "",
}


def start(client) -> AgencyRequest:
    response = client.post(reverse("onestop:agency:apply"))
    return AgencyRequest.objects.get(reference=response.url.rstrip("/").split("/")[-1])


def test_a_request_needs_the_authorisation_ticked_and_the_signed_letter(client, applicant, steps):
    client.force_login(applicant)
    request = start(client)
    details = reverse("onestop:agency:apply_details", args=[request.reference])
    response = client.post(details, DETAILS)
    assert response.status_code == 200
    assert "authorise the office" in str(response.context["form"].errors["authorises"])
    response = client.post(details, {**DETAILS, "authorises": "on"})
    assert response.url == reverse("onestop:agency:apply_documents", args=[request.reference])
    check = reverse("onestop:agency:apply_check", args=[request.reference])
    response = client.post(check)
    assert "Upload the signed authorisation letter." in response.context["submit_errors"]
    upload = SimpleUploadedFile("authorisation.pdf", blank_pdf(), content_type="application/pdf")
    page = parse(client.get(response.request["PATH_INFO"].replace("check", "documents")).content).text
    assert "This is the office's requirement" in page
    client.post(reverse("onestop:agency:apply_documents", args=[request.reference]), {"file": upload})
    response = client.post(check)
    assert response.url == reverse("onestop:agency:apply_done", args=[request.reference])
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert request.documents.get().kind_label == "Signed authorisation letter"


def test_each_service_asks_what_its_agency_needs(client, applicant, steps):
    client.force_login(applicant)
    request = start(client)
    details = reverse("onestop:agency:apply_details", args=[request.reference])
    bank = {**DETAILS, "service": "bank_account", "authorises": "on", "business_scope": ""}
    response = client.post(details, bank)
    assert "credit code" in str(response.context["form"].errors["credit_code"])
    response = client.post(details, {**bank, "credit_code": "91440300ma5abcde1x"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.credit_code == "91440300MA5ABCDE1X"
    response = client.post(details, {**DETAILS, "business_scope": "", "authorises": "on"})
    assert "what the company does" in str(response.context["form"].errors["business_scope"])


def test_steps_are_recorded_in_order_with_their_dates_seen_and_emailed(
    client, applicant, officer, approver, django_capture_on_commit_callbacks, mailoutbox
):
    request = approved_request(applicant, approver)
    today = timezone.localdate()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = record_next_step(request, by=officer, at=today - datetime.timedelta(days=3))
        second = record_next_step(request, by=officer, note="Filed at the Futian service hall")
    assert [first.step.name_en, second.step.name_en] == ["Documents received", "Filed with the authority"]
    assert [m.subject for m in mailoutbox] == [
        f"{request.reference}: Documents received",
        f"{request.reference}: Filed with the authority",
    ]
    assert "Futian service hall" in mailoutbox[1].body and request.get_absolute_url() in mailoutbox[1].body
    assert LogEntry.objects.filter(object_id=str(request.pk), user=officer).count() == 2
    client.force_login(applicant)
    page = parse(client.get(request.get_absolute_url()).content).find("main")
    steps = [item.text for item in page.find("ol", cls="step-records").find_all("li")]
    assert steps[0].startswith(
        f"Documents received : reached on {today - datetime.timedelta(days=3):%Y-%m-%d}"
    )
    assert (
        steps[1] == f"Filed with the authority : reached on {today:%Y-%m-%d} Filed at the Futian service hall"
    )
    assert steps[2:] == ["Business licence issued: not yet", "Done: not yet"]
    assert "the programme document does not set them" in page.text

    # No going back in time, no step twice, none past the last.
    with pytest.raises(ValidationError, match="before the previous step"):
        record_next_step(request, by=officer, at=today - datetime.timedelta(days=4))
    record_next_step(request, by=officer)
    record_next_step(request, by=officer)
    with pytest.raises(ValidationError, match="last step"):
        record_next_step(request, by=officer)
    assert request.step_records.count() == AgencyStep.objects.of(request.service).count() == 4


def test_only_an_approved_request_moves(applicant, officer, steps):
    request = AgencyRequest.objects.create(applicant=applicant, service="bank_account", company_name="X")
    with pytest.raises(ValidationError, match="not approved"):
        record_next_step(request, by=officer)
    assert not StepRecord.objects.exists()


def test_staff_move_requests_from_the_list_with_a_date(client, applicant, approver, mfa_staff):
    request = approved_request(applicant, approver)
    waiting = approved_request(create_applicant("w@example.com"), approver, service="bank_account")
    staff = mfa_staff("step-mover", groups=["reviewer"])
    client.force_login(staff)
    url = reverse("admin:onestop_agencyrequest_changelist")
    assert "Record the next step" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "action": "record_next_step",
            "_selected_action": [request.pk, waiting.pk],
            "at": "2026-01-05",
            "note": "",
        },
        follow=True,
    )
    assert "2 requests moved to their next step." in response.content.decode()
    assert request.step_records.get().at == datetime.date(2026, 1, 5)
    nobody = mfa_staff("no-role")
    client.force_login(nobody)
    assert client.get(url).status_code == 403


def test_the_application_page_costs_the_same_however_many_steps(
    client, applicant, approver, officer, django_assert_num_queries
):
    request = approved_request(applicant, approver)
    client.force_login(applicant)

    def add_steps(n):
        last = AgencyStep.objects.of(request.service).last().order
        AgencyStep.objects.bulk_create(
            [AgencyStep(service=request.service, order=last + i + 1, name=f"Step {i}") for i in range(n)]
        )
        for _ in range(n):
            record_next_step(request, by=officer)

    add_steps(2)
    client.get(request.get_absolute_url())  # sessions and caches settle on the first visit
    with CaptureQueriesContext(connection) as few:
        client.get(request.get_absolute_url())
    add_steps(6)
    with django_assert_num_queries(len(few)):
        response = client.get(request.get_absolute_url())
    assert parse(response.content).text.count("reached on") == 8


def test_the_office_page_costs_the_same_however_many_steps(client, steps, django_assert_num_queries):
    def add_steps(n):
        AgencyStep.objects.bulk_create(
            [
                AgencyStep(service="bank_account", order=100 + AgencyStep.objects.count() + i, name="S")
                for i in range(n)
            ]
        )

    add_steps(2)
    client.get(reverse("onestop:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("onestop:index"))
    add_steps(6)
    with django_assert_num_queries(len(few)):
        client.get(reverse("onestop:index"))


def test_batches_are_counted_after_the_documents_figure(db):
    assert ServiceBatch.figures()["batches"] == 76
    ServiceBatch.objects.create(day=datetime.date(2026, 3, 1), youth=20)
    ServiceBatch.objects.create(day=datetime.date(2026, 4, 1), youth=15)
    assert ServiceBatch.figures() == {"batches": 78, "recorded_batches": 2, "recorded_youth": 35}
    rules = OnestopRules.saved()
    rules.batches_before = 80
    rules.save()
    assert rules.batches_served() == 82


def test_the_office_page_shows_the_batches_served(client, db):
    ServiceBatch.objects.create(day=datetime.date(2026, 3, 1), youth=20)
    page = parse(client.get(reverse("onestop:index")).content).text
    assert "The office has served 77 batches of Hong Kong youth." in page
