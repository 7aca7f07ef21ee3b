"""The maker labs' rows and URLs for the shared walks (tests/worlds.py)."""

from incubators.makerlab import demo
from incubators.makerlab.models import MakerLabBooking, MakerLabRules, MakerMembership
from portal.applications.workflow import perform
from tests.makerlab.helpers import approved_member, next_slot
from tests.people import create_staff

# The booking journey and the lab list are "makerlab"; the membership journey is "makerlab:member",
# whose URLs name their reference <member> (incubators/makerlab/urls.py says why).
NAMESPACES = {"makerlab"}
PUBLIC = {"makerlab:list"}
APPLICANT = {
    "makerlab:apply",
    "makerlab:apply_details",
    "makerlab:apply_check",
    "makerlab:apply_done",
    "makerlab:member:apply",
    "makerlab:member:apply_details",
    "makerlab:member:apply_check",
    "makerlab:member:apply_done",
}
STAFF_OUTSIDE_ADMIN: set = set()


def build(owner) -> dict:
    lab = demo.create()[0]
    MakerLabRules.objects.get_or_create()
    membership = approved_member(owner, create_staff("makerlab-world-approver", "approver"))
    booking = MakerLabBooking.objects.create(
        applicant=owner, lab=lab, starts_at=next_slot(lab), purpose="Tests"
    )
    perform(booking, "request", actor=owner)
    draft = MakerLabBooking.objects.create(applicant=owner, lab=lab, purpose="Later")
    member_draft = MakerMembership.objects.create(applicant=owner, making="Second")
    values = {"target": lab.slug, "member": member_draft.reference}
    return {
        "application": booking,
        "draft": draft,
        "values": values,
        "namespaces": {
            "makerlab:member": {"application": membership, "draft": member_draft, "values": values}
        },
    }
