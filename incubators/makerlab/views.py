from django.shortcuts import render
from django.utils.translation import gettext_lazy

from portal.applications.journey import Journey

from .forms import MakerLabBookingForm, MembershipForm
from .models import MakerLab, MakerLabBooking, MakerLabRules, MakerMembership


def lab_list(request):
    """The two labs with their hours, and the visitor's membership (with its code) if they have one."""
    member = MakerMembership.standing_approval(request.user) if request.user.is_authenticated else None
    context = {
        "labs": MakerLab.objects.active().select_related("incubator"),
        "member": member,
        "rules": MakerLabRules.current(),
    }
    return render(request, "makerlab/lab_list.html", context)


def _member_start_context(profile):
    return {"rules": MakerLabRules.current()}


member_journey = Journey(
    model=MakerMembership,
    details_form=MembershipForm,
    namespace="makerlab:member",
    details_label=gettext_lazy("Your making"),
    start_context=_member_start_context,
    template_dir="makerlab/member",
)

journey = Journey(
    model=MakerLabBooking,
    details_form=MakerLabBookingForm,
    namespace="makerlab",
    details_label=gettext_lazy("Your slot"),
    select_related=("lab",),
    target_model=MakerLab.objects.active(),
    target_lookup="slug",
)
