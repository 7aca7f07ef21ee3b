"""Approving a tenancy holds the unit's nights; a unit taken for any night refuses; one tenancy per person."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lodging.apartments.models import ApartmentApplication, Unit, long_lease_rent, tenancy_end
from portal.applications.workflow import perform
from portal.capacity.models import Hold, Place
from portal.models import Status
from tests.apartments.conftest import soon
from tests.markup import parse
from tests.people import create_applicant


def approve(application, approver):
    perform(application, "start_review", actor=approver)
    perform(application, "approve", actor=approver, expected_status=Status.IN_REVIEW)


@pytest.mark.parametrize(
    ("start", "months", "last"),
    [
        (datetime.date(2027, 1, 15), 1, datetime.date(2027, 2, 14)),
        (datetime.date(2027, 1, 31), 1, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 3, 1), 12, datetime.date(2028, 2, 29)),
        (datetime.date(2027, 11, 30), 3, datetime.date(2028, 2, 29)),
    ],
)
def test_a_tenancy_ends_the_night_before_the_same_date_months_later(start, months, last):
    assert tenancy_end(start, months) == last


@pytest.mark.parametrize(
    ("market", "percent", "rent"), [(4200, 50, 2100), (4201, 50, 2101), (3333, 33, 1100)]
)
def test_a_long_leases_rent_is_rounded_to_the_nearest_yuan(market, percent, rent):
    assert long_lease_rent(market, percent) == rent


def test_approval_holds_every_night_of_the_tenancy(applicant, unit, approver, make_tenancy):
    application = make_tenancy(applicant, unit, starts_on=soon(5), months=2)
    nights = (application.ends_on - application.starts_on).days + 1
    assert not Hold.objects.exists()  # submitting holds nothing: staff decide first
    approve(application, approver)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    places = Place.objects.for_target(unit).order_by("day")
    assert places.count() == nights
    assert [p.day for p in places][0] == application.starts_on
    assert [p.day for p in places][-1] == application.ends_on
    assert all(p.size == 1 and p.held == 1 for p in places)
    assert Hold.objects.current().filter(application=application).count() == nights


def test_a_second_approval_for_overlapping_nights_of_a_unit_is_refused(unit, approver, make_tenancy):
    first = make_tenancy(create_applicant("first@example.com"), unit, starts_on=soon(10), months=3)
    second = make_tenancy(create_applicant("second@example.com"), unit, starts_on=soon(70), months=2)
    approve(first, approver)
    perform(second, "start_review", actor=approver)
    with pytest.raises(ValidationError) as refused:
        perform(second, "approve", actor=approver)
    assert "full" in " ".join(refused.value.messages)
    second.refresh_from_db()
    assert second.status == Status.IN_REVIEW
    assert not Hold.objects.filter(application=second).exists()
    # Another unit, or the same unit once the first tenancy has ended, is free.
    other = Unit.objects.create(slug="other", name_en="Other flat", market_rent=3000)
    third = make_tenancy(create_applicant("third@example.com"), other, starts_on=soon(70), months=2)
    approve(third, approver)
    after = make_tenancy(
        create_applicant("fourth@example.com"), unit, starts_on=first.ends_on + datetime.timedelta(days=1)
    )
    approve(after, approver)


def test_approving_a_taken_unit_in_admin_shows_full_and_changes_nothing(
    client, unit, approver, make_tenancy, mfa_staff
):
    first = make_tenancy(create_applicant("first@example.com"), unit, starts_on=soon(10), months=1)
    second = make_tenancy(create_applicant("second@example.com"), unit, starts_on=soon(20), months=1)
    approve(first, approver)
    perform(second, "start_review", actor=approver)
    staff = mfa_staff("decider", groups=["approver"])
    client.force_login(staff)
    url = reverse("admin:apartments_apartmentapplication_transition", args=[second.pk])
    response = client.post(
        url, {"action": "approve", "expected_status": "in_review", "note": ""}, follow=True
    )
    text = parse(response.content).text
    assert "full" in text and "Nothing was changed." in text
    second.refresh_from_db()
    assert second.status == Status.IN_REVIEW
    assert not Hold.objects.filter(application=second).exists()


def test_submitting_for_nights_already_taken_is_refused(unit, approver, make_tenancy):
    first = make_tenancy(create_applicant("first@example.com"), unit, starts_on=soon(10), months=2)
    approve(first, approver)
    late = create_applicant("late@example.com")
    draft = ApartmentApplication.objects.create(
        applicant=late, unit=unit, kind="long_lease", starts_on=soon(30), months=1
    )
    with pytest.raises(ValidationError, match="taken for some of these nights"):
        perform(draft, "submit", actor=late)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_one_tenancy_at_a_time_per_person(applicant, unit, make_tenancy):
    make_tenancy(applicant, unit, starts_on=soon(10), months=3)
    other = Unit.objects.create(slug="other", name_en="Other flat", market_rent=3000)
    overlapping = ApartmentApplication.objects.create(
        applicant=applicant, unit=other, kind="short_stay", starts_on=soon(40)
    )
    with pytest.raises(ValidationError, match="already have an application for the same thing"):
        perform(overlapping, "submit", actor=applicant)
    overlapping.refresh_from_db()
    assert overlapping.status == Status.DRAFT
    # A later tenancy that does not overlap may be asked for.
    later = ApartmentApplication.objects.create(
        applicant=applicant, unit=other, kind="short_stay", starts_on=soon(200)
    )
    perform(later, "submit", actor=applicant)


def test_a_withdrawn_tenancy_frees_the_person_for_another(applicant, unit, make_tenancy):
    first = make_tenancy(applicant, unit, starts_on=soon(10), months=3)
    perform(first, "withdraw", actor=applicant)
    again = ApartmentApplication.objects.create(
        applicant=applicant, unit=unit, kind="short_stay", starts_on=soon(20)
    )
    perform(again, "submit", actor=applicant)
    assert again.status == Status.SUBMITTED


def test_the_admin_page_shows_unit_kind_dates_and_rent(admin_client_mfa, applicant, unit, make_tenancy):
    application = make_tenancy(applicant, unit, starts_on=datetime.date(2030, 3, 1), months=4)
    response = admin_client_mfa.get(
        reverse("admin:apartments_apartmentapplication_change", args=[application.pk])
    )
    text = parse(response.content).text
    assert "Tower A, flat 1203" in text and "Long lease" in text
    figures = text.replace(",", "")
    assert "2030" in text and "4201" in figures and "2101" in figures
    assert "8404" in figures  # the total for four months
    changelist = admin_client_mfa.get(reverse("admin:apartments_apartmentapplication_changelist"))
    assert application.reference in changelist.content.decode()


def test_the_unit_admin_edits_names_in_three_languages(admin_client_mfa, unit):
    response = admin_client_mfa.get(reverse("admin:apartments_unit_change", args=[unit.pk]))
    form = response.context["adminform"].form
    assert {"name_zh_hant", "name_en", "name_zh_hans", "market_rent", "is_active"} <= set(form.fields)
