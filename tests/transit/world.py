"""The transit station's rows and URLs for the shared walks (tests/worlds.py)."""

import datetime

from django.utils import timezone

from incubators.teams.models import Team
from incubators.transit import demo
from incubators.transit.models import TransitDeskApplication
from portal.applications.workflow import perform

NAMESPACES = {"transit"}
PUBLIC = {"transit:index"}
APPLICANT = {"transit:apply", "transit:apply_details", "transit:apply_check", "transit:apply_done"}
STAFF_OUTSIDE_ADMIN: set = set()


def build(owner) -> dict:
    station = demo.create()
    team = Team.objects.create(name="World transit team", lead=owner)
    application = TransitDeskApplication.objects.create(
        applicant=owner,
        station=station,
        team=team,
        first_office=True,
        start_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    perform(application, "submit", actor=owner)
    draft = TransitDeskApplication.objects.create(applicant=owner, station=station)
    return {"application": application, "draft": draft, "values": {"target": station.slug}}
