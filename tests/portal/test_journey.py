"""A scheme that brings only its model and form gets the whole journey from the shared pages."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incubators.models import Incubator
from portal.models import Status
from subsidies.models import SubsidyApplication
from tests.markup import parse
from tests.pdfs import blank_pdf
from tests.people import create_applicant

PDF = blank_pdf()
BANK = {
    "bank_account_name": "CHAN Tai Man",
    "bank_name": "Bank of China (Hong Kong)",
    "bank_account_number": "012-345-678901",
}


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
        **BANK,
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


# Drafts keep what was typed, for every scheme: "plain" has no page of its own, "subsidies" has its own.

SCHEMES = ["plain", "subsidies"]
LABELS = {
    "host_base": "Base where you intern",
    "host_organisation": "Host organisation",
    "position": "Your position",
    "start_date": "Start date",
    "end_date": "End date",
    "bank_account_name": "Name on the bank account",
    "bank_name": "Bank",
    "bank_account_number": "Account number",
}
REQUIRED_ERRORS = ("Enter ", "Choose the base", "This field is required")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def field_box(response, name):
    element = parse(response.content).find(name=name)
    return next(node for node in element.ancestors() if "field" in node.classes)


def errors_on_page(response) -> list[str]:
    return [p.text for p in parse(response.content).find_all("p", cls="error")]


@pytest.fixture
def draft(db, client):
    client.force_login(create_applicant("drafter@example.com"))

    def start(scheme):
        response = client.post(reverse(f"{scheme}:apply"))
        return SubsidyApplication.objects.get(reference=response.url.rstrip("/").split("/")[-1])

    return start


def details_url(scheme, application, step="details"):
    return reverse(f"{scheme}:apply_{step}", args=[application.reference])


@pytest.mark.urls("tests.portal.journey_urls")
@pytest.mark.parametrize("scheme", SCHEMES)
def test_one_field_and_later_saves_it_and_says_what_is_missing(client, draft, scheme):
    application = draft(scheme)
    response = client.post(
        details_url(scheme, application), {"host_organisation": "Plain Robotics", "later": "1"}
    )
    assert response.status_code == 302 and response.url == reverse("applications:list")
    application.refresh_from_db()
    assert application.host_organisation == "Plain Robotics"
    assert application.status == Status.DRAFT
    [message] = messages_of(response)
    assert message.startswith(f"Draft {application.reference} is saved.")
    missing = [label for name, label in LABELS.items() if name != "host_organisation"]
    assert f"Still to fill in: {', '.join(missing)}." in message
    # Coming back, the saved answer is there and nothing is marked wrong.
    page = client.get(details_url(scheme, application))
    assert parse(page.content).find("input", name="host_organisation").attrs["value"] == "Plain Robotics"
    assert errors_on_page(page) == []


@pytest.mark.urls("tests.portal.journey_urls")
@pytest.mark.parametrize("scheme", SCHEMES)
def test_later_stores_the_valid_answers_and_shows_the_wrong_one_as_typed(client, draft, scheme):
    application = draft(scheme)
    data = {
        "host_organisation": "Plain Robotics",
        "position": "Intern",
        "start_date": "31/31/2026",
        "later": "1",
    }
    response = client.post(details_url(scheme, application), data)
    assert response.status_code == 200
    box = field_box(response, "start_date")
    assert [p.text for p in box.find_all("p", cls="error")] == ["Enter a date like 2026-07-01."]
    assert box.find("input", name="start_date").attrs["value"] == "31/31/2026"
    # The wrong answer is the only one marked: nothing is "required" on the way to a draft.
    assert errors_on_page(response) == ["Enter a date like 2026-07-01."]
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Your draft is saved, except the answers marked below")
    assert "Start date" in message and "Your position" not in message
    application.refresh_from_db()
    assert (application.host_organisation, application.position, application.start_date) == (
        "Plain Robotics",
        "Intern",
        None,
    )


@pytest.mark.urls("tests.portal.journey_urls")
def test_later_keeps_an_answer_that_only_fails_with_another(client, draft):
    application = draft("subsidies")
    data = {"start_date": "2026-08-01", "end_date": "2026-07-01", "later": "1"}
    response = client.post(details_url("subsidies", application), data)
    assert errors_on_page(response) == ["The end date must be on or after the start date."]
    application.refresh_from_db()
    assert (application.start_date, application.end_date) == (datetime.date(2026, 8, 1), None)


@pytest.mark.urls("tests.portal.journey_urls")
@pytest.mark.parametrize("scheme", SCHEMES)
def test_continue_still_needs_every_answer(client, draft, scheme):
    application = draft(scheme)
    response = client.post(details_url(scheme, application), {"host_organisation": "Plain Robotics"})
    assert response.status_code == 200
    errors = errors_on_page(response)
    assert len(errors) == len(LABELS) - 1 and all(error.startswith(REQUIRED_ERRORS) for error in errors)
    application.refresh_from_db()
    assert application.host_organisation == ""  # "Continue" stores all or nothing


@pytest.mark.urls("tests.portal.journey_urls")
@pytest.mark.parametrize("scheme", SCHEMES)
def test_an_incomplete_draft_is_not_submitted_and_the_page_says_what_is_missing(
    client, draft, scheme, django_capture_on_commit_callbacks
):
    application = draft(scheme)
    client.post(details_url(scheme, application), {"host_organisation": "Plain Robotics", "later": "1"})
    upload = SimpleUploadedFile("proof.pdf", PDF, content_type="application/pdf")
    client.post(details_url(scheme, application, "documents"), {"file": upload})

    check = client.get(details_url(scheme, application, "check"))
    notice = parse(check.content).find("div", cls="notice").text
    assert "Still to fill in: Base where you intern, Your position" in notice
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(details_url(scheme, application, "check"))
    assert response.status_code == 200
    errors = parse(response.content).find("div", cls="form-errors").text
    assert "Complete the details first. Still to fill in: Base where you intern, Your position" in errors
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.submitted_at is None
    assert not mail.outbox
