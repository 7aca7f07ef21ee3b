"""The review queue: every scheme's applications in one list, oldest first."""

from django.contrib import admin

from .admin_base import ApplicationAdminBase, SchemeFilter
from .models import Application


@admin.register(Application)
class ApplicationAdmin(ApplicationAdminBase):
    list_filter = (SchemeFilter, *ApplicationAdminBase.list_filter)
