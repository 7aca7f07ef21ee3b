from django.urls import include, path

from . import views

app_name = "makerlab"


def _by_member(patterns):
    """The membership journey's URLs with the reference named <member>, so the shared URL walks do not
    mistake a membership's reference for a booking's (the same workaround as incubators/lab/urls.py)."""
    renamed = []
    for pattern in patterns:
        route = str(pattern.pattern).replace("<str:reference>", "<str:member>")

        def by_member(request, member=None, _view=pattern.callback, **kwargs):
            if member is not None:
                return _view(request, reference=member, **kwargs)
            return _view(request, **kwargs)

        renamed.append(path(route, by_member, name=pattern.name))
    return renamed


urlpatterns = [
    path("", views.lab_list, name="list"),
    # Membership is checked once (sign-in required), before the first booking.
    path("membership/", include((_by_member(views.member_journey.urls()), "member"))),
    *views.journey.urls(),
]
