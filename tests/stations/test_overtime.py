"""The overtime station: proof of work in Hetao once, then a room tonight confirmed at once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lodging.stations.models import HetaoWorkProof, OvertimeStay, StationRules
from lodging.stations.services import book_tonight
from portal.applications.workflow import perform
from portal.models import Application, Status
from tests.markup import parse
from tests.pdfs import blank_pdf
from tests.people import create_applicant
from tests.stations.helpers import OVERTIME, proof, room_type, staff


def messages_text(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


def test_tonight_without_a_proof_sends_to_the_proof(signed_in, hotel):
    response = signed_in.get(reverse("stations:tonight"))
    assert response.url == reverse("stations:proof:apply")
    assert "proof of work in the Hetao zone" in messages_text(response)


def test_the_proof_is_only_for_profiles_working_in_hetao(signed_in, applicant):
    main = parse(signed_in.get(reverse("stations:proof:apply")).content).find("main")
    assert "does not say that you work in the Hetao" in main.text
    links = [a.attrs["href"] for a in main.find_all("a") if a.text.strip() == "Change your profile"]
    assert links and links[0].startswith(reverse("profile:edit") + "?next=")
    assert not main.find_all("form")
    # Even a draft made another way cannot be sent.
    draft = HetaoWorkProof.objects.create(applicant=applicant, employer="A", work_address="B")
    with pytest.raises(ValidationError, match="working in the Hetao zone"):
        perform(draft, "submit", actor=applicant)


def test_proof_journey_then_a_room_tonight_confirmed_at_once(
    signed_in, applicant, hotel, django_capture_on_commit_callbacks
):
    applicant.profile.works_in_hetao = True
    applicant.profile.save()
    response = signed_in.post(reverse("stations:proof:apply"))
    proof_ = HetaoWorkProof.objects.get(applicant=applicant)
    assert response.url == reverse("stations:proof:apply_details", args=[proof_.reference])
    details = {"employer": "Hetao Quantum Ltd", "work_address": "8 Hetao Road, Futian"}
    response = signed_in.post(response.url, details)
    assert response.url == reverse("stations:proof:apply_documents", args=[proof_.reference])
    upload = SimpleUploadedFile("contract.pdf", blank_pdf(), content_type="application/pdf")
    signed_in.post(response.url, {"file": upload})
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("stations:proof:apply_check", args=[proof_.reference]))
    assert response.url == reverse("stations:proof:apply_done", args=[proof_.reference])
    proof_.refresh_from_db()
    assert proof_.status == Status.SUBMITTED

    # Waiting for staff: still no room.
    assert signed_in.get(reverse("stations:tonight")).url == reverse("stations:proof:apply")
    station = parse(signed_in.get(reverse("stations:overtime")).content).find("main").text
    assert proof_.reference in station and "Once staff approve it" in station

    approver = staff()
    perform(proof_, "start_review", actor=approver)
    perform(proof_, "approve", actor=approver)

    page = parse(signed_in.get(reverse("stations:tonight")).content).find("main")
    buttons = [b.text.strip() for b in page.find_all("button")]
    assert buttons == ["Book a room for tonight"]  # one room type: nothing to choose
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("stations:tonight"), {"room_type": hotel.pk})
    stay = OvertimeStay.objects.get(applicant=applicant)
    assert response.url == stay.get_absolute_url()
    assert stay.status == Status.CONFIRMED and stay.night == timezone.localdate()
    assert len(mail.outbox) == 1 and stay.reference in mail.outbox[0].subject
    detail = parse(signed_in.get(stay.get_absolute_url()).content).find("main").text
    assert "Harbour Hotel" in detail and "1 Fubao Road, Futian" in detail and "Free of charge" in detail


def test_an_expired_proof_sends_to_the_proof_again(signed_in, applicant, hotel):
    approved = proof(applicant)
    assert signed_in.get(reverse("stations:tonight")).status_code == 200
    rules = StationRules.for_station(OVERTIME)
    rules.proof_valid_days = 30
    rules.save()
    # Approved 31 days ago: past the office's 30 days.
    Application.objects.filter(pk=approved.pk).update(decided_at=timezone.now() - datetime.timedelta(days=31))
    assert signed_in.get(reverse("stations:tonight")).url == reverse("stations:proof:apply")
    with pytest.raises(ValidationError, match="First, proof of work"):
        book_tonight(applicant=applicant, room_type=hotel)
    assert not OvertimeStay.objects.exists()


def test_full_tonight_is_refused_and_nothing_is_created(signed_in, applicant, hotel):
    other = create_applicant("other@example.com")
    proof(other)
    book_tonight(applicant=other, room_type=hotel)
    proof(applicant)
    main = parse(signed_in.get(reverse("stations:tonight")).content).find("main")
    assert "Every room is taken tonight" in main.text and not main.find_all("button", type="submit")
    response = signed_in.post(reverse("stations:tonight"), {"room_type": hotel.pk}, follow=True)
    assert "This is full" in parse(response.content).find("main").text
    assert not OvertimeStay.objects.filter(applicant=applicant).exists()  # not even a draft


def test_a_second_room_the_same_night_is_refused(signed_in, applicant, hotel):
    proof(applicant)
    second_hotel = room_type(OVERTIME, rooms=5)
    first = book_tonight(applicant=applicant, room_type=hotel)
    response = signed_in.get(reverse("stations:tonight"))
    assert response.url == first.get_absolute_url()
    assert first.reference in messages_text(response)
    with pytest.raises(ValidationError, match="already have an application for the same thing"):
        book_tonight(applicant=applicant, room_type=second_hotel)
    assert OvertimeStay.objects.filter(applicant=applicant).count() == 1


def test_several_hotels_are_a_choice(signed_in, applicant, hotel):
    proof(applicant)
    other = room_type(OVERTIME, rooms=3, hotel="Bamboo Inn")
    main = parse(signed_in.get(reverse("stations:tonight")).content).find("main")
    assert main.find("fieldset").find("legend").text.strip() == "Hotel"
    assert len(main.find_all("input", type="radio")) == 2
    response = signed_in.post(reverse("stations:tonight"), {"room_type": "nonsense"})
    assert "Choose a hotel from the list." in parse(response.content).find("main").text
    signed_in.post(reverse("stations:tonight"), {"room_type": other.pk})
    assert OvertimeStay.objects.get(applicant=applicant).room_type == other


def test_the_room_can_be_cancelled_until_the_office_time(applicant, hotel):
    proof(applicant)
    stay = book_tonight(applicant=applicant, room_type=hotel)
    until = StationRules.for_station(OVERTIME).cancel_until
    assert timezone.localtime(stay.cancel_cutoff()).time() == until
    assert stay.cancel_cutoff().date() == timezone.localdate()


def test_the_proof_admin_shows_until_when_it_is_valid(admin_client_mfa, applicant):
    approved = proof(applicant)
    until = approved.valid_until()
    assert until == approved.decided_at + datetime.timedelta(days=365)
    page = admin_client_mfa.get(reverse("admin:stations_hetaoworkproof_changelist"))
    assert str(timezone.localtime(until).year) in parse(page.content).find("table", id="result_list").text


@pytest.mark.parametrize("step", ["apply_details", "apply_documents", "apply_check", "apply_done"])
def test_someone_elses_proof_is_not_found(client, applicant, step):
    """The proof's pages name it <proof> (lodging/stations/urls.py), which the shared matrix does not
    treat as an object's id: checked here instead."""
    theirs = proof(create_applicant("other@example.com"), actions=())
    url = reverse(f"stations:proof:{step}", args=[theirs.reference])
    client.force_login(applicant)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in (404, 405)  # 405: the page takes no POST, whoever asks
    client.force_login(theirs.applicant)
    assert client.get(url).status_code in (200, 302)
