"""factory_boy factories for catalogue rows the seed file does not have (more bases, more programmes).

Translated fields are given in all three languages, as staff enter them in the admin.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from incubators.models import Equipment, Facility, FieldOfWork, Incubator, Photo, Service, StatisticsSnapshot
from programs.models import Audience, Feature, Figure, Programme


class FieldOfWorkFactory(DjangoModelFactory):
    class Meta:
        model = FieldOfWork

    slug = factory.Sequence(lambda n: f"field-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"領域 {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")
    name_zh_hans = factory.Sequence(lambda n: f"领域 {n}")


class AudienceFactory(DjangoModelFactory):
    class Meta:
        model = Audience

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"對象 {n}")
    name_en = factory.Sequence(lambda n: f"Audience {n}")
    name_zh_hans = factory.Sequence(lambda n: f"对象 {n}")


class IncubatorFactory(DjangoModelFactory):
    class Meta:
        model = Incubator
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"base-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"基地 {n}")
    name_en = factory.Sequence(lambda n: f"Base {n}")
    name_zh_hans = factory.Sequence(lambda n: f"基地 {n}")
    short_name_zh_hant = factory.Sequence(lambda n: f"基地 {n}")
    short_name_en = factory.Sequence(lambda n: f"Base {n}")
    short_name_zh_hans = factory.Sequence(lambda n: f"基地 {n}")
    summary_zh_hant = "青年基地。"
    summary_en = "A base for young people."
    summary_zh_hans = "青年基地。"
    address_zh_hant = "福田"
    address_en = "Futian"
    address_zh_hans = "福田"
    floors_zh_hant = "1 樓"
    floors_en = "1/F"
    floors_zh_hans = "1 楼"
    area_m2 = 1000
    order = factory.Sequence(lambda n: 100 + n)

    @factory.post_generation
    def fields_of_work(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_work.set(extracted)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    incubator = factory.SubFactory(IncubatorFactory)
    key = factory.Sequence(lambda n: f"service-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"服務 {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    name_zh_hans = factory.Sequence(lambda n: f"服务 {n}")


class FacilityFactory(DjangoModelFactory):
    class Meta:
        model = Facility

    incubator = factory.SubFactory(IncubatorFactory)
    key = factory.Sequence(lambda n: f"facility-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"設施 {n}")
    name_en = factory.Sequence(lambda n: f"Facility {n}")
    name_zh_hans = factory.Sequence(lambda n: f"设施 {n}")
    description_zh_hant = "共享設施。"
    description_en = "A shared facility."
    description_zh_hans = "共享设施。"


class EquipmentFactory(DjangoModelFactory):
    class Meta:
        model = Equipment

    facility = factory.SubFactory(FacilityFactory)
    key = factory.Sequence(lambda n: f"equipment-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"設備 {n}")
    name_en = factory.Sequence(lambda n: f"Equipment {n}")
    name_zh_hans = factory.Sequence(lambda n: f"设备 {n}")


class StatisticsSnapshotFactory(DjangoModelFactory):
    class Meta:
        model = StatisticsSnapshot

    incubator = factory.SubFactory(IncubatorFactory)
    as_of = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))
    teams_incubated = 5
    teams_approved = 3
    members_now = 20
    financing_rmb = 1_000_000


class PhotoRowFactory(DjangoModelFactory):
    """A photo row pointing at stored files, without an upload to process (for query counts)."""

    class Meta:
        model = Photo

    incubator = factory.SubFactory(IncubatorFactory)
    image = factory.Sequence(lambda n: f"incubators/photo-{n}.jpg")
    thumbnail = factory.Sequence(lambda n: f"incubators/thumbs/photo-{n}-thumb.jpg")
    caption_zh_hant = factory.Sequence(lambda n: f"照片 {n}")
    caption_en = factory.Sequence(lambda n: f"A photo {n}")
    caption_zh_hans = factory.Sequence(lambda n: f"照片 {n}")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"計劃 {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")
    name_zh_hans = factory.Sequence(lambda n: f"计划 {n}")
    summary_zh_hant = "計劃內容。"
    summary_en = "What it offers."
    summary_zh_hans = "计划内容。"
    category = Programme.Category.ENTREPRENEURSHIP
    group = Programme.Group.PROGRAMMES
    order = factory.Sequence(lambda n: 100 + n)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)


class FeatureFactory(DjangoModelFactory):
    class Meta:
        model = Feature

    programme = factory.SubFactory(ProgrammeFactory)
    key = factory.Sequence(lambda n: f"feature-{n}")
    name_zh_hant = factory.Sequence(lambda n: f"特點 {n}")
    name_en = factory.Sequence(lambda n: f"Feature {n}")
    name_zh_hans = factory.Sequence(lambda n: f"特点 {n}")


class FigureFactory(DjangoModelFactory):
    class Meta:
        model = Figure

    programme = factory.SubFactory(ProgrammeFactory)
    key = factory.Sequence(lambda n: f"figure-{n}")
    value = factory.Sequence(lambda n: 1000 + n)
    label_zh_hant = "服務人次"
    label_en = "people served"
    label_zh_hans = "服务人次"


def incubator_with_everything(**kwargs) -> Incubator:
    """A base as full as the real ones: fields, services, facilities with equipment, snapshots, photos."""
    incubator = IncubatorFactory(fields_of_work=FieldOfWorkFactory.create_batch(2), **kwargs)
    ServiceFactory.create_batch(5, incubator=incubator)
    for facility in FacilityFactory.create_batch(2, incubator=incubator):
        EquipmentFactory.create_batch(3, facility=facility)
    StatisticsSnapshotFactory.create_batch(3, incubator=incubator)
    PhotoRowFactory.create_batch(2, incubator=incubator)
    return incubator


def programme_with_everything(audiences, **kwargs) -> Programme:
    programme = ProgrammeFactory(audiences=audiences, **kwargs)
    FigureFactory.create_batch(2, programme=programme)
    FeatureFactory.create_batch(2, programme=programme)
    return programme
