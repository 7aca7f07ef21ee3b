"""The lifecycles a scheme may choose, each a named table of states and transitions.

A scheme's application names one (`Application.LIFECYCLE`, "review" by default). Everything that
lists states (undecided, waiting for staff, holding a claim, the applicant's next step, the
queue's filter) and the timestamps `workflow.perform` sets are read from the table, never written
again elsewhere. `workflow.perform` is still the only way a status changes.
"""

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from portal.models import Status

APPLICANT, REVIEWER, APPROVER = "applicant", "reviewer", "approver"
# The portal itself, e.g. a booking confirmed at once because its rules pass and a place is free.
SYSTEM = "system"
# What a transition does with places (Transition.places).
TAKE, TAKE_OR_WAIT, ACCEPT, RELEASE = "take", "take_or_wait", "accept", "release"
# A state is the applicant's unfinished draft, open (someone still has to act) or decided.
DRAFT, OPEN, DECIDED = "draft", "open", "decided"


@dataclass(frozen=True)
class State:
    status: str
    kind: str
    next_step: str
    # While in this state the application holds what it claims (`portal.applications.claims`).
    holds_claim: bool = False

    @property
    def label(self):
        return Status(self.status).label


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    actor: str
    note_required: bool = False
    # Email the applicant. Every change staff make is news to them, and so is the confirmation of
    # their own submit or withdrawal (a record to keep, and a warning if it was not them); their
    # answer to a question is not: they just wrote it.
    notify: bool = True
    # The portal may also take it, with no person acting (`perform(..., actor=None)`).
    by_system: bool = False
    # The name of a method of the application returning a datetime (or None: no limit) after
    # which the action is refused, e.g. "cancel_cutoff".
    until: str = ""
    # What the transition does with the application's places (`portal.capacity.bookings`):
    # TAKE holds them (refused when full), TAKE_OR_WAIT holds them or puts the application on
    # their waiting list, ACCEPT turns an offer from the waiting list into holds, RELEASE frees them.
    places: str = ""


@dataclass(frozen=True)
class Lifecycle:
    name: str
    states: tuple[State, ...]
    transition_list: tuple[Transition, ...]

    @cached_property
    def transitions(self) -> dict[str, Transition]:
        return {t.action: t for t in self.transition_list}

    def state(self, status: str) -> State | None:
        return next((s for s in self.states if s.status == status), None)

    def _of_kind(self, *kinds) -> frozenset:
        return frozenset(s.status for s in self.states if s.kind in kinds)

    @cached_property
    def drafts(self) -> frozenset:
        return self._of_kind(DRAFT)

    @cached_property
    def undecided(self) -> frozenset:
        return self._of_kind(DRAFT, OPEN)

    @cached_property
    def decided(self) -> frozenset:
        return self._of_kind(DECIDED)

    @cached_property
    def holding(self) -> frozenset:
        return frozenset(s.status for s in self.states if s.holds_claim)

    @cached_property
    def waiting(self) -> frozenset:
        """Open states in which staff have something to do: the queue's "waiting for staff"."""
        staff = [t for t in self.transition_list if t.actor not in {APPLICANT, SYSTEM}]
        return frozenset(s for s in self._of_kind(OPEN) if any(s in t.sources for t in staff))

    @cached_property
    def submit_action(self) -> Transition:
        """The applicant's action that sends a draft (submit, request)."""
        return next(
            t
            for t in self.transition_list
            if t.actor == APPLICANT and t.sources <= self.drafts and t.target not in self.decided
        )

    @cached_property
    def withdraw_action(self) -> Transition:
        """The applicant's action that ends an undecided application (withdraw, cancel)."""
        return next(
            t
            for t in self.transition_list
            if t.actor == APPLICANT and t.target in self.decided and self.undecided - self.drafts <= t.sources
        )


S = Status
# How a review begins, shared by every lifecycle that reviews an application before deciding
# (review, cohort): sent, reviewed, a question asked and answered; and the reasoned refusal.
INTAKE_STATES = (
    State(S.DRAFT, DRAFT, _("Finish your application and submit it.")),
    State(S.SUBMITTED, OPEN, _("Nothing for now: we will review your application."), True),
    State(S.IN_REVIEW, OPEN, _("Nothing for now: staff are reviewing your application."), True),
    State(S.MORE_INFO, OPEN, _("Answer our question, with any documents we asked for."), True),
    State(S.RESUBMITTED, OPEN, _("Nothing for now: staff will read your answer."), True),
)
INTAKE = (
    Transition("submit", _("Submit"), frozenset({S.DRAFT}), S.SUBMITTED, APPLICANT),
    Transition(
        "start_review", _("Start review"), frozenset({S.SUBMITTED, S.RESUBMITTED}), S.IN_REVIEW, REVIEWER
    ),
    Transition(
        "request_info",
        _("Ask for more information"),
        frozenset({S.IN_REVIEW}),
        S.MORE_INFO,
        REVIEWER,
        note_required=True,
    ),
    Transition(
        "resubmit",
        _("Send the information"),
        frozenset({S.MORE_INFO}),
        S.RESUBMITTED,
        APPLICANT,
        note_required=True,
        notify=False,
    ),
)
REJECT = Transition(
    "reject",
    _("Reject"),
    frozenset({S.IN_REVIEW, S.RESUBMITTED}),
    S.REJECTED,
    APPROVER,
    note_required=True,
)
REVIEW_UNDECIDED = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.MORE_INFO, S.RESUBMITTED})

