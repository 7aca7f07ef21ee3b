from modeltranslation.translator import TranslationOptions, register

from .models import RoomType


@register(RoomType)
class RoomTypeTR(TranslationOptions):
    fields = ("hotel", "name", "address")
