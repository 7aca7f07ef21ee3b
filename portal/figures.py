"""The district's headline figures, computed from the catalogue's live data.

They are added up from the rows the home page shows anyway (the bases with their latest
snapshot, the programmes with their figures), so reporting them costs no extra query.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Headline:
    value: str
    label: str


def _total(snapshots, field):
    values = [getattr(s, field) for s in snapshots if getattr(s, field) is not None]
    return sum(values) if values else None


def headline_figures(incubators, programmes) -> list[Headline]:
    """`incubators` fetched with `with_latest_snapshot()`, `programmes` with their figures prefetched."""
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
        millions = f"{financing / 1_000_000:,.1f}"
        figures.append(
            Headline(_("RMB %(millions)s million") % {"millions": millions}, _("financing raised by teams"))
        )
    for programme in programmes:
        for figure in programme.figures.all():
            figures.append(Headline(f"{figure.value:,}", figure.label))
    return figures
