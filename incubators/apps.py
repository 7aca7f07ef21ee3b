from django.apps import AppConfig


class IncubatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators"
