from modeltranslation.translator import TranslationOptions, register

from .models import Course, CourseSession


@register(Course)
class CourseTR(TranslationOptions):
    fields = ("name", "summary", "description")


@register(CourseSession)
class CourseSessionTR(TranslationOptions):
    fields = ("venue",)
