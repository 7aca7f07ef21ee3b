"""The reminder before a desk ends (the office's number of days before, on the station's row).

Once per desk: `mark_reminded` records it with a conditional update before the email goes, so a
second run, or two runs at once, send nothing more. Nothing is extended: the email says so.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.applications.tasks import greeting_name, sender

from .models import TransitDeskApplication


def send_desk_reminders(today: datetime.date | None = None) -> int:
    """Email every team whose desk's reminder is due; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for application in TransitDeskApplication.needing_reminder(today):
        if not application.reminder_due(today) or not application.mark_reminded():
            continue
        sent += _email(application)
    return sent


def _email(application) -> int:
    applicant = application.applicant
    if applicant is None or not applicant.email:
        return 0
    profile = getattr(applicant, "profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "application": application,
            "name": greeting_name(profile, language) if profile else "",
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = render_to_string("transit/email/desk_ending_subject.txt", context).strip()
        body = render_to_string("transit/email/desk_ending_body.txt", context)
        from_email = sender()
    EmailMessage(subject, body, from_email, [applicant.email]).send()
    return 1
