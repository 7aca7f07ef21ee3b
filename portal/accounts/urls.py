from django.urls import path

from . import views

app_name = "profile"
# Always the signed-in user's own: no URL here names a user, a profile or an id.
urlpatterns = [
    path("", views.profile_detail, name="detail"),
    path("profile/", views.profile_edit, name="edit"),
    path("data.json", views.data_export, name="export"),
    path("close/", views.account_close, name="close"),
]
