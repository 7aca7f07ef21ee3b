"""The district's headline figures, computed from the catalogue's live data."""

from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _

from incubators.models import Incubator, StatisticsSnapshot
from programs.models import Figure


@dataclass(frozen=True)
class Headline:
    value: str
    label: str


def headline_figures() -> list[Headline]:
    bases = Incubator.objects.published().aggregate(area=Sum("area_m2"))
    latest = StatisticsSnapshot.objects.filter(incubator__is_published=True).latest_per_incubator()
    teams = latest.aggregate(
        incubated=Sum("teams_incubated"),
        approved=Sum("teams_approved"),
        members=Sum("members_now"),
        financing=Sum("financing_rmb"),
    )
    figures = []
    if bases["area"]:
        figures.append(
            Headline(_("%(area)s m²") % {"area": f"{bases['area']:,}"}, _("of space at the bases"))
        )
    if teams["incubated"]:
        figures.append(Headline(f"{teams['incubated']:,}", _("teams incubated")))
    if teams["approved"]:
        figures.append(Headline(f"{teams['approved']:,}", _("teams approved to join")))
    if teams["members"]:
        figures.append(Headline(f"{teams['members']:,}", _("team members")))
    if teams["financing"]:
        millions = teams["financing"] / 1_000_000
        figures.append(
            Headline(
                _("RMB %(millions)s million") % {"millions": f"{millions:,.1f}"},
                _("financing raised by teams"),
            )
        )
    for figure in Figure.objects.filter(programme__is_published=True).select_related("programme"):
        figures.append(Headline(f"{figure.value:,}", figure.label))
    return figures
