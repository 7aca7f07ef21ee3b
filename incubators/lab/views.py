import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from portal.applications.journey import Journey
from portal.applications.services import save_draft
from portal.models import Status

from .forms import LabBookingForm, ResearchTeamForm, parse_slot
from .models import Equipment, LabBooking, LabRules, ResearchTeam

# The grid shows this many open days at a time; "Later days" pages on through the booking window.
GRID_DAYS = 7


def equipment_list(request):
    equipment = Equipment.objects.active().select_related("incubator")
    team = ResearchTeam.standing_approval(request.user) if request.user.is_authenticated else None
    return render(request, "lab/equipment_list.html", {"equipment_list": equipment, "team": team})


def equipment_detail(request, slug):
    equipment = get_object_or_404(Equipment.objects.active().select_related("incubator"), slug=slug)
    today = timezone.localdate()
    try:
        first = datetime.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        first = today
    days = equipment.bookable_days(today, first=first, count=GRID_DAYS)
    later = []
    if days:
        later = equipment.bookable_days(today, first=days[-1] + datetime.timedelta(days=1), count=1)
    context = {
        "equipment": equipment,
        "grid": equipment.grid(days),
        "later": later[0] if later else None,
        "earlier": first > today,
        "team": ResearchTeam.standing_approval(request.user) if request.user.is_authenticated else None,
    }
    return render(request, "lab/equipment_detail.html", context)


def _team_start_context(profile):
    return {"rules": LabRules.current()}


team_journey = Journey(
    model=ResearchTeam,
    details_form=ResearchTeamForm,
    namespace="lab:team",
    document_kind="team_proof",
    document_label=gettext_lazy("Proof of your team or institution"),
    details_label=gettext_lazy("Your team"),
    start_context=_team_start_context,
    template_dir="lab/team",
)

journey = Journey(
    model=LabBooking,
    details_form=LabBookingForm,
    namespace="lab",
    details_label=gettext_lazy("Your slot"),
    select_related=("equipment",),
    target_model=Equipment,
    target_lookup="slug",
)


@login_required
@require_http_methods(["GET", "POST"])
def start_booking(request, target):
    """The journey's start, keeping the slot chosen on the grid (`?start=`) on the draft it opens."""
    response = journey.start(request, target=target)
    chosen = parse_slot(request.GET.get("start", ""))
    if request.method == "POST" and response.status_code == 302 and chosen is not None:
        draft = (
            LabBooking.objects.for_user(request.user)
            .filter(status=Status.DRAFT, equipment__slug=target)
            .select_related("equipment")
            .first()
        )
        if draft is not None and draft.equipment.slot_problem(chosen) is None:
            draft.starts_at = chosen
            save_draft(draft, fields=["starts_at"])
    return response
