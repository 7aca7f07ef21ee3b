"""The applicant profile (filled once), consents with their notice version, the data download and
closing the account."""

import datetime
import importlib
import json
import re
import threading
import time

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from incubators.models import Incubator
from portal.accounts.forms import hkid_check_digit, normalise_id_number, normalise_phone
from portal.models import ApplicantProfile, Application, Consent, Document, Status, StatusChange
from subsidies.models import SubsidyApplication
from tests.markup import parse

pytestmark = pytest.mark.django_db

PASSWORD = "harbour-lights-2026"
KINDS = Consent.Kind.values


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def make_user(name="mei", **extra):
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.com", password=PASSWORD, **extra
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def member(db):
    return make_user()


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, **kwargs)


VALID = {
    "name_zh": "陳美美",
    "name_en": "CHAN Mei Mei",
    "date_of_birth": "2001-05-04",
    "id_type": "hkid",
    "id_number": "a123456(3)",
    "phone_region": "HK",
    "phone": "9123 4567",
    "education": "master",
    "institution": "The University of Hong Kong",
    "graduation_year": "2025",
    "situation": "graduate",
    "language": "zh-hant",
    **{kind: "on" for kind in KINDS},
}


def make_profile(user, **changes) -> ApplicantProfile:
    values = {
        "name_zh": "陳美美",
        "name_en": "CHAN Mei Mei",
        "date_of_birth": datetime.date(2001, 5, 4),
        "id_type": "hkid",
        "id_number": "A1234563",
        "phone_region": "HK",
        "phone": "+85291234567",
        "education": "master",
        "institution": "HKU",
        "graduation_year": 2025,
        "situation": "graduate",
        "language": "en",
        **changes,
    }
    return ApplicantProfile.objects.create(user=user, **values)


def field_errors(content, name) -> list[str]:
    """The error messages shown in the same field box as the input named `name`."""
    element = parse(content).find(name=name)
    box = next(node for node in element.ancestors() if "field" in node.classes)
    return [error.text for error in box.find_all("p", cls="error")]


# Identity numbers and phones


@pytest.mark.parametrize(
    "letters, digits, check",
    [("A", "123456", "3"), ("G", "123456", "A"), ("AB", "987654", "3"), ("C", "668668", "9")],
)
def test_hkid_check_digit(letters, digits, check):
    assert hkid_check_digit(letters, digits) == check


@pytest.mark.parametrize(
    "id_type, typed, stored",
    [
        ("hkid", "A123456(3)", "A1234563"),
        ("hkid", "a 123456 (3)", "A1234563"),
        ("hkid", "Ａ１２３４５６（３）", "A1234563"),  # full-width, as Chinese keyboards type it
        ("hkid", "G123456(A)", "G123456A"),
        ("hkid", "AB987654(3)", "AB9876543"),
        ("macau_id", "1234567(8)", "12345678"),
        ("macau_id", "12345678", "12345678"),
        ("travel_permit", "h12345678", "H12345678"),
        ("travel_permit", "M1234567890", "M1234567890"),
        ("passport", "k 1234 5678", "K12345678"),
    ],
)
def test_identity_numbers_are_stored_in_one_form(id_type, typed, stored):
    assert normalise_id_number(id_type, typed) == stored


@pytest.mark.parametrize(
    "id_type, typed, code",
    [
        ("hkid", "A123456(4)", "hkid_check_digit"),
        ("hkid", "AB987654(2)", "hkid_check_digit"),
        ("hkid", "A12345(3)", "id_format"),
        ("hkid", "1234567(8)", "id_format"),
        ("macau_id", "123456(7)", "id_format"),
        ("macau_id", "A1234567", "id_format"),
        ("travel_permit", "X12345678", "id_format"),
        ("travel_permit", "H1234567", "id_format"),
        ("passport", "K12", "id_format"),
        ("passport", "K1234#567", "id_format"),
    ],
)
def test_identity_numbers_of_the_wrong_shape_are_refused(id_type, typed, code):
    with pytest.raises(ValidationError) as caught:
        normalise_id_number(id_type, typed)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "region, typed, stored",
    [
        ("HK", "9123 4567", "+85291234567"),
        ("HK", "+852 9123-4567", "+85291234567"),
        ("MO", "6612 3456", "+85366123456"),
        ("CN", "138 0013 8000", "+8613800138000"),
    ],
)
def test_phone_numbers_valid_for_their_region_are_stored_internationally(region, typed, stored):
    assert normalise_phone(region, typed) == stored


