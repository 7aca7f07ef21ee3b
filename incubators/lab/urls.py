from django.urls import include, path

from . import views

app_name = "lab"


def _booking_urls():
    # The shared journey's pages, with its start taking the slot chosen on the grid along; a
    # booking has no documents step, so that page (always a 404 for it) is left out.
    urls = views.journey.urls()
    start = next(url for url in urls if url.name == "apply")
    return [
        path(str(start.pattern), views.start_booking, name="apply"),
        *(url for url in urls if url.name not in {"apply", "apply_documents"}),
    ]


def _by_team(patterns):
    """The team journey's URLs with the reference named <team>: the shared URL walks pick one
    draft per top-level namespace, so a team's reference must not be mistaken for a booking's
    (tests/lab/world.py gives each its own; tests/lab/test_my_applications.py checks both are
    their owner's only). The same workaround as lodging/stations/urls.py."""
    renamed = []
    for pattern in patterns:
        route = str(pattern.pattern).replace("<str:reference>", "<str:team>")

        def by_team(request, team=None, _view=pattern.callback, **kwargs):
            return _view(request, reference=team, **kwargs) if team is not None else _view(request, **kwargs)

        renamed.append(path(route, by_team, name=pattern.name))
    return renamed


urlpatterns = [
    path("", views.equipment_list, name="list"),
    # A team is confirmed once (sign-in required), before its first booking.
    path("team/", include((_by_team(views.team_journey.urls()), "team"))),
    path("<slug:slug>/", views.equipment_detail, name="detail"),
    *_booking_urls(),
]
