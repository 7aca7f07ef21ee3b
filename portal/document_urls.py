from django.urls import path

app_name = "documents"
# Filled by the applications work: download a document (owner or allowed staff only).
urlpatterns: list = []
