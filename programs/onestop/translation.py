from modeltranslation.translator import TranslationOptions, register

from .models import AgencyStep


@register(AgencyStep)
class AgencyStepTR(TranslationOptions):
    fields = ("name",)
