from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTR(TranslationOptions):
    fields = ("name", "description", "venue")