@pytest.mark.parametrize(
    "region, typed",
    [
        ("HK", "1234 5678"),  # no Hong Kong number starts with 1
        ("HK", "9123 456"),  # seven digits
        ("HK", "138 0013 8000"),  # a Mainland mobile under Hong Kong
        ("MO", "9123 4567"),
        ("CN", "9123 4567"),
        ("HK", "call me"),
    ],
)
def test_phone_numbers_not_valid_for_their_region_are_refused(region, typed):
    with pytest.raises(ValidationError):
        normalise_phone(region, typed)


# The profile form


def test_the_profile_is_filled_once_with_its_consents(signed_in, member):
    response = signed_in.get(url("profile:edit"))
    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("select", name="language").find("option", value="en").attrs.get("selected") is not None
    date = page.find("input", name="date_of_birth")
    assert date.attrs["type"] == "date" and date.attrs["min"] < date.attrs["max"]

    before = timezone.now()
    response = signed_in.post(url("profile:edit"), VALID)
    assert response.status_code == 302
    assert response["Location"] == url("profile:detail")
    profile = ApplicantProfile.objects.get(user=member)
    assert profile.id_number == "A1234563"
    assert profile.phone == "+85291234567"
    assert profile.works_in_hetao is False
    consents = Consent.objects.filter(user=member)
    assert sorted(consents.values_list("kind", flat=True)) == sorted(KINDS)
    for consent in consents:
        assert consent.given and consent.version == "2026-11" and consent.at >= before
    assert Consent.has_current_consents(member)

    page = signed_in.get(response["Location"])
    assert "Your profile is saved." in [str(message) for message in page.context["messages"]]
    assert "A•••••63" in page.content.decode()
    assert "A1234563" not in page.content.decode()
    assert "+852 9123 4567" in page.content.decode()


def test_the_form_shows_the_profile_masked_number_nowhere_in_full_but_its_own_field(signed_in, member):
    make_profile(member)
    page = parse(signed_in.get(url("profile:edit")).content)
    assert page.find("input", name="id_number").attrs["value"] == "A1234563"
    assert page.find("input", name="phone").attrs["value"] == "9123 4567"


def test_errors_are_shown_next_to_their_fields_and_nothing_is_saved(signed_in, member):
    data = {**VALID, "id_number": "A123456(4)", "phone": "1234", "graduation_year": "1900"}
    del data["cross_border"]
    response = signed_in.post(url("profile:edit"), data)
    assert response.status_code == 200
    assert field_errors(response.content, "id_number") == [
        "This Hong Kong identity card number does not add up: check each character, "
        "including the one in brackets."
    ]
    assert field_errors(response.content, "phone") == [
        "This is not a valid phone number for Hong Kong (+852). Check the number, or the region above it."
    ]
    assert field_errors(response.content, "graduation_year")
    assert field_errors(response.content, "cross_border") == [
        "We need this consent: staff in Shenzhen and Hong Kong review every application."
    ]
    assert field_errors(response.content, "name_en") == []
    page = parse(response.content)
    assert page.find(cls="form-errors").attrs["role"] == "alert"
    # What was typed is kept, so only the mistakes need retyping.
    assert page.find("input", name="institution").attrs["value"] == "The University of Hong Kong"
    assert not ApplicantProfile.objects.exists()
    assert not Consent.objects.exists()


def test_errors_on_the_chinese_page(signed_in):
    response = signed_in.post(url("profile:edit", "zh-hant"), {**VALID, "phone": "1234"})
    assert response.status_code == 200
    assert parse(response.content).find("html").attrs["lang"] == "zh-hant"
    assert len(field_errors(response.content, "phone")) == 1
    assert field_errors(response.content, "name_zh") == []