REVIEW = Lifecycle(
    "review",
    (
        *INTAKE_STATES,
        State(S.APPROVED, DECIDED, _("Nothing: your application is approved."), True),
        State(S.REJECTED, DECIDED, _("Nothing: the reason for the decision is in the timeline.")),
        State(S.WITHDRAWN, DECIDED, _("Nothing: you withdrew this application.")),
    ),
    (
        *INTAKE,
        # An approver may decide once the applicant has answered, without starting the review again.
        # A scheme with places (an apartment unit for the lease's dates) holds them on approval;
        # a full place refuses the approval and nothing changes.
        Transition(
            "approve",
            _("Approve"),
            frozenset({S.IN_REVIEW, S.RESUBMITTED}),
            S.APPROVED,
            APPROVER,
            places=TAKE,
        ),
        REJECT,
        Transition("withdraw", _("Withdraw"), REVIEW_UNDECIDED, S.WITHDRAWN, APPLICANT),
    ),
)

# A booking is decided when it is confirmed: the place is the applicant's. What follows
# (attendance, a late cancellation) changes a decided booking into another decided state.
BOOKED = frozenset({S.REQUESTED, S.WAITLISTED, S.CONFIRMED})
BOOKING = Lifecycle(
    "booking",
    (
        State(S.DRAFT, DRAFT, _("Finish your booking and send it.")),
        State(S.REQUESTED, OPEN, _("Nothing for now: staff will confirm your booking."), True),
        State(
            S.WAITLISTED,
            OPEN,
            _("Nothing for now: you are on the waiting list, and we will tell you when a place is free."),
            True,
        ),
        State(S.CONFIRMED, DECIDED, _("Come on the day, or cancel before the cut-off if you cannot."), True),
        State(S.ATTENDED, DECIDED, _("Nothing: thank you for coming."), True),
        State(S.NO_SHOW, DECIDED, _("Nothing: you were marked absent."), True),
        State(S.CANCELLED, DECIDED, _("Nothing: this booking is cancelled.")),
    ),
    (
        # Sending holds the places, or, when one is full, puts the booking on the waiting list
        # (the portal then takes "waitlist"); a scheme that confirms at once then takes "confirm".
        Transition("request", _("Book"), frozenset({S.DRAFT}), S.REQUESTED, APPLICANT, places=TAKE_OR_WAIT),
        Transition(
            "confirm",
            _("Confirm"),
            frozenset({S.REQUESTED, S.WAITLISTED}),
            S.CONFIRMED,
            REVIEWER,
            by_system=True,
            places=TAKE,
        ),
        Transition(
            "waitlist",
            _("Put on the waiting list"),
            frozenset({S.REQUESTED}),
            S.WAITLISTED,
            REVIEWER,
            by_system=True,
            places=TAKE_OR_WAIT,
        ),
        # A place was offered from the waiting list: taking it holds the place (and confirms at
        # once where the scheme does). An offer not taken in time lapses and moves on.
        Transition(
            "accept_offer",
            _("Take the place"),
            frozenset({S.WAITLISTED}),
            S.REQUESTED,
            APPLICANT,
            places=ACCEPT,
        ),
        Transition(
            "lapse",
            _("Offer lapsed"),
            frozenset({S.WAITLISTED}),
            S.CANCELLED,
            SYSTEM,
            by_system=True,
            places=RELEASE,
        ),
        Transition(
            "cancel", _("Cancel"), BOOKED, S.CANCELLED, APPLICANT, until="cancel_cutoff", places=RELEASE
        ),
        Transition(
            "cancel_by_staff",
            _("Cancel the booking"),
            BOOKED,
            S.CANCELLED,
            REVIEWER,
            note_required=True,
            places=RELEASE,
        ),
        # Attendance is marked after the event: no news for someone who came.
        Transition(
            "attended", _("Mark attended"), frozenset({S.CONFIRMED}), S.ATTENDED, REVIEWER, notify=False
        ),
        Transition("no_show", _("Mark absent"), frozenset({S.CONFIRMED}), S.NO_SHOW, REVIEWER),
    ),
)

