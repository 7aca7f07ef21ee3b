from django.urls import include, path

from . import views

app_name = "stations"


def _by_proof(patterns):
    """The proof journey's URLs with its reference named <proof>, so the shared URL tests tell a
    proof's reference from a stay's (tests/stations/world.py gives each its own)."""
    renamed = []
    for pattern in patterns:
        route = str(pattern.pattern).replace("<str:reference>", "<str:proof>")
        view = pattern.callback

        def by_proof(request, proof=None, _view=view, **kwargs):
            return (
                _view(request, reference=proof, **kwargs) if proof is not None else _view(request, **kwargs)
            )

        renamed.append(path(route, by_proof, name=pattern.name))
    return renamed


urlpatterns = [
    path("overtime/", views.overtime, name="overtime"),
    path("overtime/tonight/", views.tonight, name="tonight"),
    path("overtime/proof/", include((_by_proof(views.proof_journey.urls()), "proof"))),
    path("youth/", views.youth, name="youth"),
    # The youth station's journey: <room type>/apply/, then the shared steps.
    # It has no documents step, so no documents page either.
    path("youth/", include([p for p in views.youth_journey.urls() if p.name != "apply_documents"])),
]
