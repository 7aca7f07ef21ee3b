"""Rows the stations' tests need, made the way the portal makes them (through the workflow)."""

import datetime
import itertools

from django.utils import timezone

from lodging.models import LodgingScheme
from lodging.stations.models import (
    OVERTIME,
    YOUTH,
    HetaoWorkProof,
    Purpose,
    RoomType,
    YouthStationStay,
)
from portal.applications.workflow import perform
from portal.models import Document
from tests.people import create_staff

_serial = itertools.count(1)


def room_type(station=OVERTIME, *, rooms=1, slug=None, hotel="Harbour Hotel") -> RoomType:
    n = next(_serial)
    return RoomType.objects.create(
        scheme=LodgingScheme.objects.get(slug=station),
        slug=slug or f"{station}-room-{n}",
        hotel=hotel,
        hotel_en=hotel,
        hotel_zh_hant="海港酒店",
        hotel_zh_hans="海港酒店",
        name="Single room",
        name_en="Single room",
        name_zh_hant="單人房",
        name_zh_hans="单人房",
        address="1 Fubao Road, Futian",
        address_en="1 Fubao Road, Futian",
        address_zh_hant="福田區福保路1號",
        address_zh_hans="福田区福保路1号",
        rooms=rooms,
        order=n,
    )


def staff(name="desk", group="approver"):
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username=name).first()
    return found or create_staff(name, group)


def proof(applicant, *, actions=("submit", "start_review", "approve")) -> HetaoWorkProof:
    """`applicant`'s proof of work in Hetao, taken through `actions` (approved by default)."""
    profile = applicant.profile
    profile.works_in_hetao = True
    profile.save(update_fields=["works_in_hetao"])
    application = HetaoWorkProof.objects.create(
        applicant=applicant, employer="Hetao Labs Ltd", work_address="1 Hetao Road, Futian"
    )
    Document.objects.create(
        application=application,
        kind=HetaoWorkProof.DOCUMENT_KIND,
        file="applications/contract.pdf",
        original_name="contract.pdf",
        content_type="application/pdf",
        size=1234,
        uploaded_by=applicant,
    )
    for action in actions:
        perform(application, action, actor=applicant if action == "submit" else staff())
    application.refresh_from_db()
    return application


def youth_stay(applicant, room, *, arrival=None, nights=2, purpose=Purpose.TRAVEL, send=True):
    arrival = arrival or timezone.localdate() + datetime.timedelta(days=10)
    stay = YouthStationStay.objects.create(
        applicant=applicant, room_type=room, arrival=arrival, nights=nights, purpose=purpose
    )
    if send:
        perform(stay, "request", actor=applicant)
        stay.refresh_from_db()
    return stay


__all__ = ["OVERTIME", "YOUTH", "room_type", "proof", "youth_stay", "staff"]
