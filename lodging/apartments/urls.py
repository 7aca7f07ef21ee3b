from django.urls import path

from . import views

app_name = "apartments"
urlpatterns = [
    path("", views.unit_list, name="units"),
    # The applicant's journey, under the unit (sign-in required; each application only for its
    # applicant). It asks for no document (eligibility is checked by staff), so its documents
    # step, whose URL would answer only 404, is not mounted.
    *(pattern for pattern in views.journey.urls() if pattern.name != "apply_documents"),
]
