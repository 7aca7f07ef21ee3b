"""The internship subsidy journey through the test client: start → details → documents → check → done."""

import io
import threading
import time
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from PIL import Image

from incubators.models import Incubator
from portal.applications.services import start_draft
from portal.applications.workflow import perform
from portal.models import Consent, Document, Status, StatusChange
from subsidies.models import SubsidyApplication
from tests.markup import parse
from tests.pdfs import blank_pdf
from tests.people import create_applicant

PDF = blank_pdf()
DETAILS = {
    "host_organisation": "Bright Robotics Ltd",
    "position": "Engineering intern",
    "start_date": "2026-07-01",
    "end_date": "2026-09-30",
    "bank_account_name": "CHAN Tai Man",
    "bank_name": "Bank of China (Hong Kong)",
    "bank_account_number": "012-875-6001234-5",
}


@pytest.fixture
def applicant(db, django_user_model):
    return create_applicant("tai.man@example.com")


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def base():
    return Incubator.objects.published().first()


def pdf_upload(name="offer-letter.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def start(client) -> SubsidyApplication:
    response = client.post(reverse("subsidies:apply"))
    assert response.status_code == 302
    return SubsidyApplication.objects.get(reference=response.url.rstrip("/").split("/")[-1])


def fill_in(client, application, base, **changes):
    data = {"host_base": base.pk, **DETAILS, **changes}
    return client.post(reverse("subsidies:apply_details", args=[application.reference]), data)


def ready_to_submit(client, base) -> SubsidyApplication:
    application = start(client)
    assert fill_in(client, application, base).status_code == 302
    url = reverse("subsidies:apply_documents", args=[application.reference])
    assert client.post(url, {"file": pdf_upload()}).status_code == 302
    return application


def field_errors(response, name) -> list[str]:
    """The error messages shown with field `name`, and tied to its input by aria-describedby."""
    page = parse(response.content)
    boxes = page.find_all(id_=f"id_{name}_error")
    if boxes:
        assert f"id_{name}_error" in page.find(name=name).attrs.get("aria-describedby", "").split()
    return [p.text for box in boxes for p in box.find_all("p", cls="error")]


# Start


def test_start_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("subsidies:apply"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_start_without_a_profile_sends_to_the_profile_and_back(client, django_user_model, db):
    user = django_user_model.objects.create_user(username="new@example.com", email="new@example.com")
    client.force_login(user)
    response = client.post(reverse("subsidies:apply"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("profile:edit"))
    assert "next=%2Fen%2Fsubsidies%2Fapply%2F" in response.url
    assert not SubsidyApplication.objects.exists()


def test_applying_needs_the_consents_of_the_current_privacy_notice(signed_in, applicant, base, settings):
    application = ready_to_submit(signed_in, base)
    settings.PRIVACY_NOTICE_VERSION = "2099-01"  # a new notice: the consents given are for the old one
    check = reverse("subsidies:apply_check", args=[application.reference])
    for url in (reverse("subsidies:apply"), check):
        response = signed_in.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('profile:edit')}?{urlencode({'next': url})}"
    assert signed_in.post(check).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    Consent.record(applicant, {kind: True for kind in Consent.Kind.values})
    assert signed_in.post(check).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_start_page_shows_the_tier_and_amount_from_the_profile(signed_in):
    response = signed_in.get(reverse("subsidies:apply"))
    assert response.status_code == 200
    text = parse(response.content).find("main").text
    assert "Master's degree" in text
    assert "RMB 2,500 a month" in text


def test_starting_twice_makes_one_draft(signed_in, applicant):
    first = start(signed_in)
    second = start(signed_in)
    assert first.pk == second.pk
    assert SubsidyApplication.objects.filter(applicant=applicant).count() == 1
    assert first.status == Status.DRAFT and first.reference.startswith(f"FT-{first.created_at:%Y}-")


def test_start_draft_reuses_the_draft_but_not_a_submitted_application(applicant, base):
    draft, created = start_draft(SubsidyApplication, applicant=applicant)
    again, created_again = start_draft(SubsidyApplication, applicant=applicant)
    assert created and not created_again and again.pk == draft.pk
    SubsidyApplication.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    newer, created_newer = start_draft(SubsidyApplication, applicant=applicant)
    assert created_newer and newer.pk != draft.pk


# Details


def test_details_with_the_end_before_the_start_are_refused_next_to_the_field(signed_in, base):
    application = start(signed_in)
    response = fill_in(signed_in, application, base, start_date="2026-09-01", end_date="2026-08-01")
    assert response.status_code == 200
    assert field_errors(response, "end_date") == ["The end date must be on or after the start date."]
    application.refresh_from_db()
    assert application.start_date is None and application.host_organisation == ""


def test_details_longer_than_the_scheme_pays_are_refused(signed_in, base):
    application = start(signed_in)
    response = fill_in(signed_in, application, base, start_date="2026-01-01", end_date="2027-06-30")
    errors = field_errors(response, "end_date")
    assert len(errors) == 1 and "at most 12 months" in errors[0] and "covers 18" in errors[0]
    application.refresh_from_db()
    assert application.end_date is None


def test_details_only_offer_published_bases(signed_in, base):
    hidden = Incubator.objects.exclude(pk=base.pk).first()
    Incubator.objects.filter(pk=hidden.pk).update(is_published=False)
    application = start(signed_in)
    response = fill_in(signed_in, application, base, host_base=hidden.pk)
    assert field_errors(response, "host_base") == ["Choose a base from the list."]


def test_details_are_saved_as_a_draft_to_finish_later(signed_in, base):
    application = start(signed_in)
    response = fill_in(signed_in, application, base, later="1")
    assert response.status_code == 302 and response.url == reverse("applications:list")
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.position == "Engineering intern"
    listing = parse(signed_in.get(reverse("applications:list")).content)
    assert reverse("subsidies:apply_details", args=[application.reference]) in listing.links()


# Documents


def test_documents_are_listed_and_removed_while_draft(
    signed_in, private_media, django_capture_on_commit_callbacks
):
    application = start(signed_in)
    url = reverse("subsidies:apply_documents", args=[application.reference])
    signed_in.post(url, {"file": pdf_upload()})
    document = Document.objects.get(application=application)
    assert document.kind == "proof" and document.content_type == "application/pdf"
    page = parse(signed_in.get(url).content)
    assert reverse("documents:download", args=[document.pk]) in page.links()
    stored = private_media / document.file.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, {"remove": document.pk})
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not stored.exists()


def test_a_refused_upload_shows_the_reason_next_to_the_field(signed_in):
    application = start(signed_in)
    url = reverse("subsidies:apply_documents", args=[application.reference])
    response = signed_in.post(url, {"file": SimpleUploadedFile("cv.docx", b"PK\x03\x04 not a pdf")})
    assert response.status_code == 200
    assert field_errors(response, "file") == ["Upload a PDF, JPEG or PNG file."]
    assert not Document.objects.exists()


# Check and submit


def test_check_page_shows_the_amount_from_the_profile_degree(signed_in, base):
    application = ready_to_submit(signed_in, base)
    response = signed_in.get(reverse("subsidies:apply_check", args=[application.reference]))
    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("dd", cls="amount-monthly").text == "RMB 2,500"
    assert page.find("dd", cls="amount-months").text == "3"
    assert page.find("dd", cls="amount-total").text == "RMB 7,500"
    text = page.find("main").text
    assert "A•••••63" in text and "A1234563" not in text  # the id number is masked
    assert "offer-letter.pdf" in text and "Bright Robotics Ltd" in text
    changes = page.links()
    for step in ("subsidies:apply_details", "subsidies:apply_documents"):
        assert reverse(step, args=[application.reference]) in changes


def test_the_amount_follows_the_profile_not_the_form(signed_in, base, applicant):
    applicant.profile.education = "doctorate"
    applicant.profile.save()
    application = ready_to_submit(signed_in, base)
    check = reverse("subsidies:apply_check", args=[application.reference])
    forged = {"monthly_amount": "99999", "total": "1", "months": "12", "degree": "associate"}
    response = signed_in.post(check, forged)
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.degree, application.monthly_amount, application.months, application.total) == (
        "doctorate",
        4500,
        3,
        13500,
    )


