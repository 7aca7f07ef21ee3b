from modeltranslation.translator import TranslationOptions, register

from .models import TransitStation


@register(TransitStation)
class TransitStationTR(TranslationOptions):
    fields = ("name", "description")
