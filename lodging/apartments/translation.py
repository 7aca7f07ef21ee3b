from modeltranslation.translator import TranslationOptions, register

from .models import Unit


@register(Unit)
class UnitTR(TranslationOptions):
    fields = ("name", "description", "address")
