"""The staff site: access rules (`access`), bases every scheme's admin builds on (`base`), the queue.

Django's admin autodiscovery imports `portal.admin`, so the registrations are imported here.
"""

from . import queue  # noqa: F401
