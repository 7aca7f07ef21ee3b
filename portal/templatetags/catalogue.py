from django import template

from portal.catalogue.actions import actions_for

register = template.Library()


@register.simple_tag
def catalogue_actions(item) -> list[dict]:
    """What can be done online about `item`: `{% catalogue_actions programme as actions %}`."""
    return actions_for(item)