def test_a_number_is_checked_against_its_own_document_type(signed_in, member):
    response = signed_in.post(
        url("profile:edit"), {**VALID, "id_type": "passport", "id_number": "A123456(3)"}
    )
    assert field_errors(response.content, "id_number") == [
        "Enter the passport number: 5 to 20 letters and digits."
    ]
    response = signed_in.post(
        url("profile:edit"), {**VALID, "id_type": "macau_id", "id_number": "1234567(8)"}
    )
    assert response.status_code == 302
    assert ApplicantProfile.objects.get(user=member).id_number == "12345678"


def test_the_date_of_birth_must_be_plausible(signed_in):
    too_young = (timezone.localdate() - datetime.timedelta(days=365 * 10)).isoformat()
    response = signed_in.post(url("profile:edit"), {**VALID, "date_of_birth": too_young})
    assert field_errors(response.content, "date_of_birth") == [
        "Check your date of birth: applicants must be at least 15 years old."
    ]
    response = signed_in.post(url("profile:edit"), {**VALID, "date_of_birth": "1900-01-01"})
    assert field_errors(response.content, "date_of_birth") == [
        "Check your date of birth: the year looks wrong."
    ]


def test_graduation_year_runs_from_1950_to_eight_years_ahead(signed_in):
    last = timezone.localdate().year + 8
    assert signed_in.post(url("profile:edit"), {**VALID, "graduation_year": last + 1}).status_code == 200
    assert signed_in.post(url("profile:edit"), {**VALID, "graduation_year": 1949}).status_code == 200
    assert signed_in.post(url("profile:edit"), {**VALID, "graduation_year": last}).status_code == 302


def test_saving_again_updates_the_one_profile(signed_in, member):
    signed_in.post(url("profile:edit"), VALID)
    signed_in.post(url("profile:edit"), {**VALID, "institution": "HKUST", "works_in_hetao": "on"})
    profile = ApplicantProfile.objects.get(user=member)
    assert (profile.institution, profile.works_in_hetao) == ("HKUST", True)
    assert profile.history.count() == 2


@pytest.mark.parametrize(
    "next_url, expected",
    [
        ("/en/subsidies/apply/", "/en/subsidies/apply/"),
        ("https://evil.example/steal", None),
        ("//evil.example/steal", None),
    ],
)
def test_after_saving_the_applicant_goes_back_only_to_this_site(signed_in, next_url, expected):
    response = signed_in.post(f"{url('profile:edit')}?next={next_url}", VALID)
    assert response["Location"] == (expected or url("profile:detail"))


def test_the_next_url_is_kept_through_a_failed_save(signed_in):
    response = signed_in.post(url("profile:edit"), {**VALID, "phone": "1", "next": "/en/applications/"})
    form = parse(response.content).find("form", cls="profile-form")
    assert form.find("input", name="next").attrs["value"] == "/en/applications/"


def test_profile_pages_need_a_sign_in(client):
    for name in ["profile:detail", "profile:edit", "profile:export", "profile:close"]:
        response = client.get(url(name))
        assert response.status_code == 302
        assert response["Location"].startswith(url("account_login"))


# Consents


def test_consents_are_not_written_again_when_nothing_changed(signed_in, member):
    signed_in.post(url("profile:edit"), VALID)
    signed_in.post(url("profile:edit"), {**VALID, "institution": "HKUST"})
    assert Consent.objects.filter(user=member).count() == 3


def test_a_new_notice_version_asks_for_consent_again_and_records_it(signed_in, member, settings):
    signed_in.post(url("profile:edit"), VALID)
    settings.PRIVACY_NOTICE_VERSION = "2027-03"
    assert not Consent.has_current_consents(member)

    page = parse(signed_in.get(url("profile:edit")).content)
    assert page.find(cls="notice")
    for kind in KINDS:
        assert "checked" not in page.find("input", name=kind).attrs

    signed_in.post(url("profile:edit"), VALID)
    assert Consent.has_current_consents(member)
    rows = Consent.objects.filter(user=member)
    assert rows.count() == 6
    assert sorted(rows.filter(version="2027-03").values_list("kind", flat=True)) == sorted(KINDS)


