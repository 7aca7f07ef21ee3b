from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Audience, CourseCategory, Feature, Figure, Office, Programme


@register(Audience)
class AudienceTR(TranslationOptions):
    fields = ("name",)


@register(Office)
class OfficeTR(TranslationOptions):
    fields = ("name", "address", "hours")


@register(Programme)
class ProgrammeTR(TranslationOptions):
    fields = ("name", "summary", "description", "partner")


@register(Feature)
class FeatureTR(TranslationOptions):
    fields = ("name", "description")


@register(Figure)
class FigureTR(TranslationOptions):
    fields = ("label",)


@register(CourseCategory)
class CourseCategoryTR(TranslationOptions):
    fields = ("name", "description")


@register(Activity)
class ActivityTR(TranslationOptions):
    fields = ("name", "description")