def test_full_journey_submits_once_and_emails_the_applicant_in_their_language(
    signed_in, base, applicant, django_capture_on_commit_callbacks
):
    applicant.profile.language = "zh-hans"
    applicant.profile.save()
    application = ready_to_submit(signed_in, base)
    check = reverse("subsidies:apply_check", args=[application.reference])
    done = reverse("subsidies:apply_done", args=[application.reference])

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(check)
    assert response.status_code == 302 and response.url == done
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.submitted_at is not None
    assert (application.monthly_amount, application.months, application.total) == (2500, 3, 7500)

    page = parse(signed_in.get(done).content)
    assert page.find("p", cls="reference").text == application.reference
    assert "What happens next" in page.find("main").text

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["tai.man@example.com"]
    assert application.reference in email.subject
    # Written in the applicant's language (zh-hans), not the page's (en): the status and the link.
    with translation.override("zh-hans"):
        status_label = str(Status.SUBMITTED.label)
    assert status_label != "Submitted" and status_label in email.subject
    assert f"/zh-hans/applications/{application.reference}/" in email.body

    # A second click: nothing new, a clear message, and the confirmation again.
    with django_capture_on_commit_callbacks(execute=True):
        again = signed_in.post(check, follow=True)
    assert again.redirect_chain == [(done, 302)]
    assert f"Application {application.reference} is already submitted." in parse(again.content).text
    assert StatusChange.objects.filter(application=application).count() == 1
    assert len(mail.outbox) == 1


