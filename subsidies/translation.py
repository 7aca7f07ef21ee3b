from modeltranslation.translator import TranslationOptions, register

from .models import SubsidyScheme, SubsidyTier


@register(SubsidyScheme)
class SubsidySchemeTR(TranslationOptions):
    fields = ("name", "summary", "who_for")


@register(SubsidyTier)
class SubsidyTierTR(TranslationOptions):
    fields = ("name",)