def test_a_withdrawn_consent_is_recorded_once_and_is_no_longer_current(member):
    Consent.record(member, {kind: True for kind in KINDS})
    written = Consent.record(member, {Consent.Kind.CROSS_BORDER: False})
    assert [(row.kind, row.given) for row in written] == [(Consent.Kind.CROSS_BORDER, False)]
    assert Consent.record(member, {Consent.Kind.CROSS_BORDER: False}) == []
    assert not Consent.has_current_consents(member)
    assert Consent.record(member, {Consent.Kind.PRIVACY_NOTICE: False, Consent.Kind.SENSITIVE_DATA: True})
    # Never given and still not: nothing to record.
    other = make_user("other")
    assert Consent.record(other, {Consent.Kind.CROSS_BORDER: False}) == []


def test_the_profile_page_lists_each_consent_with_its_time_and_version(signed_in, member):
    signed_in.post(url("profile:edit"), VALID)
    text = parse(signed_in.get(url("profile:detail")).content).find(cls="consent-list").text
    assert text.count("(privacy notice version 2026-11)") == 3


# Applications for the export and for closing the account


def make_application(user, *, status=Status.SUBMITTED, organisation="Team A", with_file=False):
    """A subsidy application made directly in the database, with a timeline and a document."""
    application = SubsidyApplication.objects.create(
        applicant=user,
        host_base=Incubator.objects.order_by("pk").first(),
        host_organisation=organisation,
        position="Engineer",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 9, 30),
    )
    Application.objects.filter(pk=application.pk).update(status=status)
    StatusChange.objects.create(
        application=application,
        action="submit",
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        actor=user,
        note="Here is my proof.",
    )
    StatusChange.objects.create(
        application=application,
        action="start_review",
        from_status=Status.SUBMITTED,
        to_status=Status.IN_REVIEW,
        by_staff=True,
        note="",
    )
    document = Document(
        application=application,
        kind="proof",
        original_name="offer letter.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=user,
    )
    if with_file:
        document.file.save("proof.pdf", ContentFile(b"%PDF-1.4\n%%EOF"), save=False)
    else:
        document.file.name = f"applications/{application.pk}/proof.pdf"
    document.save()
    return application


def export(client):
    response = client.get(url("profile:export"))
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_the_export_holds_everything_about_the_applicant(signed_in, member):
    make_profile(member)
    Consent.record(member, {kind: True for kind in KINDS})
    application = make_application(member)
    make_application(make_user("someone-else"), organisation="Someone else's team")

    response, data = export(signed_in)
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]

    assert data["account"]["email"] == "mei@example.com"
    assert data["account"]["date_joined"]
    assert data["profile"]["id_number"] == "A1234563"  # in full: it is their own
    assert data["profile"]["name_zh"] == "陳美美"
    assert data["profile"]["date_of_birth"] == "2001-05-04"
    assert sorted(consent["kind"] for consent in data["consents"]) == sorted(KINDS)
    assert {consent["version"] for consent in data["consents"]} == {"2026-11"}

    [exported] = data["applications"]
    assert exported["reference"] == application.reference
    assert exported["status"] == "submitted"
    assert exported["details"]["host_organisation"] == "Team A"
    assert exported["details"]["start_date"] == "2026-07-01"
    assert exported["details"]["host_base"] == str(application.host_base)
    assert [step["action"] for step in exported["timeline"]] == ["submit", "start_review"]
    assert [step["by"] for step in exported["timeline"]] == ["applicant", "staff"]
    assert exported["documents"] == [
        {
            "kind": "proof",
            "name": "offer letter.pdf",
            "type": "application/pdf",
            "size": 9,
            "uploaded_at": exported["documents"][0]["uploaded_at"],
        }
    ]
    assert "Someone else's team" not in response.content.decode()


def test_the_export_without_a_profile_or_applications(signed_in):
    _response, data = export(signed_in)
    assert data["profile"] is None
    assert data["consents"] == [] and data["applications"] == []


def test_the_export_is_always_the_signed_in_applicants_own(client, member):
    other = make_user("other")
    make_profile(other, id_number="B2345678")  # hypothetical, never shown to mei
    client.force_login(member)
    for attempt in [url("profile:export"), url("profile:export") + f"?user={other.pk}"]:
        response = client.get(attempt)
        assert b"B2345678" not in response.content
        assert json.loads(response.content)["account"]["email"] == "mei@example.com"


def export_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        export(client)
    return len(queries)


