from django.urls import include, path

from . import views

app_name = "onestop"
urlpatterns = [
    path("", views.index, name="index"),
    # Counselling is a booking: no documents step, so no documents page.
    path(
        "counselling/",
        include(
            ([p for p in views.counselling_journey.urls() if p.name != "apply_documents"], "counselling")
        ),
    ),
    path("agency/", include((views.agency_journey.urls(), "agency"))),
]