def test_a_submit_racing_another_lands_on_the_confirmation(signed_in, base, monkeypatch):
    """Both requests saw a draft; the other one won the lock and submitted first."""
    from portal.applications import journey

    application = ready_to_submit(signed_in, base)

    def other_request_first(app, action, **kwargs):
        perform(SubsidyApplication.objects.get(pk=app.pk), action, **kwargs)
        return perform(app, action, **kwargs)  # refused: the status is no longer "draft"

    monkeypatch.setattr(journey, "perform", other_request_first)
    response = signed_in.post(reverse("subsidies:apply_check", args=[application.reference]), follow=True)
    assert response.redirect_chain == [(reverse("subsidies:apply_done", args=[application.reference]), 302)]
    assert f"Application {application.reference} is already submitted." in parse(response.content).text
    assert StatusChange.objects.filter(application=application).count() == 1


def test_submitting_without_proof_says_so_and_changes_nothing(signed_in, base):
    application = start(signed_in)
    fill_in(signed_in, application, base)
    response = signed_in.post(reverse("subsidies:apply_check", args=[application.reference]))
    assert response.status_code == 200
    assert "Upload proof of your internship." in parse(response.content).find("div", cls="form-errors").text
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert not StatusChange.objects.exists() and not mail.outbox


def test_check_page_of_an_unfinished_draft_says_what_is_missing(signed_in):
    application = start(signed_in)
    response = signed_in.get(reverse("subsidies:apply_check", args=[application.reference]))
    assert response.status_code == 200
    assert "Fill in the internship dates first." in parse(response.content).find("main").text
    response = signed_in.post(reverse("subsidies:apply_check", args=[application.reference]))
    errors = parse(response.content).find("div", cls="form-errors").text
    assert "Complete the details first. Still to fill in: Base where you intern, Host organisation" in errors
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_a_submitted_application_can_no_longer_be_edited(signed_in, base):
    application = ready_to_submit(signed_in, base)
    signed_in.post(reverse("subsidies:apply_check", args=[application.reference]))
    for name in ("subsidies:apply_details", "subsidies:apply_documents", "subsidies:apply_check"):
        response = signed_in.get(reverse(name, args=[application.reference]))
        assert response.status_code == 302 and response.url == application.get_absolute_url(), name
    response = fill_in(signed_in, application, base, position="Changed")
    assert response.status_code == 302
    url = reverse("subsidies:apply_documents", args=[application.reference])
    signed_in.post(url, {"file": pdf_upload("late.pdf")})
    application.refresh_from_db()
    assert application.position == "Engineering intern"
    assert application.documents.count() == 1


