"""The application workflow, defined once for every scheme.

TRANSITIONS is the whole lifecycle as data: each action, who may take it, from which
states, to which state, whether the applicant is emailed. `perform` is the only way a status
changes: it locks the row, checks the table, saves, records a StatusChange and, after commit,
emails the applicant when the table says so.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Application, Status, StatusChange

from .claims import HOLDING, lock_person, refuse_same_claim
from .tasks import send_status_email

APPLICANT, REVIEWER, APPROVER = "applicant", "reviewer", "approver"
# What each staff role needs, as Django permissions (groups carry them).
ROLE_PERMISSIONS = {REVIEWER: "portal.review_application", APPROVER: "portal.decide_application"}
UNDECIDED = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO, Status.RESUBMITTED}
)


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


TRANSITIONS = {
    t.action: t
    for t in [
        Transition("submit", _("Submit"), frozenset({Status.DRAFT}), Status.SUBMITTED, APPLICANT),
        Transition(
            "start_review",
            _("Start review"),
            frozenset({Status.SUBMITTED, Status.RESUBMITTED}),
            Status.IN_REVIEW,
            REVIEWER,
        ),
        Transition(
            "request_info",
            _("Ask for more information"),
            frozenset({Status.IN_REVIEW}),
            Status.MORE_INFO,
            REVIEWER,
            note_required=True,
        ),
        Transition(
            "resubmit",
            _("Send the information"),
            frozenset({Status.MORE_INFO}),
            Status.RESUBMITTED,
            APPLICANT,
            note_required=True,
            notify=False,
        ),
        # An approver may decide once the applicant has answered, without starting the review again.
        Transition(
            "approve",
            _("Approve"),
            frozenset({Status.IN_REVIEW, Status.RESUBMITTED}),
            Status.APPROVED,
            APPROVER,
        ),
        Transition(
            "reject",
            _("Reject"),
            frozenset({Status.IN_REVIEW, Status.RESUBMITTED}),
            Status.REJECTED,
            APPROVER,
            note_required=True,
        ),
        Transition("withdraw", _("Withdraw"), UNDECIDED, Status.WITHDRAWN, APPLICANT),
    ]
}


class TransitionError(ValidationError):
    """The action cannot be taken now; the message says why, for the person who tried."""


def may_act(user, application: Application, transition: Transition) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if transition.actor == APPLICANT:
        return application.applicant_id == user.pk
    return user.is_staff and user.has_perm(ROLE_PERMISSIONS[transition.actor])


def available_actions(user, application: Application) -> list[Transition]:
    """The actions `user` may take on `application` in its current state (for buttons)."""
    return [
        t for t in TRANSITIONS.values() if application.status in t.sources and may_act(user, application, t)
    ]


def perform(
    application: Application, action: str, *, actor, note: str = "", expected_status: str | None = None
) -> StatusChange:
    """Apply `action` to `application` as `actor`, all or nothing.

    `expected_status` is the status the actor saw when deciding; if someone else moved the
    application meanwhile, the action is refused rather than applied to a state nobody saw.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("Unknown action."), code="unknown_action")
    note = note.strip()
    if transition.note_required and not note:
        raise TransitionError(_("Please write a note: the applicant will read it."), code="note_required")
    # Lock and work on the scheme's own model, so its hooks see the row as it now is.
    model = Application.registry.get(application.scheme, type(application))
    # From this action on, the application holds what it claims: the same person may not hold it twice.
    starts_claim = transition.target in HOLDING and transition.sources.isdisjoint(HOLDING)
    with transaction.atomic():
        if starts_claim:
            identity_key = lock_person(application.applicant_id)
        # Lock the row: of two people acting at once, the second waits, then sees the new state.
        locked = model.objects.select_for_update().get(pk=application.pk)
        if not may_act(actor, locked, transition):
            raise PermissionDenied(_("You may not do this."))
        if expected_status is not None and locked.status != expected_status:
            raise TransitionError(
                _(
                    "This application changed while you were looking at it: it is now “%(status)s”. "
                    "Nothing was saved; please look again."
                )
                % {"status": locked.get_status_display()},
                code="changed",
            )
        if locked.status not in transition.sources:
            raise TransitionError(
                _("This cannot be done while the application is “%(status)s”.")
                % {"status": locked.get_status_display()},
                code="wrong_state",
            )
        locked.check_before(action)
        previous = locked.status
        if starts_claim:
            locked.identity_key = identity_key
            refuse_same_claim(locked)
        locked.status = transition.target
        now = timezone.now()
        if transition.target == Status.SUBMITTED:
            locked.submitted_at = now
        if transition.target in {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN}:
            locked.decided_at = now
        if transition.actor != APPLICANT and locked.assigned_to_id is None:
            locked.assigned_to = actor
        locked.save(
            update_fields=[
                "status",
                "submitted_at",
                "decided_at",
                "assigned_to",
                "identity_key",
                "updated_at",
            ]
        )
        change = StatusChange.objects.create(
            application=locked,
            action=action,
            from_status=previous,
            to_status=transition.target,
            actor=actor,
            by_staff=transition.actor != APPLICANT,
            note=note,
            at=now,
        )
        locked.after(action, actor=actor)
        if transition.notify:
            transaction.on_commit(lambda: send_status_email.enqueue(change.pk))
    # Keep the caller's object in step with the database.
    application.status = locked.status
    application.submitted_at, application.decided_at = locked.submitted_at, locked.decided_at
    application.assigned_to_id = locked.assigned_to_id
    return change
