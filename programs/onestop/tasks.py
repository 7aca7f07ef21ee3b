"""The applicant is told each step their agency request reaches, in their language, after commit."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from portal.applications.tasks import greeting_name, sender


@task()
def send_step_email(record_id: int) -> bool:
    from .models import StepRecord

    record = (
        StepRecord.objects.select_related("request__applicant__profile", "step").filter(pk=record_id).first()
    )
    if record is None:
        return False
    applicant = record.request.applicant
    if applicant is None or not applicant.email:
        return False  # the account was closed: nobody to tell
    profile = getattr(applicant, "profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "record": record,
            "application": record.request,
            "name": greeting_name(profile, language) if profile else "",
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = render_to_string("onestop/email/step_subject.txt", context).strip()
        body = render_to_string("onestop/email/step_body.txt", context)
        from_email = sender()
    EmailMessage(subject, body, from_email, [applicant.email]).send()
    return True
