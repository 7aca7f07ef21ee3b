"""Writes that span models: a cohort and its awards' Place, kept in step in one transaction."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from portal.capacity import services as capacity
from portal.capacity.models import Place

from .models import Cohort


def save_cohort(cohort: Cohort) -> Cohort:
    """Save `cohort` and make its awards Place match `awards`.

    A number below the awards already given is refused on the `awards` field (the capacity service
    checks it under the place's lock), and nothing is saved.
    """
    with transaction.atomic():
        cohort.save()
        target_type = ContentType.objects.get_for_model(Cohort)
        # ignore_conflicts: two saves at once keep the one row the unique constraint allows.
        Place.objects.bulk_create(
            [Place(target_type=target_type, target_id=cohort.pk, size=cohort.awards)], ignore_conflicts=True
        )
        place = cohort.award_place()
        if place.size != cohort.awards:
            try:
                capacity.resize(place, size=cohort.awards)
            except ValidationError as error:
                raise ValidationError({"awards": error.message_dict.get("size", error.messages)}) from None
    return cohort
