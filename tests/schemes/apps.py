from django.apps import AppConfig


class TestSchemesConfig(AppConfig):
    """Schemes that exist only for the tests (installed when TEST_SCHEMES is on, as pytest sets)."""

    name = "tests.schemes"
    label = "test_schemes"
    default_auto_field = "django.db.models.BigAutoField"
