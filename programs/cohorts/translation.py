from modeltranslation.translator import TranslationOptions, register

from .models import Cohort, Criterion


@register(Cohort)
class CohortTR(TranslationOptions):
    fields = ("name",)


@register(Criterion)
class CriterionTR(TranslationOptions):
    fields = ("name",)
