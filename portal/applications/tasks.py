"""Background work: emails to applicants, rendered in the applicant's language."""

from email.headerregistry import Address
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


def check_site_url(app_configs=None, **kwargs):
    """Deploy check: emails link to SITE_URL, so in production it must be the public address."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host in LOOPBACK_HOSTS or host.startswith("127."):
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in emails would lead to the reader's own machine.",
                hint="Set SITE_URL to the portal's public address, e.g. https://youth.futian.example.",
                id="portal.W001",
            )
        ]
    return []


def sender() -> str:
    """DEFAULT_FROM_EMAIL's address, under the portal's name in the active language.

    Left unencoded (quoted only if need be): Django encodes the header when it sends.
    """
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return str(Address(display_name=gettext("Futian HK & Macau Youth Portal"), addr_spec=address))


def greeting_name(profile, language: str) -> str:
    """The name the applicant is called by in `language`: the Chinese name in Chinese."""
    if language.startswith("zh"):
        return profile.name_zh or profile.name_en
    return profile.name_en or profile.name_zh


def _send(application, template: str, context: dict) -> bool:
    """Email the applicant of `application` `portal/email/<template>_subject.txt` and `_body.txt`,
    in their language. False when there is nobody to tell (the account was closed)."""
    from portal.capacity.bookings import span

    applicant = application.applicant
    if applicant is None or not applicant.email:
        return False
    profile = getattr(applicant, "profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    application = application.specific
    with translation.override(language):
        context = {
            "application": application,
            "profile": profile,
            "name": greeting_name(profile, language) if profile else "",
            # When the booking is, for a scheme with places.
            "span": span(application),
            # Links always go to the public address: the task runs outside any request.
            "site_url": settings.SITE_URL.rstrip("/"),
            # A scheme may add its own paragraph (e.g. the amounts on approval).
            "details_templates": [
                f"{application._meta.app_label}/email/status_details.txt",
                "portal/email/status_details.txt",
            ],
            **context,
        }
        subject = render_to_string(f"portal/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"portal/email/{template}_body.txt", context)
        from_email = sender()
    EmailMessage(subject, body, from_email, [applicant.email]).send()
    return True


@task()
def send_status_email(status_change_id: int) -> bool:
    from portal.models import StatusChange

    change = (
        StatusChange.objects.select_related("application__applicant__profile")
        .filter(pk=status_change_id)
        .first()
    )
    if change is None:
        return False
    return _send(change.application, "status", {"change": change})


@task()
def send_offer_email(application_id: int) -> bool:
    """A place is free for someone on the waiting list: until when they may take it."""
    from portal.capacity.models import Offer
    from portal.models import Application

    application = Application.objects.select_related("applicant__profile").filter(pk=application_id).first()
    offer = Offer.objects.filter(application_id=application_id).order_by("expires_at").first()
    if application is None or offer is None:
        return False  # taken, or lapsed, before this ran
    return _send(application, "offer", {"expires_at": offer.expires_at})


@task()
def send_reminder_email(application_id: int) -> bool:
    """The day before a booking: when and where, and how to cancel."""
    from portal.models import Application

    application = Application.objects.select_related("applicant__profile").filter(pk=application_id).first()
    if application is None:
        return False
    return _send(application, "reminder", {})
