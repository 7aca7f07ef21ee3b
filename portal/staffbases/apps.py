from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffBasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal.staffbases"
    label = "staffbases"
    verbose_name = _("Staff per base")
    # No role edits who manages which base: that is access to applicants' data, so superusers
    # (the committee's administrators) grant it, and the admin's log keeps who did.
