"""The applicant's own account: the profile (filled once), the consents that go with it, closing the account.

Identity numbers and phone numbers are checked loosely but usefully: the shape of each document's
number (and the HKID check digit, which catches most typing slips), and a phone number valid for the
region chosen. Both are stored in one canonical form, so staff and exports see them the same way.
"""

import datetime
import re
import unicodedata

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models import ApplicantProfile, Consent
from programs.models import Office

from .services import IDENTITY_REGISTERED, identity_registered

IdType = ApplicantProfile.IdType

FIRST_GRADUATION_YEAR = 1950
# Students give the year they expect to graduate: a doctorate may be this far away.
GRADUATION_YEARS_AHEAD = 8


def hkid_check_digit(letters: str, digits: str) -> str:
    """The character in brackets of a Hong Kong identity card number, from its letters and six digits.

    A=10 … Z=35, and a one-letter prefix counts as a space worth 36 before it; the eight values are
    weighted 9 down to 2; the check is 11 minus the sum modulo 11, written "A" for 10 and "0" for 11.
    """
    values = [36 if char == " " else ord(char) - ord("A") + 10 for char in letters.rjust(2)]
    values += [int(digit) for digit in digits]
    total = sum(value * weight for value, weight in zip(values, range(9, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


ID_FORMATS = {
    IdType.HKID: (
        re.compile(r"([A-Z]{1,2})(\d{6})\(?([0-9A])\)?"),
        _("Enter the number as on your Hong Kong identity card, for example A123456(3)."),
    ),
    IdType.MACAU_ID: (
        re.compile(r"(\d{7})\(?(\d)\)?"),
        _("Enter the number as on your Macau identity card: 8 digits, for example 1234567(8)."),
    ),
    IdType.TRAVEL_PERMIT: (
        re.compile(r"[HM]\d{8}(\d{1,2})?"),
        _("Enter the permit number: H or M followed by 8 digits (10 digits on older permits)."),
    ),
    IdType.PASSPORT: (
        re.compile(r"[A-Z0-9]{5,20}"),
        _("Enter the passport number: 5 to 20 letters and digits."),
    ),
}


def normalise_id_number(id_type: str, raw: str) -> str:
    """The document number in its stored form (capitals, no spaces or brackets), or ValidationError.

    Phones often type full-width characters (Ａ１２３４５６（７）): NFKC turns them into plain ones.
    """
    value = re.sub(r"[\s\-–/]", "", unicodedata.normalize("NFKC", raw)).upper()
    pattern, message = ID_FORMATS[id_type]
    match = pattern.fullmatch(value)
    if not match:
        raise ValidationError(message, code="id_format")
    if id_type == IdType.HKID:
        letters, digits, check = match.groups()
        if hkid_check_digit(letters, digits) != check:
            raise ValidationError(
                _(
                    "This Hong Kong identity card number does not add up: check each character, "
                    "including the one in brackets."
                ),
                code="hkid_check_digit",
            )
        return f"{letters}{digits}{check}"
    return value.replace("(", "").replace(")", "")


def normalise_phone(region: str, raw: str) -> str:
    """The phone number in international form (E.164, e.g. +85291234567) if valid for `region`."""
    label = ApplicantProfile.PhoneRegion(region).label
    try:
        number = phonenumbers.parse(unicodedata.normalize("NFKC", raw), region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number_for_region(number, region):
        raise ValidationError(
            _("This is not a valid phone number for %(region)s. Check the number, or the region above it."),
            code="phone_invalid",
            params={"region": label},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = ApplicantProfile
        fields = [
            "name_zh",
            "name_en",
            "date_of_birth",
            "id_type",
            "id_number",
            "phone_region",
            "phone",
            "education",
            "institution",
            "graduation_year",
            "situation",
            "works_in_hetao",
            "language",
        ]
        widgets = {
            "name_zh": forms.TextInput(attrs={"autocomplete": "name"}),
            "name_en": forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
            "date_of_birth": forms.DateInput(
                attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"
            ),
            "id_number": forms.TextInput(
                attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel-national"}),
            "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        help_texts = {
            "name_zh": _(
                "As on your identity document. If you have no Chinese name, write your name in English."
            ),
            "name_en": _("As on your identity document, for example CHAN Tai Man."),
            "id_number": _(
                # Each example must pass its own check (tests parse it): A123456's check digit is 3.
                "Hong Kong identity card: A123456(3). Macau identity card: 1234567(8). "
                "Mainland Travel Permit: H or M and 8 digits. We show it to you masked; "
                "only staff reviewing your applications see it in full."
            ),
            "phone": _("Hong Kong and Macau: 8 digits. Mainland China: 11 digits."),
            "graduation_year": _("If you are still studying, the year you expect to graduate."),
            "language": _("We write to you in this language."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        today = timezone.localdate()
        # The age range is the office's setting (the source document gives none).
        office = Office.current()
        self.youngest_age = office.youngest_age
        self.earliest_birth, self.latest_birth = (
            years_before(today, office.oldest_age),
            years_before(today, office.youngest_age),
        )
        self.fields["date_of_birth"].widget.attrs.update(
            min=self.earliest_birth.isoformat(), max=self.latest_birth.isoformat()
        )
        self.last_graduation_year = today.year + GRADUATION_YEARS_AHEAD
        self.fields["graduation_year"] = forms.IntegerField(
            label=self.fields["graduation_year"].label,
            help_text=self.fields["graduation_year"].help_text,
            min_value=FIRST_GRADUATION_YEAR,
            max_value=self.last_graduation_year,
        )
        if self.instance.pk is None:
            # A new profile writes to the applicant in the language they are reading now.
            self.initial.setdefault("language", get_language())
        elif self.instance.phone and not self.is_bound:
            # Edit the number as people write it at home; it is stored in international form.
            try:
                number = phonenumbers.parse(self.instance.phone)
                self.initial["phone"] = phonenumbers.format_number(
                    number, phonenumbers.PhoneNumberFormat.NATIONAL
                )
            except phonenumbers.NumberParseException:
                pass

    def clean_name_zh(self):
        return " ".join(self.cleaned_data["name_zh"].split())

    def clean_name_en(self):
        return " ".join(self.cleaned_data["name_en"].split())

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > self.latest_birth:
            raise ValidationError(
                _("Check your date of birth: applicants must be at least %(age)s years old."),
                code="too_young",
                params={"age": self.youngest_age},
            )
        if born < self.earliest_birth:
            raise ValidationError(_("Check your date of birth: the year looks wrong."), code="too_old")
        return born

    def clean(self):
        cleaned = super().clean()
        # Each number is checked against the type chosen with it; if that is missing, its own error says so.
        id_type, id_number = cleaned.get("id_type"), cleaned.get("id_number")
        if id_type and id_number:
            try:
                cleaned["id_number"] = normalise_id_number(id_type, id_number)
            except ValidationError as error:
                self.add_error("id_number", error)
            else:
                # Said early, with the other mistakes; the database constraint is what guarantees it.
                if identity_registered(user=self.user, id_type=id_type, id_number=cleaned["id_number"]):
                    self.add_error("id_number", ValidationError(IDENTITY_REGISTERED, code="id_registered"))
        region, phone = cleaned.get("phone_region"), cleaned.get("phone")
        if region and phone:
            try:
                cleaned["phone"] = normalise_phone(region, phone)
            except ValidationError as error:
                self.add_error("phone", error)
        return cleaned


CONSENT_TEXTS = {
    Consent.Kind.PRIVACY_NOTICE: (
        _("Required. The notice says what we keep, why, for how long, and who sees it."),
        _("Read the privacy notice and tick this box to continue."),
    ),
    Consent.Kind.SENSITIVE_DATA: (
        _("Required: your profile holds your identity document number, which every application needs."),
        _("We need this consent to keep your identity document number."),
    ),
    Consent.Kind.CROSS_BORDER: (
        _(
            "Required: applications are reviewed by staff in Shenzhen and in Hong Kong, so your data "
            "moves between them."
        ),
        _("We need this consent: staff in Shenzhen and Hong Kong review every application."),
    ),
}


class ConsentForm(forms.Form):
    """The three consents, shown with the profile form; each is stored with its time and notice version."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        given = Consent.current_kinds(user) if user.is_authenticated else set()
        for kind in Consent.Kind:
            help_text, required_message = CONSENT_TEXTS[kind]
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label,
                help_text=help_text,
                required=True,
                initial=kind.value in given,
                error_messages={"required": required_message},
            )

    @property
    def states(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(kind)) for kind in Consent.Kind.values}


class CloseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password."), code="wrong_password")
        return password
