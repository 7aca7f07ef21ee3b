"""My applications: the list, one application with its timeline, answering staff, withdrawing."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubators.models import Incubator
from portal.applications.services import attach_document
from portal.applications.workflow import perform
from portal.models import Status, StatusChange
from subsidies.models import SubsidyApplication, add_months
from tests.markup import parse
from tests.pdfs import blank_pdf
from tests.people import create_applicant, create_staff

PDF = blank_pdf()
QUESTION = "Please send the signed internship agreement, not the offer letter."


def pdf(name="proof.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def new_application(owner, **fields) -> SubsidyApplication:
    defaults = {
        "host_base": Incubator.objects.published().first(),
        "host_organisation": "Bright Robotics Ltd",
        "position": "Engineering intern",
        "start_date": datetime.date(2026, 7, 1),
        "end_date": datetime.date(2026, 9, 30),
        "bank_account_name": "CHAN Tai Man",
        "bank_name": "HSBC",
        "bank_account_number": "004123456789001",
    }
    return SubsidyApplication.objects.create(applicant=owner, **{**defaults, **fields})


def submitted(owner) -> SubsidyApplication:
    application = new_application(owner)
    attach_document(application, pdf(), kind="proof", user=owner)
    perform(application, "submit", actor=owner, expected_status=Status.DRAFT)
    return application


@pytest.fixture
def applicant(db, django_user_model):
    return create_applicant("owner@example.com")


@pytest.fixture
def reviewer(db, django_user_model):
    return create_staff("rita", "reviewer", first_name="Rita", last_name="Reviewer")


@pytest.fixture
def approver(db, django_user_model):
    return create_staff("alan", "approver")


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def asked(applicant, reviewer):
    """An application on which staff asked for more information."""
    application = submitted(applicant)
    perform(application, "start_review", actor=reviewer, expected_status=Status.SUBMITTED)
    perform(application, "request_info", actor=reviewer, note=QUESTION, expected_status=Status.IN_REVIEW)
    return application


# The list


def test_the_list_needs_signing_in(client, db):
    response = client.get(reverse("applications:list"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_the_list_shows_only_my_own_applications(signed_in, applicant, django_user_model):
    mine = submitted(applicant)
    theirs = submitted(create_applicant("other@example.com"))
    page = parse(signed_in.get(reverse("applications:list")).content)
    text = page.find("main").text
    assert mine.reference in text and theirs.reference not in text
    card = page.find("li", cls="card")
    assert "Internship subsidy application" in card.text
    assert card.find("span", cls="status").text == "Submitted"
    assert timezone.localtime(mine.submitted_at).strftime("%Y-%m-%d") in card.text


def test_the_list_says_what_to_do_next_for_each_status(signed_in, applicant, asked):
    draft = new_application(applicant)
    page = parse(signed_in.get(reverse("applications:list")).content)
    cards = {card.find("span", cls="reference").text: card for card in page.find_all("li", cls="card")}
    assert cards[draft.reference].find("dd", cls="next-step").text == "Finish your application and submit it."
    assert reverse("subsidies:apply_details", args=[draft.reference]) in cards[draft.reference].links()
    assert cards[asked.reference].find("dd", cls="next-step").text.startswith("Answer our question")
    assert reverse("applications:respond", args=[asked.reference]) in cards[asked.reference].links()


def test_the_list_is_paginated_by_twenty(signed_in, applicant):
    for _ in range(25):
        new_application(applicant)
    first = parse(signed_in.get(reverse("applications:list")).content)
    assert len(first.find_all("li", cls="card")) == 20
    assert "?page=2" in first.find("nav", cls="pagination").links()
    second = parse(signed_in.get(reverse("applications:list") + "?page=2").content)
    assert len(second.find_all("li", cls="card")) == 5


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("applications:list")).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_queries_for_one_or_thirty_applications(signed_in, applicant, reviewer):
    submitted(applicant)
    one = _list_queries(signed_in)
    for n in range(29):
        # Each for its own month: the same months could not be claimed twice.
        month = add_months(datetime.date(2023, 1, 1), n)
        application = new_application(
            applicant, start_date=month, end_date=month + datetime.timedelta(days=20)
        )
        if n % 3 == 0:
            attach_document(application, pdf(), kind="proof", user=applicant)
            perform(application, "submit", actor=applicant, expected_status=Status.DRAFT)
        if n % 5 == 0 and application.status == Status.SUBMITTED:
            perform(application, "start_review", actor=reviewer)
            perform(application, "request_info", actor=reviewer, note="Which team?")
    assert _list_queries(signed_in) == one


# One application


def test_the_status_card_shows_the_question_while_it_waits_for_an_answer(signed_in, asked, reviewer):
    # Asked twice: the card shows the latest question.
    signed_in.post(reverse("applications:respond", args=[asked.reference]), {"message": "Here it is."})
    perform(asked, "start_review", actor=reviewer)
    perform(asked, "request_info", actor=reviewer, note="And the stamp page, please.")
    url = reverse("applications:detail", args=[asked.reference])
    card = parse(signed_in.get(url).content).find("section", aria_labelledby="status-title")
    assert card.find("blockquote", cls="staff-question").text == "And the stamp page, please."
    assert "What we asked" in card.text

    signed_in.post(reverse("applications:respond", args=[asked.reference]), {"message": "Attached."})
    card = parse(signed_in.get(url).content).find("section", aria_labelledby="status-title")
    assert card.find_all("blockquote", cls="staff-question") == []


def test_the_detail_shows_status_details_documents_and_timeline(signed_in, asked):
    page = parse(signed_in.get(reverse("applications:detail", args=[asked.reference])).content)
    main = page.find("main")
    assert main.find("span", cls="status").text == "More information needed"
    assert "Bright Robotics Ltd" in main.text and "Engineering intern" in main.text
    document = asked.documents.get()
    assert reverse("documents:download", args=[document.pk]) in main.links()
    items = main.find("ol", cls="timeline").find_all("li", cls="timeline-item")
    statuses = [item.find("strong").text for item in items]
    assert statuses == ["Submitted", "In review", "More information needed"]
    assert QUESTION in items[2].text
    assert "By Futian Youth Portal staff" in items[2].text and "By you" in items[0].text
    # Staff are not named to applicants.
    assert "rita" not in main.text.lower() and "Reviewer" not in main.text
    assert reverse("applications:respond", args=[asked.reference]) in main.links()
    assert reverse("applications:withdraw", args=[asked.reference]) in main.links()


def test_another_applicant_gets_404_on_every_application_url(client, django_user_model, asked):
    client.force_login(create_applicant("other@example.com"))
    for name in ("applications:detail", "applications:respond", "applications:withdraw"):
        assert client.get(reverse(name, args=[asked.reference])).status_code == 404, name
    for name in ("applications:respond", "applications:withdraw"):
        url = reverse(name, args=[asked.reference])
        assert client.post(url, {"message": "Hi", "reason": "x"}).status_code == 404, name
    asked.refresh_from_db()
    assert asked.status == Status.MORE_INFO


def test_staff_see_applications_in_the_admin_not_here(client, approver, asked):
    client.force_login(approver)
    assert client.get(reverse("applications:detail", args=[asked.reference])).status_code == 404


def test_an_approved_subsidy_shows_its_payment_schedule(signed_in, applicant, reviewer, approver):
    application = submitted(applicant)
    perform(application, "start_review", actor=reviewer)
    perform(application, "approve", actor=approver)
    first = application.payments.get(period=1)
    first.paid_at = datetime.datetime(2026, 8, 5, 10, tzinfo=datetime.UTC)
    first.save()
    page = parse(signed_in.get(reverse("applications:detail", args=[application.reference])).content)
    rows = page.find("table", cls="table").find("tbody").find_all("tr")
    assert [row.find("th").text for row in rows] == ["2026-07", "2026-08", "2026-09"]
    assert [row.find_all("td")[0].text for row in rows] == ["2,500"] * 3
    assert rows[0].find_all("td")[1].text == "Paid on 2026-08-05"
    assert rows[1].find_all("td")[1].text == "Not yet paid"
    assert not page.find("main").find_all("a", cls="button")  # nothing left for the applicant to do


def test_a_draft_detail_offers_to_continue(signed_in, applicant):
    draft = new_application(applicant)
    page = parse(signed_in.get(reverse("applications:detail", args=[draft.reference])).content)
    assert reverse("subsidies:apply_details", args=[draft.reference]) in page.find("main").links()


# Answering "more information needed"


def test_the_respond_page_shows_the_question(signed_in, asked):
    page = parse(signed_in.get(reverse("applications:respond", args=[asked.reference])).content)
    assert QUESTION in page.find("main").text
    assert page.find("input", name="files").attrs.get("multiple") is not None


def test_an_answer_needs_a_message_and_changes_nothing_without(signed_in, asked):
    url = reverse("applications:respond", args=[asked.reference])
    response = signed_in.post(url, {"message": "   ", "files": [pdf("agreement.pdf")]})
    assert response.status_code == 200
    assert parse(response.content).find(id_="id_message_error").text == "Write your answer."
    asked.refresh_from_db()
    assert asked.status == Status.MORE_INFO and asked.documents.count() == 1


def test_an_answer_with_documents_is_sent_in_one_go(
    signed_in, asked, applicant, django_capture_on_commit_callbacks
):
    url = reverse("applications:respond", args=[asked.reference])
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            url,
            {"message": "Here is the signed agreement.", "files": [pdf("agreement.pdf"), pdf("stamp.pdf")]},
        )
    assert response.status_code == 302 and response.url == asked.get_absolute_url()
    asked.refresh_from_db()
    assert asked.status == Status.RESUBMITTED
    answers = asked.documents.filter(kind="response").order_by("original_name")
    assert [d.original_name for d in answers] == ["agreement.pdf", "stamp.pdf"]
    assert {d.uploaded_by_id for d in answers} == {applicant.pk}
    change = asked.changes.last()
    assert (change.action, change.note, change.by_staff) == (
        "resubmit",
        "Here is the signed agreement.",
        False,
    )
    # The applicant wrote the answer themselves: no email tells them so.
    assert mail.outbox == []
    # A second click finds nothing to answer and stores nothing.
    again = signed_in.post(url, {"message": "Here is the signed agreement.", "files": [pdf("again.pdf")]})
    assert again.status_code == 302
    assert asked.documents.count() == 3 and asked.changes.filter(action="resubmit").count() == 1


def test_an_answer_with_a_refused_file_names_it_and_stores_nothing(signed_in, asked, private_media):
    files_before = {p for p in private_media.rglob("*") if p.is_file()}
    url = reverse("applications:respond", args=[asked.reference])
    bad = SimpleUploadedFile("setup.pdf", b"MZ\x90\x00 executable", content_type="application/pdf")
    response = signed_in.post(url, {"message": "See attached.", "files": [pdf("agreement.pdf"), bad]})
    assert response.status_code == 200
    error = parse(response.content).find(id_="id_files_error").text
    assert error == "setup.pdf: Upload a PDF, JPEG or PNG file."
    asked.refresh_from_db()
    assert asked.status == Status.MORE_INFO and asked.documents.count() == 1
    assert {p for p in private_media.rglob("*") if p.is_file()} == files_before


def test_a_failed_answer_leaves_no_file_behind(asked, applicant, private_media, monkeypatch):
    """If the status change fails after the files were written, the files go with the rolled-back rows."""
    from django.core.exceptions import ValidationError

    from portal.applications import services

    files_before = {p for p in private_media.rglob("*") if p.is_file()}

    def refuse(*args, **kwargs):
        raise ValidationError("refused")

    monkeypatch.setattr(services.workflow, "perform", refuse)
    with pytest.raises(ValidationError):
        services.respond(asked, message="Here.", uploads=[pdf("a.pdf"), pdf("b.pdf")], user=applicant)
    assert asked.documents.count() == 1
    assert {p for p in private_media.rglob("*") if p.is_file()} == files_before


def test_respond_when_nothing_was_asked_goes_back_to_the_application(signed_in, applicant):
    application = submitted(applicant)
    url = reverse("applications:respond", args=[application.reference])
    response = signed_in.post(url, {"message": "Hi"})
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


# Withdrawing


def test_withdraw_asks_first_then_withdraws(signed_in, applicant):
    application = submitted(applicant)
    url = reverse("applications:withdraw", args=[application.reference])
    page = parse(signed_in.get(url).content)
    assert page.find("form").attrs["method"] == "post"
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED  # a GET changes nothing

    response = signed_in.post(url, {"reason": "I found another internship."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN and application.decided_at is not None
    change = application.changes.last()
    assert (change.action, change.note) == ("withdraw", "I found another internship.")

    again = signed_in.post(url, {"reason": ""})
    assert again.status_code == 302
    assert application.changes.filter(action="withdraw").count() == 1


def test_a_decided_application_cannot_be_withdrawn(signed_in, applicant, reviewer, approver):
    application = submitted(applicant)
    perform(application, "start_review", actor=reviewer)
    perform(application, "reject", actor=approver, note="The base is not one of ours.")
    url = reverse("applications:withdraw", args=[application.reference])
    response = signed_in.post(url, {"reason": ""}, follow=True)
    assert "can no longer be withdrawn" in parse(response.content).find("div", cls="messages").text
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert StatusChange.objects.filter(application=application, action="withdraw").count() == 0


def test_the_pages_have_a_title_breadcrumb_and_description(signed_in, asked):
    urls = [reverse("applications:list")] + [
        reverse(name, args=[asked.reference])
        for name in ("applications:detail", "applications:respond", "applications:withdraw")
    ]
    for url in urls:
        page = parse(signed_in.get(url).content)
        assert page.find("title").text.split(" | ")[0].strip(), url
        assert page.find("meta", name="description").attrs["content"], url
        assert page.find("nav", cls="breadcrumb").find("span", aria_current="page").text, url
        assert len(page.find_all("h1")) == 1, url