def test_the_done_page_of_a_draft_goes_back_to_the_check_page(signed_in):
    application = start(signed_in)
    response = signed_in.get(reverse("subsidies:apply_done", args=[application.reference]))
    assert response.url == reverse("subsidies:apply_check", args=[application.reference])


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_applicant_gets_404_on_every_journey_url(client, django_user_model, signed_in, base, method):
    application = ready_to_submit(signed_in, base)
    document = application.documents.get()
    intruder = create_applicant("intruder@example.com")
    client.force_login(intruder)
    names = ["subsidies:apply_details", "subsidies:apply_documents", "subsidies:apply_check"]
    for name in names + (["subsidies:apply_done"] if method == "get" else []):
        url = reverse(name, args=[application.reference])
        data = {"remove": document.pk, "file": pdf_upload(), "host_base": base.pk, **DETAILS}
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code == 404, (name, response.status_code)
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.documents.count() == 1


def test_staff_do_not_reach_an_applicants_journey(client, django_user_model, signed_in, base):
    application = start(signed_in)
    reviewer = django_user_model.objects.create_user(username="rita", email="rita@x.example", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="approver"))
    client.force_login(reviewer)
    assert client.get(reverse("subsidies:apply_details", args=[application.reference])).status_code == 404


def test_the_journey_pages_have_a_title_breadcrumb_and_description(signed_in, base):
    def check(url):
        page = parse(signed_in.get(url).content)
        assert page.find("title").text.split(" | ")[0].strip(), url
        assert page.find("meta", name="description").attrs["content"], url
        assert page.find("nav", cls="breadcrumb").find("span", aria_current="page").text, url
        assert len(page.find_all("h1")) == 1, url

    application = ready_to_submit(signed_in, base)
    check(reverse("subsidies:apply"))
    for name in ("subsidies:apply_details", "subsidies:apply_documents", "subsidies:apply_check"):
        check(reverse(name, args=[application.reference]))
    perform(application, "submit", actor=application.applicant)
    check(reverse("subsidies:apply_done", args=[application.reference]))


def test_pages_do_not_answer_other_methods(signed_in):
    assert signed_in.put(reverse("subsidies:apply")).status_code == 405


def _png(size=(8, 8)):
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format="PNG")
    return out.getvalue()


def test_an_image_proof_is_accepted(signed_in):
    application = start(signed_in)
    url = reverse("subsidies:apply_documents", args=[application.reference])
    signed_in.post(url, {"file": SimpleUploadedFile("letter.png", _png(), content_type="image/png")})
    assert application.documents.get().content_type == "image/png"


@pytest.mark.django_db(transaction=True)
def test_two_clicks_on_start_at_the_same_moment_make_one_draft(django_user_model, monkeypatch):
    """Two requests racing: the second waits for the first's lock, then finds its draft.

    SQLite has no row locks (it runs one writer at a time), so there the clicks come one after
    the other; on PostgreSQL (CI, make test-pg) they really race in two threads.
    """
    user = create_applicant("racer@example.com")
    if connection.vendor != "postgresql":
        results = [start_draft(SubsidyApplication, applicant=user)[1] for _click in range(2)]
        assert results == [True, False]
        assert SubsidyApplication.objects.filter(applicant=user).count() == 1
        return
    save = SubsidyApplication.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)  # widen the window in which an unlocked second request would create another
        return save(self, *args, **kwargs)

    monkeypatch.setattr(SubsidyApplication, "save", slow_save)
    barrier, results = threading.Barrier(2), []

    def click():
        try:
            barrier.wait()
            results.append(start_draft(SubsidyApplication, applicant=user)[1])
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert SubsidyApplication.objects.filter(applicant=user).count() == 1
