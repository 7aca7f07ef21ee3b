from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("<str:reference>/", views.application_detail, name="detail"),
    path("<str:reference>/respond/", views.application_respond, name="respond"),
    path("<str:reference>/withdraw/", views.application_withdraw, name="withdraw"),
    path("<str:reference>/accept/", views.application_accept, name="accept"),
    path("<str:reference>/calendar.ics", views.application_calendar, name="calendar"),
]
