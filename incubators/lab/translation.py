from modeltranslation.translator import TranslationOptions, register

from .models import Equipment


@register(Equipment)
class EquipmentTR(TranslationOptions):
    fields = ("name", "description")
