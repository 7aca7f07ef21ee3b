"""The district's headline figures, computed from the catalogue's live data.

They are added up from the rows the home page shows anyway (the bases with their latest
snapshot, the programmes with their figures), so reporting them costs no extra query.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext


@dataclass(frozen=True)
class Headline:
    value: str
    label: str


class Headlines(list):
    """The figures, and the date they were reported (the newest of their dates), for "as of April 2021"."""

    def __init__(self, figures, as_of: datetime.date | None):
        super().__init__(figures)
        self.as_of = as_of

    @classmethod
    def joined(cls, groups) -> "Headlines":
        groups = list(groups)
        dates = [group.as_of for group in groups if group.as_of]
        return cls([figure for group in groups for figure in group], max(dates, default=None))


def large_rmb(amount: int) -> str:
    """A large sum as each language counts it: "RMB 277.5 million", 「人民幣2.775億元」.

    Chinese counts in 億 (hundred millions), English in millions, so the size of the unit is
    translated along with the words.
    """
    unit = int(pgettext("size of the unit in 'RMB %(amount)s million'", "1000000"))
    number = f"{amount / unit:,.3f}".rstrip("0").rstrip(".")
    return _("RMB %(amount)s million") % {"amount": number}


def _total(snapshots, field):
    values = [getattr(s, field) for s in snapshots if getattr(s, field) is not None]
    return sum(values) if values else None


def base_figures(incubators) -> Headlines:
    """`incubators` fetched with `with_latest_snapshot()`: their space and latest statistics, added up."""
    snapshots = [i.latest_snapshots[0] for i in incubators if i.latest_snapshots]
    area = sum(i.area_m2 for i in incubators)
    figures = []
    if area:
        figures.append(Headline(_("%(area)s m²") % {"area": f"{area:,}"}, _("of space at the bases")))
    for field, label in [
        ("teams_incubated", _("teams incubated")),
        ("teams_approved", _("teams approved to join")),
        ("members_now", _("team members")),
    ]:
        if value := _total(snapshots, field):
            figures.append(Headline(f"{value:,}", label))
    if financing := _total(snapshots, "financing_rmb"):
        figures.append(Headline(large_rmb(financing), _("financing raised by teams")))
    return Headlines(figures, max((s.as_of for s in snapshots), default=None))


def programme_figures(programmes) -> Headlines:
    """`programmes` with their figures prefetched: each figure as the programme reports it."""
    figures = [programme_figure for programme in programmes for programme_figure in programme.figures.all()]
    return Headlines(
        [Headline(f"{figure.value:,}", figure.label) for figure in figures],
        max((figure.as_of for figure in figures if figure.as_of), default=None),
    )
