from django.urls import path

from . import views

app_name = "cohorts"
urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("<slug:slug>/results/", views.results, name="results"),
    # The team's journey (sign-in required; each application only for its applicant).
    *views.journey.urls(),
]
