"""What an applicant does with their own account: save the profile, download their data, close it.

Each write is one transaction. None of these take a request: the views in account_views.py do.
"""

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.applications import lifecycles, workflow
from portal.models import ApplicantProfile, Application, Consent, Document, StatusChange, canonical_id_number

# Profile fields that are bookkeeping, not the applicant's data (the normalised number repeats id_number).
PROFILE_SKIP = {"id", "user", "id_number_normalised"}


# Which account holds the number is not said: that would tell anyone who types a number whose it is.
IDENTITY_REGISTERED = gettext_lazy(
    "This document number is already registered with another account. If that account is yours, "
    "sign in with it; otherwise, contact the One-stop Service Office."
)


def identity_registered(*, user, id_type: str, id_number: str) -> bool:
    """Whether a profile of another account holds this identity document (one document, one account)."""
    return (
        ApplicantProfile.objects.filter(id_type=id_type, id_number_normalised=canonical_id_number(id_number))
        .exclude(user_id=user.pk)
        .exists()
    )


def save_profile(*, user, values: dict[str, Any], consents: dict[str, bool]) -> ApplicantProfile:
    """Create or update `user`'s profile with `values` and record their consents, all or nothing.

    The user's row is locked first, so a double-clicked "Save" on a new profile updates the
    profile the first click created rather than failing on the second insert. Two accounts
    saving the same identity document at once meet at the database constraint: the second
    gets a ValidationError on `id_number`, as the form would have given.
    """
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        profile = ApplicantProfile.objects.filter(user=user).first() or ApplicantProfile(user=user)
        for name, value in values.items():
            setattr(profile, name, value)
        try:
            with transaction.atomic():
                profile.save()
        except IntegrityError:
            if not identity_registered(user=user, id_type=profile.id_type, id_number=profile.id_number):
                raise
            raise ValidationError(
                {"id_number": ValidationError(IDENTITY_REGISTERED, code="id_registered")}
            ) from None
        Consent.record(user, consents)
    return profile


def _value(instance: models.Model, field: models.Field):
    if field.is_relation:
        related = getattr(instance, field.name)
        return None if related is None else str(related)
    return field.value_from_object(instance)


def _own_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns a scheme adds to every application (its own table, without the link to the base row)."""
    return [
        field
        for field in model._meta.local_concrete_fields
        if not (field.is_relation and field.remote_field.parent_link)
    ]


def _specific_rows(applications: list[Application]) -> dict[int, Application]:
    """Each application as its scheme's model: one query per scheme, however many applications."""
    by_scheme: dict[str, list[int]] = {}
    for application in applications:
        by_scheme.setdefault(application.scheme, []).append(application.pk)
    specific = {}
    for scheme, pks in by_scheme.items():
        model = Application.registry.get(scheme)
        if model is None:
            continue
        related = [field.name for field in _own_fields(model) if field.is_relation]
        specific.update(model.objects.select_related(*related).in_bulk(pks))
    return specific


def export_data(user) -> dict[str, Any]:
    """Everything the portal keeps about `user`, for them to download (values ready for JSON).

    The identity number is given in full: it is their own data. Staff who acted on an
    application are not named (that is their personal data); document contents are not included.
    """
    profile = ApplicantProfile.objects.filter(user=user).first()
    applications = list(
        Application.objects.for_user(user)
        .order_by("created_at", "pk")
        .prefetch_related("changes", "documents")
    )
    specific = _specific_rows(applications)
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
        "profile": None
        if profile is None
        else {
            field.name: _value(profile, field)
            for field in ApplicantProfile._meta.concrete_fields
            if field.name not in PROFILE_SKIP
        },
        "consents": [
            {
                "kind": consent.kind,
                "label": str(consent.get_kind_display()),
                "given": consent.given,
                "version": consent.version,
                "at": consent.at,
            }
            for consent in Consent.objects.filter(user=user).order_by("at", "pk")
        ],
        "applications": [
            _application_data(application, specific.get(application.pk)) for application in applications
        ],
    }


def _application_data(application: Application, specific: Application | None) -> dict[str, Any]:
    return {
        "reference": application.reference,
        "scheme": application.scheme,
        "scheme_name": str(application.scheme_name),
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "created_at": application.created_at,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
        "details": {}
        if specific is None
        else {field.name: _value(specific, field) for field in _own_fields(type(specific))},
        "timeline": [
            {
                "action": change.action,
                "from": change.from_status,
                "to": change.to_status,
                "at": change.at,
                "by": "staff" if change.by_staff else "applicant",
                "note": change.note,
            }
            for change in application.changes.all()
        ],
        "documents": [
            {
                "kind": document.kind,
                "name": document.original_name,
                "type": document.content_type,
                "size": document.size,
                "uploaded_at": document.uploaded_at,
            }
            for document in application.documents.all()
        ],
    }


def export_filename(day: datetime.date | None = None) -> str:
    return f"futian-youth-portal-my-data-{(day or timezone.localdate()):%Y-%m-%d}.json"


def close_account(user) -> None:
    """Delete `user` and their personal data; keep their applications, without them, for statistics.

    Undecided applications are withdrawn first (staff should not go on reviewing for nobody),
    the applicant's documents and their own notes on the timeline are removed, and the history
    tables, which copy the profile and the applicant on every edit, are cleared of them too.
    Files are deleted only once the transaction has committed.
    """
    if user.is_staff:
        raise PermissionDenied(_("Staff accounts are closed by an administrator."))
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        undecided = lifecycles.statuses("undecided")
        for application in Application.objects.for_user(user).filter(status__in=undecided):
            withdraw = application.lifecycle.withdraw_action
            # A booking past its cancellation cut-off stays as it is, like a decided application.
            if application.status in withdraw.sources and not workflow.too_late(
                application.specific, withdraw
            ):
                workflow.perform(application, withdraw.action, actor=user)
        documents = list(Document.objects.filter(application__applicant=user))
        files = [(document.file.storage, document.file.name) for document in documents]
        Document.objects.filter(pk__in=[document.pk for document in documents]).delete()
        StatusChange.objects.filter(application__applicant=user, by_staff=False).update(note="")
        ApplicantProfile.objects.filter(user=user).delete()
        # Deleting the profile wrote one more history row: remove them all, names and phone included.
        ApplicantProfile.history.filter(user_id=user.pk).delete()
        for model in {Application, *Application.registry.values()}:
            # What identifies the person on the application itself goes too (e.g. a bank account).
            blank = dict.fromkeys(model.PERSONAL_FIELDS, "")
            model.objects.filter(applicant=user).update(identity_key="", **blank)
            model.history.filter(applicant_id=user.pk).update(applicant=None, **blank)
        Consent.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        user.delete()
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(files) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)
