from modeltranslation.translator import TranslationOptions, register

from .models import MakerLab


@register(MakerLab)
class MakerLabTR(TranslationOptions):
    fields = ("name", "description")
