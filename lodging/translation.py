from modeltranslation.translator import TranslationOptions, register

from .models import LodgingScheme


@register(LodgingScheme)
class LodgingSchemeTR(TranslationOptions):
    fields = ("name", "summary", "description", "who_for")
