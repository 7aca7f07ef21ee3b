from django.urls import path

from . import views

app_name = "teams"
urlpatterns = [
    path("", views.team_list, name="list"),
    path("new/", views.team_create, name="create"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path("<int:pk>/edit/", views.team_edit, name="edit"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
