from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    # Served only to the application's applicant and to staff allowed to review; anyone else gets 404.
    path("<int:pk>/", views.document_download, name="download"),
]
