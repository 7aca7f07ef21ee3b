"""The application workflow, defined once for every scheme.

Each scheme's lifecycle (`portal.applications.lifecycles`) is data: each action, who may take
it, from which states, to which state, whether the applicant is emailed. `perform` is the only way a status
changes: it locks the row, checks the table, saves, records a StatusChange and, after commit,
emails the applicant when the table says so.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from portal.capacity.bookings import apply_places
from portal.models import Application, StatusChange

from .claims import lock_person, refuse_same_claim
from .lifecycles import APPLICANT, APPROVER, LIFECYCLES, REVIEWER, SYSTEM, Transition
from .tasks import send_status_email

__all__ = ["APPLICANT", "APPROVER", "REVIEWER", "SYSTEM", "LIFECYCLES", "Transition"]

# What each staff role needs, as Django permissions (groups carry them).
ROLE_PERMISSIONS = {REVIEWER: "portal.review_application", APPROVER: "portal.decide_application"}


class TransitionError(ValidationError):
    """The action cannot be taken now; the message says why, for the person who tried."""


def may_act(user, application: Application, transition: Transition) -> bool:
    """Whether `user` may take `transition`; None is the portal itself, which may take only the
    transitions the table lets it (`by_system`)."""
    if user is None:
        return transition.by_system
    if transition.actor == SYSTEM:
        return False
    if not user.is_authenticated or not user.is_active:
        return False
    if transition.actor == APPLICANT:
        return application.applicant_id == user.pk
    return user.is_staff and user.has_perm(ROLE_PERMISSIONS[transition.actor])


def too_late(application: Application, transition: Transition, now=None):
    """The cut-off `transition` is past on `application`, or None while it may still be taken."""
    if not transition.until:
        return None
    cutoff = getattr(application, transition.until)()
    return cutoff if cutoff is not None and (now or timezone.now()) >= cutoff else None


def available_actions(user, application: Application) -> list[Transition]:
    """The actions `user` may take on `application` in its current state (for buttons)."""
    return [
        t
        for t in application.lifecycle.transition_list
        if application.status in t.sources
        and may_act(user, application, t)
        and too_late(application, t) is None
    ]


def perform(
    application: Application, action: str, *, actor, note: str = "", expected_status: str | None = None
) -> StatusChange:
    """Apply `action` to `application` as `actor`, all or nothing.

    `expected_status` is the status the actor saw when deciding; if someone else moved the
    application meanwhile, the action is refused rather than applied to a state nobody saw.
    """
    # Lock and work on the scheme's own model, so its hooks see the row as it now is.
    model = Application.registry.get(application.scheme, type(application))
    lifecycle = LIFECYCLES[model.LIFECYCLE]
    transition = lifecycle.transitions.get(action)
    if transition is None:
        raise TransitionError(_("Unknown action."), code="unknown_action")
    note = note.strip()
    if transition.note_required and not note:
        raise TransitionError(_("Please write a note: the applicant will read it."), code="note_required")
    # From this action on, the application holds what it claims: the same person may not hold it twice.
    starts_claim = transition.target in lifecycle.holding and transition.sources.isdisjoint(lifecycle.holding)
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
        now = timezone.now()
        if (cutoff := too_late(locked, transition, now)) is not None:
            raise TransitionError(
                _("This can no longer be done: the cut-off was %(time)s.")
                % {"time": formats.date_format(timezone.localtime(cutoff), "DATETIME_FORMAT")},
                code="too_late",
            )
        if action == lifecycle.submit_action.action and model.PREREQUISITE:
            needed = Application.registry[model.PREREQUISITE]
            if needed.standing_approval(locked.applicant, now) is None:
                raise TransitionError(
                    _("First, %(scheme)s: staff check it once, and then you can book.")
                    % {"scheme": needed._meta.verbose_name},
                    code="prerequisite",
                )
        locked.check_before(action)
        previous = locked.status
        if starts_claim:
            locked.identity_key = identity_key
            refuse_same_claim(locked)
        locked.status = transition.target
        # Sent when it leaves the draft for someone to act on; decided when it enters a decided state.
        if previous in lifecycle.drafts and transition.target not in lifecycle.decided | lifecycle.drafts:
            locked.submitted_at = now
        if transition.target in lifecycle.decided:
            locked.decided_at = now
        if actor is not None and transition.actor != APPLICANT and locked.assigned_to_id is None:
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
            by_staff=actor is not None and transition.actor != APPLICANT,
            note=note,
            at=now,
        )
        # Places taken or freed (portal.capacity.bookings): a full place refuses the whole action.
        follow = apply_places(locked, transition, now=now)
        locked.after(action, actor=actor)
        if follow:
            # The portal's own next step (confirmed at once, or put on the waiting list): the
            # applicant is told only where the booking ended up, in one email.
            perform(locked, follow, actor=None)
        elif transition.notify:
            transaction.on_commit(lambda: send_status_email.enqueue(change.pk))
    # Keep the caller's object in step with the database.
    application.status = locked.status
    application.submitted_at, application.decided_at = locked.submitted_at, locked.decided_at
    application.assigned_to_id = locked.assigned_to_id
    return change
