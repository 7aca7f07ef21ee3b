"""Public event pages, the applicant's ticket, and the check-in at the door (staff on a phone)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from portal.admin.access import staff_required
from portal.applications.journey import Journey
from portal.capacity.models import Place
from portal.models import Status

from .forms import RegistrationForm, TicketCodeForm
from .models import Event, EventRegistration, normalise_code
from .qr import qr_svg
from .services import check_in, check_in_problem

# Checking a ticket in is marking attendance, which the booking lifecycle gives to reviewers.
CHECK_IN_PERMISSION = "portal.review_application"
# Registrations that hold a seat or wait for one: "you are registered" on the event's page.
ACTIVE = (Status.REQUESTED, Status.WAITLISTED, Status.CONFIRMED, Status.ATTENDED)


def _seats(events) -> dict[int, Place]:
    """Each event's Place with its availability, in one query for any number of events."""
    places = Place.objects.filter(
        target_type=ContentType.objects.get_for_model(Event), target_id__in=[event.pk for event in events]
    ).with_availability()
    return {place.target_id: place for place in places}


def _with_seats(events):
    seats = _seats(events)
    for event in events:
        event.seats_place = seats.get(event.pk)
    return events


@require_GET
def event_list(request):
    events = _with_seats(list(Event.objects.published().upcoming().select_related("activity")))
    return render(request, "events/event_list.html", {"events": events})


@require_GET
def event_detail(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("activity"), slug=slug)
    _with_seats([event])
    mine = None
    if request.user.is_authenticated:
        mine = (
            EventRegistration.objects.for_user(request.user)
            .filter(event=event, status__in=[Status.DRAFT, *ACTIVE])
            .order_by("-created_at")
            .first()
        )
    context = {"event": event, "mine": mine, "open": event.takes_registrations()}
    return render(request, "events/event_detail.html", context)


def _check_context(application):
    return {"event": application.event}


journey = Journey(
    model=EventRegistration,
    details_form=RegistrationForm,
    namespace="events",
    details_label=gettext_lazy("Your registration"),
    check_context=_check_context,
    select_related=("event",),
    target_model=Event,
    target_lookup="slug",
)


@login_required
@require_GET
def ticket(request, reference):
    registration = get_object_or_404(
        EventRegistration.objects.for_user(request.user)
        .filter(status__in=[Status.CONFIRMED, Status.ATTENDED], ticket_code__isnull=False)
        .select_related("event"),
        reference=reference,
    )
    url = registration.check_in_url(request.build_absolute_uri("/"))
    qr = qr_svg(url, label=_("QR code of ticket %(code)s") % {"code": registration.ticket_code})
    context = {"registration": registration, "event": registration.event, "qr": qr}
    return render(request, "events/ticket.html", context)


@staff_required(CHECK_IN_PERMISSION)
@require_http_methods(["GET", "POST"])
def check_in_form(request):
    """Typing the code, for when the camera cannot be used: the page the QR opens, by another way."""
    form = TicketCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if EventRegistration.objects.filter(ticket_code=code).exists():
            return redirect("events:check_in_code", code)
        form.add_error("code", _("No ticket has this code. Check it and type it again."))
    return render(request, "events/check_in.html", {"form": form})


@staff_required(CHECK_IN_PERMISSION)
@require_http_methods(["GET", "POST"])
def check_in_code(request, code):
    """The page a ticket's QR code opens on the staff member's phone: who it is, and "Check in"."""
    code = normalise_code(code)
    registration = (
        EventRegistration.objects.filter(ticket_code=code)
        .select_related("event", "applicant__profile")
        .first()
    )
    if registration is None:
        form = TicketCodeForm(initial={"code": code})
        context = {"form": form, "unknown": code}
        return render(request, "events/check_in.html", context, status=404)
    if request.method == "POST":
        try:
            check_in(registration, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("events:check_in_code", code)
        messages.success(request, _("Checked in: %(name)s.") % {"name": _person(registration)})
        return redirect("events:check_in")
    context = {
        "registration": registration,
        "event": registration.event,
        "person": _person(registration),
        "problem": check_in_problem(registration),
        "back": reverse("events:check_in"),
    }
    return render(request, "events/check_in_code.html", context)


def _person(registration) -> str:
    profile = getattr(registration.applicant, "profile", None) if registration.applicant else None
    return f"{profile.name_zh} / {profile.name_en}" if profile else registration.reference
