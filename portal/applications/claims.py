"""No double claims: one mechanism for every scheme.

A scheme says what one of its applications claims (`Application.claim()` returns a `Claim`):
the subsidy, the months it pays; a stay, its nights; a post or a cohort, a key. Two applications
of the same scheme by the same person (the same account, or the same identity document) whose
claims overlap are the same claim. `workflow.perform` refuses to submit a second one while the
first holds its claim (`refuse_same_claim`, inside the workflow's transaction); staff see the
overlaps that exist anyway, e.g. from before a scheme declared its notion
(`mark_possible_duplicates`, a fixed number of queries for a whole page of the queue).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from portal.models import ApplicantProfile, Application

# While an application holds what it claims is its lifecycle's to say (`State.holds_claim`): in
# review, from submitting until a refusal or a withdrawal; a booking, until it is cancelled.


@dataclass(frozen=True)
class Claim:
    """A period (both days included), a key, or both; an empty Claim means "one at a time"."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    key: str = ""

    def overlaps(self, other: "Claim") -> bool:
        if self.key != other.key:
            return False
        if self.start is None or other.start is None:
            # A period against no period: nothing to compare, so not the same claim.
            return self.start is None and other.start is None
        return self.start <= other.end and other.start <= self.end


def identity_key(user_id: int | None) -> str:
    """The user's identity document as one comparable string, "" without a profile."""
    profile = ApplicantProfile.objects.filter(user_id=user_id).first() if user_id else None
    if profile is None or not profile.id_number_normalised:
        return ""
    return f"{profile.id_type}:{profile.id_number_normalised}"


def _same_person(application: Application) -> Q:
    person = Q(applicant_id=application.applicant_id) if application.applicant_id else Q(pk__in=[])
    if application.identity_key:
        person |= Q(identity_key=application.identity_key)
    return person


def same_claims(application: Application) -> list[Application]:
    """The same person's other applications of this scheme that hold a claim overlapping this one's."""
    claim = application.claim()
    if claim is None:
        return []
    others = (
        type(application)
        .objects.filter(_same_person(application), status__in=application.lifecycle.holding)
        .exclude(pk=application.pk)
        .order_by("submitted_at", "pk")
    )
    return [other for other in others if (theirs := other.claim()) is not None and claim.overlaps(theirs)]


def lock_person(user_id: int | None) -> str:
    """Lock the person's accounts, in id order, and return their identity key (see `identity_key`).

    That is the account itself and any whose profile holds the same document (the database lets
    only one profile hold a document, so this is nearly always one row). `workflow.perform` takes
    this lock before the application's, the order every write about a person takes (drafts,
    profile, consents, closing the account), so two of them cannot wait for each other.
    """
    key = identity_key(user_id)
    accounts = Q(pk=user_id)
    if key:
        id_type, number = key.split(":", 1)
        holders = ApplicantProfile.objects.filter(id_type=id_type, id_number_normalised=number)
        accounts |= Q(pk__in=holders.values("user_id"))
    users = get_user_model().objects
    ids = list(users.filter(accounts).values_list("pk", flat=True))
    list(users.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    return key


def refuse_same_claim(application: Application) -> None:
    """Raise ValidationError naming the other application if this one claims what another holds.

    `workflow.perform` calls it, holding `lock_person`, when an application starts holding its
    claim: two submits at once take turns on the person's rows, so the second sees the first.
    """
    if application.claim() is None:
        return
    same = same_claims(application)
    if same:
        other = same[0]
        raise ValidationError(
            _(
                "You already have an application for the same thing: %(reference)s (“%(status)s”), "
                "so this one cannot be submitted. If that one is wrong, withdraw it first or contact us."
            )
            % {"reference": other.reference, "status": other.get_status_display()},
            code="same_claim",
        )


def mark_possible_duplicates(applications: Iterable[Application]) -> None:
    """Set `possible_duplicates` on each application: the same person's overlapping claims, oldest first.

    For staff, on any page of applications of any schemes: one query per scheme on the page,
    however many rows. Refused and withdrawn applications are not flagged.
    """
    by_scheme: dict[str, list[Application]] = defaultdict(list)
    for application in applications:
        application.possible_duplicates = []
        by_scheme[application.scheme].append(application)
    for scheme, rows in by_scheme.items():
        model = Application.registry.get(scheme)
        if model is None or model.claim is Application.claim:
            continue  # the scheme has no notion of the same claim
        holding_states = rows[0].lifecycle.holding
        people = Q(applicant_id__in={r.applicant_id for r in rows if r.applicant_id}) | Q(
            identity_key__in={r.identity_key for r in rows if r.identity_key}
        )
        found = model.objects.filter(Q(pk__in=[r.pk for r in rows]) | (people & Q(status__in=holding_states)))
        specific = {row.pk: row for row in found.order_by("submitted_at", "pk")}
        claims = {pk: row.claim() for pk, row in specific.items()}
        order = {pk: n for n, pk in enumerate(specific)}
        holding: dict[tuple, list[Application]] = defaultdict(list)
        for pk, other in specific.items():
            if other.status in holding_states and claims[pk] is not None:
                for person in _people(other):
                    holding[person].append(other)
        for row in rows:
            mine = claims.get(row.pk)
            if mine is None or (row.status in row.lifecycle.decided and row.status not in holding_states):
                continue
            theirs = {
                other.pk: other for person in _people(row) for other in holding[person] if other.pk != row.pk
            }
            row.possible_duplicates = [
                other
                for other in sorted(theirs.values(), key=lambda other: order[other.pk])
                if mine.overlaps(claims[other.pk])
            ]


def _people(application: Application) -> list[tuple]:
    """The keys by which an application is someone's: its account, and its identity document."""
    return [
        key
        for key in (("account", application.applicant_id), ("document", application.identity_key))
        if key[1]
    ]
