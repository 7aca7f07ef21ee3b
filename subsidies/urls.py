from django.urls import path

from . import views

app_name = "subsidies"
urlpatterns = [
    path("", views.internship_subsidy, name="internship"),
    # The applicant's journey (sign-in required; each application only for its applicant).
    *views.journey.urls(),
]
