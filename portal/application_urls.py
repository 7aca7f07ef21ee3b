from django.urls import path

app_name = "applications"
# Filled by the applications work: list, detail/timeline, respond, withdraw.
urlpatterns: list = []
