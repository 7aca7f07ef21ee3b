"""`{% current_office as office %}`: the office's contact details and settings on any page.

A tag rather than view context, so every page that says "contact the office" or states one of
the office's rules (programmes, lodging, the subsidy, the contact page) reads the same row
without each view fetching it.
"""

from django import template

from programs.models import Office

register = template.Library()


@register.simple_tag
def current_office() -> Office:
    return Office.current()
