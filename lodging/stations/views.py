from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lodging.models import LodgingScheme
from portal.applications.journey import Journey
from portal.applications.views import applicant_profile, unless_ready_to_apply
from portal.models import Status

from .forms import ProofDetailsForm, TonightForm, YouthStayForm
from .models import OVERTIME, YOUTH, HetaoWorkProof, OvertimeStay, RoomType, StationRules, YouthStationStay
from .services import book_tonight


def _station(slug):
    return get_object_or_404(LodgingScheme.objects.filter(is_published=True), slug=slug)


def _tonight_stay(user):
    """The applicant's room tonight, if they have one (booked, not cancelled)."""
    if not user.is_authenticated:
        return None
    holding = OvertimeStay.objects.for_user(user).filter(
        night=timezone.localdate(), status__in=OvertimeStay().lifecycle.holding
    )
    return holding.select_related("room_type").first()


def _proof_state(user):
    """(valid proof, proof waiting for staff) of the signed-in applicant."""
    if not user.is_authenticated:
        return None, None
    valid = HetaoWorkProof.standing_approval(user)
    waiting = None
    if valid is None:
        waiting = (
            HetaoWorkProof.objects.for_user(user)
            .exclude(status__in=[Status.APPROVED, Status.REJECTED, Status.WITHDRAWN])
            .order_by("-created_at")
            .first()
        )
    return valid, waiting


@require_http_methods(["GET"])
def overtime(request):
    scheme = _station(OVERTIME)
    valid, waiting = _proof_state(request.user)
    context = {
        "scheme": scheme,
        "rules": StationRules.for_station(OVERTIME),
        "room_types": list(RoomType.objects.of(OVERTIME).with_free_rooms(timezone.localdate())),
        "proof": valid,
        "proof_waiting": waiting,
        "tonight_stay": _tonight_stay(request.user),
        "profile": applicant_profile(request.user) if request.user.is_authenticated else None,
    }
    return render(request, "stations/overtime.html", context)


@require_http_methods(["GET"])
def youth(request):
    scheme = _station(YOUTH)
    context = {
        "scheme": scheme,
        "rules": StationRules.for_station(YOUTH),
        "room_types": list(RoomType.objects.of(YOUTH)),
    }
    return render(request, "stations/youth.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def tonight(request):
    """A room tonight in one tap once the proof is approved: confirmed at once when one is free."""
    scheme = _station(OVERTIME)
    profile = applicant_profile(request.user)
    if response := unless_ready_to_apply(request, profile):
        return response
    if HetaoWorkProof.standing_approval(request.user) is None:
        messages.info(
            request,
            _("First, your proof of work in the Hetao zone: staff check it once, and then you can book."),
        )
        return redirect("stations:proof:apply")
    if stay := _tonight_stay(request.user):
        messages.info(
            request, _("You already have a room tonight: %(reference)s.") % {"reference": stay.reference}
        )
        return redirect(stay)
    room_types = list(RoomType.objects.of(OVERTIME).with_free_rooms(timezone.localdate()))
    form = TonightForm(request.POST or None, room_types=room_types)
    if request.method == "POST" and form.is_valid():
        try:
            stay = book_tonight(applicant=request.user, room_type=form.cleaned_data["room_type"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your room tonight is confirmed: %(reference)s. Show this page at the hotel's front desk.")
                % {"reference": stay.reference},
            )
            return redirect(stay)
    context = {
        "scheme": scheme,
        "form": form,
        "room_types": room_types,
        "all_full": all(room.free is not None and room.free <= 0 for room in room_types),
        "today": timezone.localdate(),
    }
    return render(request, "stations/tonight.html", context)


def _proof_start_context(profile):
    return {"rules": StationRules.for_station(OVERTIME)}


def _youth_start_context(profile):
    return {"rules": StationRules.for_station(YOUTH), "scheme": _station(YOUTH)}


proof_journey = Journey(
    model=HetaoWorkProof,
    details_form=ProofDetailsForm,
    namespace="stations:proof",
    document_kind=HetaoWorkProof.DOCUMENT_KIND,
    document_label=gettext_lazy("Proof of employment"),
    details_label=gettext_lazy("Your work"),
    start_context=_proof_start_context,
    template_dir="stations/proof",
)

youth_journey = Journey(
    model=YouthStationStay,
    details_form=YouthStayForm,
    namespace="stations",
    details_label=gettext_lazy("Your stay"),
    start_context=_youth_start_context,
    select_related=("room_type",),
    template_dir="stations/youth",
    # A queryset, not the model: only the youth station's published room types can be booked here.
    target_model=RoomType.objects.of(YOUTH),
)
