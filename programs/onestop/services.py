"""Moving an agency request through its service's steps: one function, one transaction."""

import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Status

from .models import AgencyRequest, StepRecord
from .tasks import send_step_email


def record_next_step(
    request: AgencyRequest, *, by, at: datetime.date | None = None, note: str = ""
) -> StepRecord:
    """Record that `request` reached its service's next step on `at` (today by default).

    Only an approved request moves, and only to the next step in order: a step cannot be skipped
    or recorded twice (two staff at once take turns on the request's row). The record, an entry in
    the admin's log, and the applicant's email (after commit) go together or not at all.
    """
    at = at or timezone.localdate()
    with transaction.atomic():
        locked = AgencyRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != Status.APPROVED:
            raise ValidationError(
                _("%(reference)s is not approved: only an approved request moves through its steps.")
                % {"reference": locked.reference},
                code="not_approved",
            )
        step = locked.next_step()
        if step is None:
            raise ValidationError(
                _("%(reference)s has reached its last step.") % {"reference": locked.reference}, code="done"
            )
        last = locked.step_records.order_by("-step__order").first()
        if last is not None and at < last.at:
            raise ValidationError(
                _("The date cannot be before the previous step's (%(date)s).")
                % {"date": f"{last.at:%Y-%m-%d}"},
                code="date_order",
            )
        if at > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        record = StepRecord.objects.create(request=locked, step=step, at=at, by=by, note=note)
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=AgencyRequest.objects.filter(pk=locked.pk),
            action_flag=CHANGE,
            change_message=f"Step reached: {step.name_en or step.name} ({at:%Y-%m-%d})",
            single_object=True,
        )
        transaction.on_commit(lambda: send_step_email.enqueue(record.pk))
    return record
