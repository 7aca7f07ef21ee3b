"""Writes an applicant makes on an application that every scheme shares: drafts, documents, answers.

Each function is one transaction; status changes still go only through `workflow.perform`.
Files are written to disk before the transaction commits, so a function whose transaction
fails removes the files it wrote (the database rows vanish with the rollback; the files would not).
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.models import Application, Document, Status, StatusChange

from . import workflow
from .documents import CleanUpload, clean_upload

# While an applicant may still add or remove files: before submitting, and when staff asked for more.
DOCUMENTS_OPEN = frozenset({Status.DRAFT, Status.MORE_INFO})


def start_draft(model: type[Application], *, applicant, target=None) -> tuple[Application, bool]:
    """The applicant's draft for `model`'s scheme, created if they have none; returns (draft, created).

    Locking the applicant's user row makes two clicks on "Start" take turns: the second
    finds the draft the first created instead of creating another.
    """
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=applicant.pk).first()
        drafts = model.objects.filter(applicant=applicant, status=Status.DRAFT).order_by("created_at", "pk")
        # A scheme whose applications are each for a target keeps one draft per target.
        for_target = {model.TARGET_FIELD: target} if model.TARGET_FIELD else {}
        draft = drafts.filter(**for_target).first()
        if draft is not None:
            return draft, False
        return model.objects.create(applicant=applicant, **for_target), True


def _locked_status(application: Application) -> str:
    """Lock the application's base row (as `workflow.perform` does) and read its status now."""
    return Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)


def save_draft(application: Application, *, fields: Iterable[str]) -> None:
    """Save the applicant's edits to `fields`, and only those, while the application is still a draft.

    Saving only the edited fields (never `status`) means an edit racing a submit cannot undo it.
    """
    with transaction.atomic():
        status = _locked_status(application)
        if status != Status.DRAFT:
            raise ValidationError(
                _("This application can no longer be changed: it is “%(status)s”.")
                % {"status": Status(status).label},
                code="not_draft",
            )
        application.save(update_fields=[*fields, "updated_at"])


def _lock_open(application: Application) -> None:
    status = _locked_status(application)
    if status not in DOCUMENTS_OPEN:
        raise ValidationError(
            _("Documents can no longer be changed: this application is “%(status)s”.")
            % {"status": Status(status).label},
            code="documents_closed",
        )


def _discard_files(documents: Iterable[Document]) -> None:
    for document in documents:
        document.file.storage.delete(document.file.name)


def attach_document(application: Application, upload, *, kind: str, user) -> Document:
    """Check `upload` (or take an already checked CleanUpload) and store it with `application`.

    Raises ValidationError with a message for the applicant when the file is refused or the
    application no longer takes documents; nothing is stored then.
    """
    clean = upload if isinstance(upload, CleanUpload) else clean_upload(upload)
    created = []
    try:
        with transaction.atomic():
            _lock_open(application)
            document = Document(
                application=application,
                kind=kind,
                original_name=clean.original_name,
                content_type=clean.content_type,
                size=clean.size,
                uploaded_by=user,
            )
            document.file.save(clean.original_name, clean.content, save=False)
            created.append(document)
            document.save()
    except Exception:
        _discard_files(created)
        raise
    return document


def remove_document(document: Document) -> None:
    """Delete a document the applicant gave while the application still takes documents."""
    with transaction.atomic():
        _lock_open(document.application)
        name, storage = document.file.name, document.file.storage
        document.delete()
        # The file goes only once the row is surely gone.
        transaction.on_commit(lambda: storage.delete(name))


def respond(
    application: Application, *, message: str, uploads: Iterable = (), kind: str = "response", user
) -> StatusChange:
    """Answer "more information needed": the documents and the status change, all or nothing."""
    created = []
    try:
        with transaction.atomic():
            status = _locked_status(application)
            if status != Status.MORE_INFO:
                # Checked before any file is stored, so a second click stores nothing twice.
                raise workflow.TransitionError(
                    _(
                        "This application is not waiting for your answer any more: it is “%(status)s”. "
                        "Nothing was saved."
                    )
                    % {"status": Status(status).label},
                    code="changed",
                )
            for upload in uploads:
                created.append(attach_document(application, upload, kind=kind, user=user))
            return workflow.perform(
                application, "resubmit", actor=user, note=message, expected_status=Status.MORE_INFO
            )
    except Exception:
        _discard_files(created)
        raise
