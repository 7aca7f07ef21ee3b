from django.urls import path

from . import views

app_name = "subsidies"
urlpatterns = [
    path("", views.internship_subsidy, name="internship"),
    # The applicant's journey (sign-in required; each application only for its applicant).
    path("apply/", views.apply, name="apply"),
    path("apply/<str:reference>/", views.apply_details, name="apply_details"),
    path("apply/<str:reference>/documents/", views.apply_documents, name="apply_documents"),
    path("apply/<str:reference>/check/", views.apply_check, name="apply_check"),
    path("apply/<str:reference>/done/", views.apply_done, name="apply_done"),
]
