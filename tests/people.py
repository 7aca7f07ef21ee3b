"""The people tests need: applicants with a complete profile, and staff in a role.

Plain functions (not fixtures) so any test module or fixture can call them.
Users get no password: hashing one is slow, and tests sign in with force_login.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.accounts.forms import hkid_check_digit
from portal.models import ApplicantProfile, Consent

_serial = itertools.count(123456)


def next_hkid() -> str:
    """A valid Hong Kong identity card number no other test person has: one document, one account.

    Each test starts again from A1234563 (tests/conftest.py), so its first applicant's number is known.
    """
    digits = f"{next(_serial) % 1_000_000:06d}"
    return f"A{digits}{hkid_check_digit('A', digits)}"


def reset_hkids() -> None:
    global _serial
    _serial = itertools.count(123456)


def create_applicant(
    email, *, degree="master", language="en", name_zh="陳大文", name_en="Chan Tai Man", consents=True
):
    user = get_user_model().objects.create_user(username=email, email=email)
    ApplicantProfile.objects.create(
        user=user,
        name_zh=name_zh,
        name_en=name_en,
        date_of_birth=datetime.date(2001, 5, 4),
        id_type=ApplicantProfile.IdType.HKID,
        id_number=next_hkid(),
        phone_region="HK",
        phone="+85291234567",
        education=degree,
        institution="HKU",
        graduation_year=2024,
        situation=ApplicantProfile.Situation.GRADUATE,
        language=language,
    )
    if consents:
        Consent.record(user, {kind: True for kind in Consent.Kind.values})
    return user


def create_staff(name, group=None, **fields):
    """A staff member (without an authenticator: for workflow code, not for admin pages)."""
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@staff.example", is_staff=True, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user
