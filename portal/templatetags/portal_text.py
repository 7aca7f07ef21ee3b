from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def join_list(items):
    """Join names with the language's list separator (", " in English, "、" in Chinese)."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
