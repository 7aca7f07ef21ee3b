"""The talent apartment journey through the test client: units → start under a unit → stay → check → done."""

import datetime

import pytest
from django.urls import reverse

from lodging.apartments.models import ApartmentApplication, Unit
from portal.models import Status
from tests.apartments.conftest import soon
from tests.markup import parse
from tests.people import create_applicant


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def start(client, unit) -> ApartmentApplication:
    response = client.post(reverse("apartments:apply", args=[unit.slug]))
    assert response.status_code == 302
    return ApartmentApplication.objects.get()


def details(client, application, **data):
    return client.post(reverse("apartments:apply_details", args=[application.reference]), data)


def text_of(response, cls) -> str:
    return parse(response.content).find(cls=cls).text


def test_the_units_page_lists_units_with_their_rent_and_the_schemes_rules(client, unit, scheme):
    Unit.objects.create(slug="closed", name_en="Closed flat", market_rent=9999, is_active=False)
    response = client.get(reverse("apartments:units"))
    page = parse(response.content)
    card = page.find(id_=unit.slug)
    assert "Tower A, flat 1203" in card.text
    assert "RMB 4,201 a month" in card.find(cls="market-rent").text
    assert "RMB 2,101 a month" in card.find(cls="lease-rent").text  # 50%, to the nearest yuan
    assert reverse("apartments:apply", args=[unit.slug]) in card.links()
    assert "50% of the market rent" in page.text and "12 months" in page.text
    assert "Closed flat" not in page.text


def test_the_rules_on_the_units_page_follow_the_scheme_row(client, unit, scheme):
    scheme.long_lease_rent_percent, scheme.max_lease_months = 40, 6
    scheme.save()
    page = parse(client.get(reverse("apartments:units")).content)
    assert "40% of the market rent" in page.text and "6 months" in page.text
    assert "RMB 1,680 a month" in page.find(cls="lease-rent").text


def test_the_units_page_in_traditional_chinese(client, unit):
    response = client.get("/zh-hant/lodging/talent-apartment/")
    page = parse(response.content)
    assert "港澳青年人才公寓" in page.find("h1").text
    assert "A座1203室" in page.text


def test_the_whole_journey_long_lease(signed_in, unit, mailoutbox, django_capture_on_commit_callbacks):
    page = parse(signed_in.get(reverse("apartments:apply", args=[unit.slug])).content)
    assert "Tower A, flat 1203" in page.text and "RMB 4,201 a month" in page.text
    application = start(signed_in, unit)
    assert application.unit == unit and application.status == Status.DRAFT
    starts = soon(10)
    response = details(signed_in, application, kind="long_lease", starts_on=starts.isoformat(), months="6")
    assert response.status_code == 302
    assert response["Location"] == reverse("apartments:apply_check", args=[application.reference])

    check = signed_in.get(response["Location"])
    assert "RMB 2,101 a month" in text_of(check, "rent-monthly")
    assert "RMB 12,606" in text_of(check, "rent-total")
    assert starts.isoformat() in text_of(check, "stay-dates")
    application.refresh_from_db()
    nights = (application.ends_on - starts).days + 1
    assert f"All {nights} are free now" in check.content.decode()  # every night of the unit, in one line

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("apartments:apply_check", args=[application.reference]))
    assert response.status_code == 302
    assert response["Location"] == reverse("apartments:apply_done", args=[application.reference])
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert (application.monthly_rent, application.market_rent, application.months) == (2101, 4201, 6)
    assert application.total_rent == 12606
    assert len(mailoutbox) == 1 and application.reference in mailoutbox[0].body

    mine = parse(signed_in.get(application.get_absolute_url()).content)
    assert "Long lease" in mine.text and "RMB 2,101 a month" in mine.text
    assert "Tower A, flat 1203" in mine.text


def test_a_short_stay_is_free_for_the_schemes_free_months(signed_in, unit, scheme):
    application = start(signed_in, unit)
    starts = datetime.date(2030, 1, 31)
    # Months typed for a short stay are ignored: it lasts the scheme's free period.
    response = details(signed_in, application, kind="short_stay", starts_on=starts.isoformat(), months="9")
    assert response.status_code == 302
    check = signed_in.get(response["Location"])
    assert text_of(check, "rent-monthly") == "Free"
    assert "2030-01-31 – 2030-02-28" in text_of(check, "stay-dates")
    signed_in.post(reverse("apartments:apply_check", args=[application.reference]))
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert (application.months, application.monthly_rent) == (scheme.free_months, 0)


