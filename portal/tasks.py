"""Background work: emails to applicants, rendered in the applicant's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_status_email(status_change_id: int) -> bool:
    from .models import StatusChange

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
    with translation.override(language):
        context = {
            "change": change,
            "application": change.application,
            "profile": profile,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("portal/email/status_subject.txt", context).strip()
        body = render_to_string("portal/email/status_body.txt", context)
    send_mail(subject, body, None, [applicant.email])
    return True