def test_the_export_makes_the_same_number_of_queries_however_many_applications(signed_in, member):
    make_profile(member)
    make_application(member)
    one = export_queries(signed_in)
    for n in range(4):
        make_application(member, organisation=f"Team {n}")
    assert export_queries(signed_in) == one


# Closing the account


def test_closing_asks_for_the_password_and_a_wrong_one_changes_nothing(signed_in, member):
    make_profile(member)
    page = parse(signed_in.get(url("profile:close")).content)
    assert page.find("input", name="password").attrs["type"] == "password"
    response = signed_in.post(url("profile:close"), {"password": "not it"})
    assert response.status_code == 200
    assert field_errors(response.content, "password") == ["This is not your password."]
    assert get_user_model().objects.filter(pk=member.pk).exists()
    assert ApplicantProfile.objects.filter(user=member).exists()


def test_closing_deletes_the_person_and_keeps_anonymous_applications(
    signed_in, member, django_capture_on_commit_callbacks
):
    make_profile(member)
    Consent.record(member, {kind: True for kind in KINDS})
    signed_in.post(url("profile:edit"), {**VALID, "institution": "HKUST"})  # history rows with the name
    decided = make_application(member, status=Status.APPROVED, with_file=True)
    undecided = make_application(member, status=Status.IN_REVIEW)
    stored_file = decided.documents.get().file
    assert stored_file.storage.exists(stored_file.name)
    others = make_user("other")
    make_profile(others, id_number="C6686689")
    kept = make_application(others)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url("profile:close"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url("home")
    assert "_auth_user_id" not in signed_in.session
    home = signed_in.get(response["Location"])
    assert "Your account is closed and your personal data deleted. Thank you." in home.content.decode()

    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert not ApplicantProfile.objects.filter(user_id=member.pk).exists()
    assert not ApplicantProfile.history.filter(user_id=member.pk).exists()
    assert not Consent.objects.filter(user_id=member.pk).exists()
    assert not EmailAddress.objects.filter(email="mei@example.com").exists()
    for history in (Application.history, SubsidyApplication.history):
        assert not history.filter(applicant_id=member.pk).exists()

    decided.refresh_from_db()
    undecided.refresh_from_db()
    assert (decided.applicant, decided.status) == (None, Status.APPROVED)
    assert (undecided.applicant, undecided.status) == (None, Status.WITHDRAWN)
    assert decided.host_organisation == "Team A"  # kept for statistics
    assert not Document.objects.filter(application__in=[decided, undecided]).exists()
    assert not stored_file.storage.exists(stored_file.name)
    assert not StatusChange.objects.filter(application=decided).exclude(note="").exists()

    # Someone else's data is untouched.
    assert ApplicantProfile.objects.filter(user=others).exists()
    assert kept.documents.count() == 1
    assert StatusChange.objects.filter(application=kept, note="Here is my proof.").exists()


def test_the_closed_account_cannot_sign_in_again(client, member):
    client.force_login(member)
    client.post(url("profile:close"), {"password": PASSWORD})
    response = client.post(url("account_login"), {"login": "mei@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_cannot_close_their_account_here(client):
    staff = make_user("rita", is_staff=True)
    client.force_login(staff)
    response = client.get(url("profile:close"))
    assert response.status_code == 403
    assert "Ask an administrator" in response.content.decode()
    assert not parse(response.content).find_all("input", name="password")
    response = client.post(url("profile:close"), {"password": PASSWORD})
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=staff.pk).exists()


# One identity document, one account


REGISTERED = (
    "This document number is already registered with another account. If that account is yours, "
    "sign in with it; otherwise, contact the One-stop Service Office."
)


def test_the_database_refuses_a_second_profile_with_the_same_document(member):
    make_profile(member, id_number="A1234563")
    with pytest.raises(IntegrityError), transaction.atomic():
        # Not through the form: an admin edit or an import meets the same rule.
        make_profile(make_user("twin"), id_number="a 123456 (3)")
    # Another kind of document with the same characters is another document.
    make_profile(make_user("traveller"), id_type="passport", id_number="A1234563")
    assert ApplicantProfile.objects.count() == 2


@pytest.mark.parametrize("typed", ["A123456(3)", "a1234563", "A 123456 (3)", "Ａ１２３４５６（３）"])
def test_a_second_account_is_told_the_number_is_registered_without_saying_whose(client, typed):
    holder = make_user("holder")
    make_profile(holder, name_en="HOLDER Secret", id_number="A1234563")
    client.force_login(make_user("twin"))
    response = client.post(url("profile:edit"), {**VALID, "id_number": typed})
    assert response.status_code == 200
    assert field_errors(response.content, "id_number") == [REGISTERED]
    text = response.content.decode()
    assert "holder@example.com" not in text and "HOLDER Secret" not in text
    assert ApplicantProfile.objects.count() == 1
    assert not Consent.objects.filter(user__username="twin").exists()


def test_the_message_is_in_hong_kong_chinese(client):
    make_profile(make_user("holder"))
    client.force_login(make_user("twin"))
    response = client.post(url("profile:edit", "zh-hant"), VALID)
    [message] = field_errors(response.content, "id_number")
    assert "登記" in message and "帳戶" in message and "一站式服務處" in message
    assert not any(word in message for word in ("您", "帳號", "電子郵件"))


def test_the_holder_saves_their_own_number_again(signed_in, member):
    make_profile(member, id_number="A1234563")
    response = signed_in.post(
        url("profile:edit"), {**VALID, "id_number": "a 123456 (3)", "institution": "HKUST"}
    )
    assert response.status_code == 302
    assert ApplicantProfile.objects.get(user=member).institution == "HKUST"


def test_two_accounts_saving_the_same_number_at_once_get_the_form_message(client, monkeypatch):
    """The other account's save lands between this form's check and its insert: the constraint decides."""
    client.force_login(make_user("twin"))
    monkeypatch.setattr("portal.accounts.forms.identity_registered", lambda **kwargs: False)
    make_profile(make_user("holder"), id_number="A1234563")
    response = client.post(url("profile:edit"), VALID)
    assert response.status_code == 200
    assert field_errors(response.content, "id_number") == [REGISTERED]
    assert ApplicantProfile.objects.count() == 1
    assert not Consent.objects.filter(user__username="twin").exists()


def test_closing_an_account_frees_its_number(client):
    holder = make_user("holder")
    make_profile(holder, id_number="A1234563")
    client.force_login(holder)
    client.post(url("profile:close"), {"password": PASSWORD})
    client.force_login(make_user("newcomer"))
    assert client.post(url("profile:edit"), VALID).status_code == 302
    assert ApplicantProfile.objects.get().user.username == "newcomer"


def test_every_example_number_on_the_form_passes_its_own_check():
    from portal.accounts.forms import ID_FORMATS, ProfileForm

    help_text = str(ProfileForm.base_fields["id_number"].help_text)
    examples = {
        "hkid": re.search(r"Hong Kong identity card: (\S+)\.", help_text)[1],
        "macau_id": re.search(r"Macau identity card: (\S+)\.", help_text)[1],
    }
    for id_type, (_pattern, message) in ID_FORMATS.items():
        if match := re.search(r"for example (\S+?)\.?$", str(message)):
            assert examples.setdefault(id_type, match[1]) == match[1]
    assert examples == {"hkid": "A123456(3)", "macau_id": "1234567(8)"}
    for id_type, example in examples.items():
        normalise_id_number(id_type, example)  # raises if the example fails


def test_the_migration_fills_the_number_and_leaves_a_later_duplicate_empty(member):
    migration = importlib.import_module("portal.migrations.0003_profile_one_identity_document")
    first = make_profile(member, id_number="A1234563")
    second = make_profile(make_user("later"), id_number="B1234560")
    ApplicantProfile.objects.update(id_number_normalised="")
    # As the rows were before the constraint: the later one typed the same number by another spelling.
    ApplicantProfile.objects.filter(pk=second.pk).update(id_number="a123456(3)")
    migration.fill_normalised(django_apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.id_number_normalised, second.id_number_normalised) == ("A1234563", "")


# After saving: what to apply for next; one phone format everywhere


def test_after_saving_the_profile_page_offers_what_to_apply_for(signed_in):
    response = signed_in.post(url("profile:edit"), VALID, follow=True)
    panel = parse(response.content).find("section", aria_labelledby="apply-next")
    assert "Internship subsidy application" in panel.text
    assert url("subsidies:apply") in panel.links()


def test_a_draft_is_offered_to_continue_rather_than_started_again(signed_in, member):
    make_profile(member)
    draft = SubsidyApplication.objects.create(applicant=member)
    panel = parse(signed_in.get(url("profile:detail")).content).find("section", aria_labelledby="apply-next")
    assert f"Continue your draft {draft.reference}" in panel.text
    assert url("subsidies:apply_details", args=[draft.reference]) in panel.links()
    assert url("subsidies:apply") not in panel.links()


@pytest.mark.urls("tests.portal.journey_urls")
def test_every_mounted_journey_is_offered(signed_in, member):
    make_profile(member)
    panel = parse(signed_in.get(url("profile:detail")).content).find("section", aria_labelledby="apply-next")
    links = set(panel.links())
    # Every journey started without a target, this URLconf's test scheme included; a standing
    # approval another scheme needs first (Hetao proof, research team, maker membership) is asked
    # for from that scheme's pages, not offered on its own.
    assert {url("plain:apply"), url("subsidies:apply"), url("onestop:agency:apply")} <= links
    assert not links & {url("stations:proof:apply"), url("lab:team:apply"), url("makerlab:member:apply")}


def test_no_offer_before_the_profile_is_filled_in(signed_in):
    page = parse(signed_in.get(url("profile:detail")).content)
    assert page.find_all("section", aria_labelledby="apply-next") == []


@pytest.mark.parametrize(
    "region, stored, shown",
    [
        ("HK", "+85291234567", "+852 9123 4567"),
        ("MO", "+85366123456", "+853 6612 3456"),
        ("CN", "+8613800138000", "+86 138 0013 8000"),
    ],
)
def test_phone_numbers_are_shown_in_one_international_format(region, stored, shown, member):
    assert make_profile(member, phone_region=region, phone=stored).phone_display == shown


def test_the_check_page_and_the_admin_show_the_phone_as_the_profile_page_does(
    client, mfa_staff, make_applicant, make_subsidy_application
):
    applicant = make_applicant("phone")
    Consent.record(applicant, {kind: True for kind in KINDS})
    draft = SubsidyApplication.objects.create(applicant=applicant)
    client.force_login(applicant)
    for page in (url("profile:detail"), url("subsidies:apply_check", args=[draft.reference])):
        text = parse(client.get(page).content).find("main").text
        assert "+852 9123 4567" in text and "+85291234567" not in text
    client.force_login(mfa_staff("rita", groups=["reviewer"]))
    application = make_subsidy_application(make_applicant("other"))
    response = client.get(reverse("admin:portal_application_change", args=[application.pk]))
    assert response.status_code == 200
    assert "+852 9123 4567" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_accounts_saving_one_number_at_the_same_moment_one_wins(monkeypatch):
    """Neither save sees the other's profile before inserting: the constraint refuses the second.

    SQLite runs one writer at a time, so there the saves come one after the other; on PostgreSQL
    they really race in two threads (the second insert waits on the unique index, then fails).
    """
    from portal.accounts.services import save_profile

    users = [make_user("first"), make_user("second")]
    values = {**{k: v for k, v in VALID.items() if k not in KINDS}, "id_number": "A1234563"}
    values["date_of_birth"], values["graduation_year"] = datetime.date(2001, 5, 4), 2025
    values["phone"] = "+85291234567"
    consents = dict.fromkeys(KINDS, True)
    outcomes = []

    def save(user, barrier=None):
        try:
            if barrier:
                barrier.wait()
            save_profile(user=user, values=values, consents=consents)
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append([e.code for e in error.error_dict["id_number"]])
        finally:
            if barrier:
                connection.close()

    if connection.vendor == "postgresql":
        original = ApplicantProfile.save

        def slow_save(self, *args, **kwargs):
            time.sleep(0.3)  # both have passed any check before either inserts
            return original(self, *args, **kwargs)

        monkeypatch.setattr(ApplicantProfile, "save", slow_save)
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=save, args=(user, barrier)) for user in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        for user in users:
            save(user)
    assert sorted(outcomes, key=str) == [["id_registered"], "saved"]
    assert ApplicantProfile.objects.count() == 1
    assert Consent.objects.values("user").distinct().count() == 1