def test_the_rent_follows_the_scheme_row(signed_in, unit, scheme):
    application = start(signed_in, unit)
    details(signed_in, application, kind="long_lease", starts_on=soon().isoformat(), months="2")
    check_url = reverse("apartments:apply_check", args=[application.reference])
    assert "RMB 2,101 a month" in text_of(signed_in.get(check_url), "rent-monthly")
    scheme.long_lease_rent_percent = 30
    scheme.save()
    assert "RMB 1,260 a month" in text_of(signed_in.get(check_url), "rent-monthly")
    signed_in.post(check_url)
    application.refresh_from_db()
    assert application.monthly_rent == 1260


def test_an_inactive_unit_cannot_be_applied_for(signed_in, unit):
    unit.is_active = False
    unit.save()
    assert signed_in.get(reverse("apartments:apply", args=[unit.slug])).status_code == 404
    assert signed_in.post(reverse("apartments:apply", args=[unit.slug])).status_code == 404
    assert not ApartmentApplication.objects.exists()


def test_a_unit_closed_after_the_draft_refuses_submitting(signed_in, unit):
    application = start(signed_in, unit)
    details(signed_in, application, kind="short_stay", starts_on=soon().isoformat())
    Unit.objects.filter(pk=unit.pk).update(is_active=False)
    response = signed_in.post(reverse("apartments:apply_check", args=[application.reference]))
    assert response.status_code == 200
    assert "no longer open for applications" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": "long_lease", "starts_on": "2020-01-01", "months": "3"},
            "starts_on",
            "cannot be in the past",
        ),
        ({"kind": "long_lease", "months": "13"}, "months", "from 1 to 12"),
        ({"kind": "long_lease", "months": "0"}, "months", "from 1 to 12"),
        ({"kind": "long_lease", "months": "-2"}, "months", "from 1 to 12"),
        ({"kind": "long_lease", "months": ""}, "months", "from 1 to 12"),
        ({"kind": "long_lease", "months": "six"}, "months", "whole number"),
        ({"kind": "forever", "months": "3"}, "kind", "short stay or a long lease"),
        ({"kind": "", "months": "3"}, "kind", "short stay or a long lease"),
        ({"kind": "short_stay", "starts_on": "31/12/2030"}, "starts_on", "like 2027-07-01"),
        (
            {"kind": "long_lease", "starts_on": "9999-12-31", "months": "12"},
            "starts_on",
            "real moving-in date",
        ),
    ],
)
def test_bad_input_is_refused_next_to_the_field(signed_in, unit, data, field, message):
    application = start(signed_in, unit)
    data = {"starts_on": soon().isoformat(), **data}
    response = details(signed_in, application, **data)
    assert response.status_code == 200
    error = parse(response.content).find(id_=f"id_{field}_error")
    assert message in error.text
    application.refresh_from_db()
    assert (application.kind, application.starts_on, application.months) == ("", None, None)


def test_bad_input_is_refused_in_traditional_chinese(signed_in, unit):
    application = start(signed_in, unit)
    url = "/zh-hant" + reverse("apartments:apply_details", args=[application.reference])[3:]
    response = signed_in.post(url, {"kind": "long_lease", "starts_on": "2020-01-01", "months": "13"})
    page = parse(response.content)
    assert page.find(id_="id_starts_on_error").text
    assert "請輸入 1 至 12 之間的月數" in page.find(id_="id_months_error").text


def test_a_later_lease_than_allowed_by_a_changed_row_is_refused_on_submit(signed_in, unit, scheme):
    application = start(signed_in, unit)
    details(signed_in, application, kind="long_lease", starts_on=soon().isoformat(), months="10")
    scheme.max_lease_months = 6
    scheme.save()
    response = signed_in.post(reverse("apartments:apply_check", args=[application.reference]))
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_someone_elses_draft_is_not_found(client, signed_in, unit):
    application = start(signed_in, unit)
    client.force_login(create_applicant("other@example.com"))
    for step in ("apply_details", "apply_check", "apply_done"):
        assert client.get(reverse(f"apartments:{step}", args=[application.reference])).status_code == 404
    # No documents are asked (eligibility is checked by staff): there is no documents step.
    response = client.get(f"/en/lodging/talent-apartment/apply/{application.reference}/documents/")
    assert response.status_code == 404


def test_my_applications_lists_the_tenancy(signed_in, applicant, unit, make_tenancy):
    application = make_tenancy(applicant, unit, starts_on=soon(15), months=2)
    page = parse(signed_in.get(reverse("applications:list")).content)
    assert application.reference in page.text
    assert "Tower A, flat 1203" in page.text
