from modeltranslation.translator import TranslationOptions, register

from .models import Equipment, Facility, FieldOfWork, Incubator, Photo, Service, StatisticsSnapshot


@register(FieldOfWork)
class FieldOfWorkTR(TranslationOptions):
    fields = ("name",)


@register(Incubator)
class IncubatorTR(TranslationOptions):
    fields = ("name", "short_name", "summary", "description", "address", "floors", "advantages")


@register(Service)
class ServiceTR(TranslationOptions):
    fields = ("name", "description")


@register(Facility)
class FacilityTR(TranslationOptions):
    fields = ("name", "description", "who_for")


@register(Equipment)
class EquipmentTR(TranslationOptions):
    fields = ("name",)


@register(StatisticsSnapshot)
class StatisticsSnapshotTR(TranslationOptions):
    fields = ("recognitions", "highlights")


@register(Photo)
class PhotoTR(TranslationOptions):
    fields = ("caption",)
