"""The writes that span models for posts: a post's places, and offers that expire.

Places are counted only by `portal.capacity` (one Place per post, timed as the internship);
statuses change only through `workflow.perform`.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.applications.workflow import perform
from portal.capacity.models import Place
from portal.capacity.services import locked_for_resize, resize

from .models import Post, PostApplication


def post_place(post: Post) -> Place:
    """The post's one Place, created with the internship's dates and the post's places when missing."""
    place = Place.objects.for_target(post).first()
    if place is None:
        starts_at, ends_at = post.span()
        # Two first offers at once: the unique constraint keeps one row, both then read it.
        Place.objects.bulk_create(
            [
                Place(
                    target_type=ContentType.objects.get_for_model(Post),
                    target_id=post.pk,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    size=post.places,
                )
            ],
            ignore_conflicts=True,
        )
        place = Place.objects.for_target(post).get()
    return place


def check_places(post: Post, places: int | None) -> None:
    """Refuse `places` below what is offered or accepted now (for the admin form, on "places").

    Call it inside the transaction that then saves (the admin's): the place stays locked until then.
    """
    if post.pk is None or places is None:
        return
    place = Place.objects.for_target(post).first()
    if place is None:
        return
    try:
        locked_for_resize(place).check_size(places)
    except ValidationError as error:
        raise ValidationError({"places": error.message_dict["size"]}, code="below_held") from error


def save_places(post: Post) -> Place:
    """Make the post's Place match it (dates and places) after staff saved it."""
    with transaction.atomic():
        place = post_place(post)
        starts_at, ends_at = post.span()
        if (place.starts_at, place.ends_at) != (starts_at, ends_at):
            Place.objects.filter(pk=place.pk).update(starts_at=starts_at, ends_at=ends_at)
        if place.size != post.places:
            place = resize(place, size=post.places)
        place.refresh_from_db()
        return place


def expire_offers(now=None) -> int:
    """Expire every offer past its time (the portal acting, actor None), which frees its place.

    Each is its own transaction: one that fails (answered meanwhile) does not stop the others.
    Returns the number expired.
    """
    now = now or timezone.now()
    count = 0
    for application in PostApplication.objects.offers_past(now).order_by("offer_expires_at", "pk"):
        try:
            perform(application, "expire", actor=None, expected_status=application.status)
        except ValidationError:
            continue
        count += 1
    return count
