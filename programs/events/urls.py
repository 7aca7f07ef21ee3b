from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    # Staff at the door (verified staff who may mark attendance).
    path("check-in/", views.check_in_form, name="check_in"),
    path("check-in/<str:code>/", views.check_in_code, name="check_in_code"),
    # The applicant's ticket, for their own confirmed registration.
    path("ticket/<str:reference>/", views.ticket, name="ticket"),
    # The applicant's journey: <event>/apply/ and apply/<reference>/… (sign-in required). It has no
    # documents step, whose URL would answer only 404.
    *(pattern for pattern in views.journey.urls() if pattern.name != "apply_documents"),
    path("<slug:slug>/", views.event_detail, name="detail"),
]
