"""The review queue: every scheme's applications in one list, oldest first."""

from django.contrib import admin

from portal.models import Application

from .base import ApplicationAdminBase, SchemeFilter


@admin.register(Application)
class ApplicationAdmin(ApplicationAdminBase):
    list_filter = (SchemeFilter, *ApplicationAdminBase.list_filter)
