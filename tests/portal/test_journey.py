"""A scheme that brings only its model and form gets the whole journey from the shared pages."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incubators.models import Incubator
from portal.models import Status
from subsidies.models import SubsidyApplication
from tests.markup import parse
from tests.people import create_applicant

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.mark.urls("tests.portal.journey_urls")
def test_shared_pages_carry_a_scheme_from_start_to_submitted(db, client, django_capture_on_commit_callbacks):
    client.force_login(create_applicant("plain@example.com"))

    start = client.get(reverse("plain:apply"))
    assert start.status_code == 200
    assert [t.name for t in start.templates][0] == "portal/apply_start.html"
    assert "Start your application" in parse(start.content).find("main").text

    response = client.post(reverse("plain:apply"))
    application = SubsidyApplication.objects.get()
    assert response.url == reverse("plain:apply_details", args=[application.reference])

    details = {
        "host_base": Incubator.objects.get(slug="workshop").pk,
        "host_organisation": "Plain Robotics",
        "position": "Intern",
        "start_date": datetime.date(2026, 7, 1),
        "end_date": datetime.date(2026, 8, 31),
    }
    response = client.post(reverse("plain:apply_details", args=[application.reference]), details)
    assert response.url == reverse("plain:apply_documents", args=[application.reference])

    upload = SimpleUploadedFile("proof.pdf", PDF, content_type="application/pdf")
    client.post(reverse("plain:apply_documents", args=[application.reference]), {"file": upload})
    check = client.get(reverse("plain:apply_check", args=[application.reference]))
    assert [t.name for t in check.templates][0] == "portal/apply_check.html"
    page = parse(check.content).find("main")
    assert "proof.pdf" in page.text
    assert "Proof of internship" in page.find("h2", id_="documents-title").text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plain:apply_check", args=[application.reference]))
    assert response.url == reverse("plain:apply_done", args=[application.reference])
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    done = client.get(response.url)
    assert application.reference in parse(done.content).find("main").text
    assert len(mail.outbox) == 1
