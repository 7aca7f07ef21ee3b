"""The review queue: every scheme's applications in one list, oldest first, with bulk actions."""

from django.contrib import admin

from portal.models import Application

from .base import ApplicationAdminBase, SchemeFilter
from .bulk import BulkActionsMixin


@admin.register(Application)
class ApplicationAdmin(BulkActionsMixin, ApplicationAdminBase):
    list_filter = (SchemeFilter, *ApplicationAdminBase.list_filter)

    class Media:
        css = {"all": ["staffbases/queue.css"]}
