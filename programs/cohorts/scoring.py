"""The rubric's arithmetic: each reviewer scores alone; the scores are combined as a weighted mean.

A reviewer's score of a team is the weighted mean of their criteria's values (weights from the
cohort's rubric); the team's combined score is the plain mean of its reviewers' scores, so a
reviewer who scores everything high weighs no more than one who scores it low. Every function
reads a fixed number of queries, whatever the number of teams.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.models import Status

from .models import CohortApplication, Criterion, Score

# The teams the reviewers score: in coaching, or already decided on.
SCORED_STATUSES = (Status.ACCEPTED, Status.AWARDED, Status.NOT_AWARDED)
TWO_PLACES = Decimal("0.01")


def _weighted(rows) -> Decimal:
    total = sum(row["weight"] for row in rows)
    return Decimal(sum(row["weight"] * row["value"] for row in rows)) / Decimal(total)


def _rows(application_ids):
    return Score.objects.filter(application__in=application_ids).values(
        "application", "reviewer", "value", weight=F("criterion__weight")
    )


def combined_scores(application_ids) -> dict[int, dict]:
    """{application id: {"combined": Decimal, "reviewers": n}} for those with any score (one query)."""
    by_application: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(application_ids):
        by_application[row["application"]][row["reviewer"]].append(row)
    result = {}
    for application_id, reviewers in by_application.items():
        means = [_weighted(rows) for rows in reviewers.values()]
        combined = (sum(means) / len(means)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        result[application_id] = {"combined": combined, "reviewers": len(means)}
    return result


def ranking(cohort) -> list[CohortApplication]:
    """The cohort's scored teams, best combined score first (unscored last); three queries."""
    applications = list(
        CohortApplication.objects.filter(cohort=cohort, status__in=SCORED_STATUSES).select_related(
            "team", "applicant__profile"
        )
    )
    combined = combined_scores([a.pk for a in applications])
    for application in applications:
        found = combined.get(application.pk, {})
        application.combined_score = found.get("combined")
        application.reviewer_count = found.get("reviewers", 0)
    applications.sort(key=lambda a: (a.combined_score is None, -(a.combined_score or 0), a.pk))
    return applications


def has_scored(application, reviewer) -> bool:
    """Whether `reviewer` has scored `application` on every criterion: only then they see the others'."""
    needed = Criterion.objects.filter(cohort=application.cohort_id).count()
    given = Score.objects.filter(application=application, reviewer=reviewer).count()
    return needed > 0 and given >= needed


def record_scores(*, application, reviewer, values: dict[int, int]) -> None:
    """Store `reviewer`'s scores of `application` ({criterion id: 0–10}); they may change them later."""
    if application.status != Status.ACCEPTED:
        raise ValidationError(_("Only teams in the coaching period are scored."), code="not_accepted")
    criteria = {c.pk: c for c in Criterion.objects.filter(cohort=application.cohort_id)}
    if set(values) != set(criteria):
        raise ValidationError(_("Score every criterion."), code="incomplete")
    for value in values.values():
        if not 0 <= value <= 10:
            raise ValidationError(_("Each score is from 0 to 10."), code="range")
    with transaction.atomic():
        Score.objects.bulk_create(
            [
                Score(application=application, reviewer=reviewer, criterion=criteria[pk], value=value)
                for pk, value in values.items()
            ],
            update_conflicts=True,
            unique_fields=["application", "reviewer", "criterion"],
            update_fields=["value", "scored_at"],
        )


def snapshot(application) -> dict:
    """The scores as they stand, to keep with the decision (JSON)."""
    scores = Score.objects.filter(application=application).select_related("criterion", "reviewer")
    reviewers: dict[str, dict] = defaultdict(dict)
    for score in scores:
        reviewers[score.reviewer.get_username()][str(score.criterion.name)] = score.value
    combined = combined_scores([application.pk]).get(application.pk, {})
    return {
        "combined": str(combined["combined"]) if combined else None,
        "reviewers": dict(reviewers),
        "weights": {str(c.name): c.weight for c in Criterion.objects.filter(cohort=application.cohort_id)},
    }


def decision_note(application) -> str:
    """The line written with the decision: the combined score it was taken on."""
    combined = combined_scores([application.pk]).get(application.pk)
    if not combined:
        return _("No scores were given.")
    return ngettext(
        "Combined score %(score)s from %(count)d reviewer.",
        "Combined score %(score)s from %(count)d reviewers.",
        combined["reviewers"],
    ) % {
        "score": combined["combined"],
        "count": combined["reviewers"],
    }