# A programme's cohort: teams apply, staff review and accept them into the coaching period, and at
# the end the approvers award at most the cohort's number of awards (the award takes a place, so
# the database refuses an eleventh of ten) or not.
COHORT = Lifecycle(
    "cohort",
    (
        *INTAKE_STATES,
        State(
            S.ACCEPTED,
            OPEN,
            _("Take part in the coaching (your milestones are on this page); the awards come at the end."),
            True,
        ),
        State(S.AWARDED, DECIDED, _("Nothing: congratulations on your award."), True),
        State(S.NOT_AWARDED, DECIDED, _("Nothing: thank you for taking part.")),
        State(S.REJECTED, DECIDED, _("Nothing: the reason for the decision is in the timeline.")),
        State(S.WITHDRAWN, DECIDED, _("Nothing: you withdrew this application.")),
    ),
    (
        *INTAKE,
        Transition(
            "accept",
            _("Accept into the cohort"),
            frozenset({S.IN_REVIEW, S.RESUBMITTED}),
            S.ACCEPTED,
            APPROVER,
        ),
        REJECT,
        Transition("award", _("Award"), frozenset({S.ACCEPTED}), S.AWARDED, APPROVER, places=TAKE),
        Transition(
            "not_award",
            _("Do not award"),
            frozenset({S.ACCEPTED}),
            S.NOT_AWARDED,
            APPROVER,
            note_required=True,
        ),
        Transition("withdraw", _("Withdraw"), REVIEW_UNDECIDED | {S.ACCEPTED}, S.WITHDRAWN, APPLICANT),
    ),
)

# An application to a post with places (an internship): staff shortlist, then offer a place, which
# holds it until the applicant accepts or declines, or the offer expires (`offer_expires_at`).
PLACEMENT = Lifecycle(
    "placement",
    (
        State(S.DRAFT, DRAFT, _("Finish your application and submit it.")),
        State(
            S.SUBMITTED, OPEN, _("Nothing for now: the host and our staff will read your application."), True
        ),
        State(S.SHORTLISTED, OPEN, _("Nothing for now: you are on the shortlist."), True),
        State(S.OFFERED, OPEN, _("Accept or decline the offer before it expires."), True),
        State(
            S.ACCEPTED, DECIDED, _("Start on the first day; the internship subsidy can be applied for."), True
        ),
        State(S.DECLINED, DECIDED, _("Nothing: you declined the offer.")),
        State(S.EXPIRED, DECIDED, _("Nothing: the offer expired.")),
        State(S.REJECTED, DECIDED, _("Nothing: the reason for the decision is in the timeline.")),
        State(S.WITHDRAWN, DECIDED, _("Nothing: you withdrew this application.")),
    ),
    (
        Transition("submit", _("Submit"), frozenset({S.DRAFT}), S.SUBMITTED, APPLICANT),
        Transition("shortlist", _("Shortlist"), frozenset({S.SUBMITTED}), S.SHORTLISTED, REVIEWER),
        Transition(
            "offer",
            _("Offer a place"),
            frozenset({S.SUBMITTED, S.SHORTLISTED}),
            S.OFFERED,
            APPROVER,
            places=TAKE,
        ),
        Transition("accept_place", _("Accept the offer"), frozenset({S.OFFERED}), S.ACCEPTED, APPLICANT),
        Transition(
            "decline", _("Decline the offer"), frozenset({S.OFFERED}), S.DECLINED, APPLICANT, places=RELEASE
        ),
        Transition(
            "expire",
            _("Offer expired"),
            frozenset({S.OFFERED}),
            S.EXPIRED,
            SYSTEM,
            by_system=True,
            places=RELEASE,
        ),
        Transition(
            "reject",
            _("Reject"),
            frozenset({S.SUBMITTED, S.SHORTLISTED}),
            S.REJECTED,
            REVIEWER,
            note_required=True,
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            frozenset({S.DRAFT, S.SUBMITTED, S.SHORTLISTED, S.OFFERED}),
            S.WITHDRAWN,
            APPLICANT,
            places=RELEASE,
        ),
    ),
)

LIFECYCLES: dict[str, Lifecycle] = {
    lifecycle.name: lifecycle for lifecycle in (REVIEW, BOOKING, COHORT, PLACEMENT)
}


def all_states() -> list[State]:
    """Every lifecycle's states, each status once, in the order the lifecycles list them."""
    seen: dict[str, State] = {}
    for lifecycle in LIFECYCLES.values():
        for state in lifecycle.states:
            seen.setdefault(state.status, state)
    return list(seen.values())


def statuses(attribute: str) -> frozenset:
    """The union over every lifecycle of one of its lists (e.g. "waiting", "drafts")."""
    return frozenset().union(*(getattr(lifecycle, attribute) for lifecycle in LIFECYCLES.values()))


def all_transitions() -> list[Transition]:
    """Every lifecycle's transitions, each action name once."""
    seen: dict[str, Transition] = {}
    for lifecycle in LIFECYCLES.values():
        for transition in lifecycle.transition_list:
            seen.setdefault(transition.action, transition)
    return list(seen.values())
