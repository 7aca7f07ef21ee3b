from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def join_list(items):
    """Join names with the language's list separator (", " in English, "、" in Chinese)."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


@register.simple_tag
def site_address():
    """The portal's public address (SITE_URL) for emails: never the host a request happened to use."""
    from django.conf import settings

    return settings.SITE_URL.rstrip("/")
