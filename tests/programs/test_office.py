"""The office: one row staff keep in admin, with its contact details and the age range it sets."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.accounts.forms import ProfileForm
from programs.models import Office

pytestmark = pytest.mark.django_db
_people = itertools.count()


def date_of_birth_errors(born: datetime.date) -> list[str]:
    name = f"person{next(_people)}"
    user = get_user_model().objects.create_user(username=name, email=f"{name}@example.com")
    form = ProfileForm(data={"date_of_birth": born.isoformat()}, user=user)
    form.is_valid()
    return form.errors.get("date_of_birth", [])


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


def test_there_is_one_office_and_it_starts_without_invented_details():
    office = Office.current()
    assert Office.objects.count() == 1
    # The source document gives no address, hours or phone for the office.
    assert not office.has_contact_details
    assert (office.youngest_age, office.oldest_age) == (15, 80)


def test_the_youngest_age_is_the_offices_setting():
    assert date_of_birth_errors(years_ago(16)) == []

    office = Office.current()
    office.youngest_age = 18
    office.save()

    assert date_of_birth_errors(years_ago(16)) == [
        "Check your date of birth: applicants must be at least 18 years old."
    ]
    assert date_of_birth_errors(years_ago(18, days=1)) == []


def test_the_date_field_offers_only_dates_in_the_offices_range():
    office = Office.current()
    office.youngest_age, office.oldest_age = 18, 60
    office.save()
    user = get_user_model().objects.create_user(username="range", email="range@example.com")

    widget = ProfileForm(user=user).fields["date_of_birth"].widget

    assert widget.attrs["max"] == years_ago(18).isoformat()
    assert widget.attrs["min"] == years_ago(60).isoformat()


def test_staff_cannot_add_a_second_office(admin_client_mfa):
    response = admin_client_mfa.get("/en/admin/programs/office/add/")

    assert response.status_code == 403
