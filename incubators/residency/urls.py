from django.urls import path

from . import views

app_name = "residency"
urlpatterns = [
    path("", views.index, name="index"),
    # The applicant's journey, under the base's slug (sign-in required; each application only
    # for its applicant).
    *views.journey.urls(),
]
