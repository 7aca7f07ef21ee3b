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


@task()
def send_status_email(status_change_id: int) -> bool:
    from portal.models import StatusChange

    change = (
        StatusChange.objects.select_related("application__applicant__profile")
        .filter(pk=status_change_id)
        .first()
    )
    applicant = change.application.applicant if change else None
    if applicant is None or not applicant.email:
        return False  # the account was closed meanwhile: nobody to tell
    profile = getattr(applicant, "profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    application = change.application.specific
    with translation.override(language):
        context = {
            "change": change,
            "application": application,
            "profile": profile,
            "name": greeting_name(profile, language) if profile else "",
            # Links always go to the public address: the task runs outside any request.
            "site_url": settings.SITE_URL.rstrip("/"),
            # A scheme may add its own paragraph (e.g. the amounts on approval).
            "details_templates": [
                f"{application._meta.app_label}/email/status_details.txt",
                "portal/email/status_details.txt",
            ],
        }
        subject = render_to_string("portal/email/status_subject.txt", context).strip()
        body = render_to_string("portal/email/status_body.txt", context)
        from_email = sender()
    EmailMessage(subject, body, from_email, [applicant.email]).send()
    return True
