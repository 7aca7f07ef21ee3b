from django.urls import path

from . import views

app_name = "posts"
urlpatterns = [
    path("", views.post_list, name="list"),
    # The student's answer to an offer, and the way on to the subsidy (their own application only).
    path("answer/<str:reference>/", views.answer, name="answer"),
    path("subsidy/<str:reference>/", views.subsidy, name="subsidy"),
    # The journey: <post>/apply/ and apply/<reference>/… (sign-in required).
    *views.journey.urls(),
    path("<slug:slug>/", views.post_detail, name="detail"),
]
