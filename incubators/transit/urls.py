from django.urls import path

from . import views

app_name = "transit"

urlpatterns = [
    path("", views.index, name="index"),
    *views.journey.urls(),
]
