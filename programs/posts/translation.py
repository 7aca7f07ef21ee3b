from modeltranslation.translator import TranslationOptions, register

from .models import Post


@register(Post)
class PostTR(TranslationOptions):
    fields = ("title", "description", "location")
