"""Checks on text typed into any form of the portal."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters except tab, line feed and carriage return (which a textarea
# sends), and the Unicode bidirectional overrides and isolates, which make text display in
# another order than it is stored (a name or reference that reads differently in admin).
# NUL is left to Django's own ProhibitNullCharactersValidator, which every CharField has.
CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@deconstructible
class ProhibitControlCharactersValidator:
    message = _("This text contains invisible control characters. Type it again without them.")
    code = "control_characters"

    def __call__(self, value):
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, ProhibitControlCharactersValidator)


def prohibit_control_characters_in_every_form() -> None:
    """Give every form CharField the check: the portal's forms, the admin's and allauth's alike.

    Django gives every CharField its NUL check the same way (in the field, not in each form), so
    no form can forget it and no form needs a base class for it. Fields with their own
    validators (email, URL, slug) refuse control characters already.
    """
    validator = ProhibitControlCharactersValidator()
    if validator not in forms.CharField.default_validators:
        forms.CharField.default_validators = [*forms.CharField.default_validators, validator]
