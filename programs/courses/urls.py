from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("", views.course_list, name="list"),
    # The enrolment journey: starts under a session (<session slug>/apply/), then apply/<reference>/….
    # An enrolment asks for no document, so the journey's documents step (always 404 here) is left out.
    *(pattern for pattern in views.journey.urls() if pattern.name != "apply_documents"),
    path("<slug:slug>/", views.course_detail, name="detail"),
]
