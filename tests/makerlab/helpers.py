"""Plain helpers for the maker labs' tests."""

import datetime

from django.utils import timezone

from incubators.makerlab.models import MakerMembership
from portal.applications.workflow import perform


def approved_member(applicant, approver) -> MakerMembership:
    """A membership the applicant sent and staff approved, through the real workflow."""
    membership = MakerMembership.objects.create(
        applicant=applicant, making="A small CNC-milled drone frame", experience="Arduino, 3D printing"
    )
    perform(membership, "submit", actor=applicant)
    perform(membership, "start_review", actor=approver)
    perform(membership, "approve", actor=approver)
    membership.refresh_from_db()
    return membership


def next_slot(lab, *, after=1, index=0) -> datetime.datetime:
    """The `index`th slot of the first open day at least `after` days from today."""
    day = timezone.localdate() + datetime.timedelta(days=after)
    while day.isoweekday() not in lab.weekdays:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, lab.slot_times()[index]))
