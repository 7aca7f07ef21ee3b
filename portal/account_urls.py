from django.urls import path

app_name = "profile"
# Filled by the accounts work: profile, consents, data export, closing the account.
urlpatterns: list = []
