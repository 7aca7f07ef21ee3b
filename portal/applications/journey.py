"""The applicant's journey, defined once for every scheme: start → details → documents → check → done.

A scheme configures a `Journey` with its application model, its details form and the few
things only it knows (what the start and check pages show about money or places, which
document it needs), and mounts `journey.urls()` in its urls.py. Its pages are the shared
`portal/apply_<step>.html` unless it writes its own words in `<app_label>/apply_<step>.html`.
Drafts, documents, submitting (through `workflow.perform`), double clicks and other
people's applications are handled here, the same for all.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods

from portal.capacity import bookings
from portal.models import Application, Status
from portal.templatetags.portal_text import join_list

from .forms import DocumentUploadForm
from .services import attach_document, remove_document, save_draft, start_draft
from .views import applicant_profile, unless_ready_to_apply
from .workflow import TransitionError, perform

# Every journey constructed, by URL namespace: what an applicant can apply for online is read from here.
JOURNEYS: dict[str, "Journey"] = {}


def offers_for(user) -> list[dict]:
    """What `user` can apply for now, one entry per mounted journey, with their draft of it if any.

    Derived from the journeys the schemes mount, so a new scheme appears without editing this.
    """
    drafts = {}
    for draft in Application.objects.for_user(user).filter(status=Status.DRAFT).order_by("-updated_at"):
        drafts.setdefault(draft.scheme, draft)
    # A standing approval (another scheme's PREREQUISITE) is asked for when it is needed, from
    # that scheme's pages, not offered on its own.
    prerequisites = {model.PREREQUISITE for model in Application.registry.values() if model.PREREQUISITE}
    offers = []
    for journey in JOURNEYS.values():
        if journey.model.SCHEME in prerequisites:
            continue
        try:
            url = reverse(journey.url["apply"])
        except NoReverseMatch:  # constructed but not mounted in this site's URLs
            continue
        draft = drafts.get(journey.model.SCHEME)
        if draft is not None:
            url = reverse(journey.url["details"], args=[draft.reference])
        offers.append({"journey": journey, "url": url, "draft": draft})
    return offers


def sentences(first, second) -> str:
    """Two sentences of one message, as the language writes them (a space in English, none in Chinese)."""
    if not second:
        return str(first)
    return pgettext("two sentences", "%(first)s %(second)s") % {"first": first, "second": second}


def valid_on_their_own(form) -> list[str]:
    """Validate `form` as a draft: nothing is required, and an empty answer is missing, not wrong.

    Returns the model fields to store. The errors left on the form are answers wrong as typed; the
    bound form keeps what was typed, so re-rendering it loses nothing.
    """
    for form_field in form.fields.values():
        form_field.required = False
    form.is_valid()
    for name in list(form.errors):
        if name in form.fields and form[name].data in form.fields[name].empty_values:
            del form.errors[name]
    return [name for name in form.Meta.fields if name in form.cleaned_data]


@dataclass
class Journey:
    model: type[Application]
    details_form: type
    # The URL namespace the scheme mounts `urls()` under (its urls.py's app_name).
    namespace: str
    # The kind of document the scheme asks for (Document.kind) and its label; a scheme that asks
    # for none (a course seat, an event) leaves them empty and its journey has no documents step.
    document_kind: str = ""
    document_label: str = ""
    # The name of the first step, on the step list and the details page.
    details_label: str = gettext_lazy("Details")
    # Extra context for the start page, from the applicant's profile (e.g. their subsidy tier).
    start_context: Callable = field(default=lambda profile: {})
    # Extra context for the check page, from the draft (e.g. the amount computed on the server).
    check_context: Callable = field(default=lambda application: {})
    # Keyword arguments the details form needs besides `instance`.
    form_kwargs: Callable = field(default=dict)
    # Foreign keys the pages show, fetched with the application.
    select_related: tuple = ()
    # Where the scheme's own page templates are; defaults to the model's app label.
    template_dir: str = ""
    # When each application is for a target (the model's TARGET_FIELD): the target's model and
    # the field its URL names it by; the journey then starts under it, at <target>/apply/.
    # (a model, or a queryset of it: only its rows can be applied for, e.g. published units)
    target_model: type | QuerySet | None = None
    target_lookup: str = "slug"

    def __post_init__(self):
        JOURNEYS[self.namespace] = self

    @property
    def has_documents(self) -> bool:
        return bool(self.document_kind)

    @property
    def scheme_name(self):
        return self.model._meta.verbose_name

    @property
    def url(self):
        """The journey's URL names, for templates: {% url journey.url.details reference %}."""
        return {
            step: f"{self.namespace}:apply" + ("" if step == "apply" else f"_{step}")
            for step in ("apply", "details", "documents", "check", "done")
        }

    def urls(self):
        def view(method, methods):
            return login_required(require_http_methods(methods)(method))

        start = "<slug:target>/apply/" if self.target_model is not None else "apply/"
        documents = [
            path(
                "apply/<str:reference>/documents/",
                view(self.documents, ["GET", "POST"]),
                name="apply_documents",
            )
        ]
        return [
            path(start, view(self.start, ["GET", "POST"]), name="apply"),
            path("apply/<str:reference>/", view(self.details, ["GET", "POST"]), name="apply_details"),
            # A scheme that asks for no document has no documents step at all.
            *(documents if self.has_documents else []),
            path("apply/<str:reference>/check/", view(self.check, ["GET", "POST"]), name="apply_check"),
            path("apply/<str:reference>/done/", view(self.done, ["GET"]), name="apply_done"),
        ]

    # --- helpers -----------------------------------------------------------------------------

    def template(self, step):
        own = self.template_dir or self.model._meta.app_label
        return [f"{own}/apply_{step}.html", f"portal/apply_{step}.html"]

    def render(self, request, step, context):
        own = self.template_dir or self.model._meta.app_label
        summaries = [f"{own}/_application_summary.html", "portal/_application_summary.html"]
        context = {"journey": self, "summary_templates": summaries, **context}
        return render(request, self.template(step), context)

    def step_url(self, step, application):
        return redirect(f"{self.namespace}:apply_{step}", application.reference)

    def own(self, request, reference):
        """The signed-in applicant's own application of this scheme; anyone else's is a 404."""
        queryset = self.model.objects.for_user(request.user).select_related(*self.select_related)
        return get_object_or_404(queryset, reference=reference)

    def not_editable(self, request, application):
        """A redirect to the application's page when it is no longer a draft, else None."""
        if application.status == Status.DRAFT:
            return None
        messages.info(
            request,
            _("Application %(reference)s is “%(status)s”: it can no longer be changed.")
            % {"reference": application.reference, "status": application.get_status_display()},
        )
        return redirect(application)

    def already_sent(self, request, application):
        """Where a second "Submit" lands: the confirmation if it was submitted, else the application."""
        if (
            application.submitted_at is not None
            and application.status != application.lifecycle.withdraw_action.target
        ):
            messages.info(
                request,
                _("Application %(reference)s is already submitted.") % {"reference": application.reference},
            )
            return self.step_url("done", application)
        return self.not_editable(request, application)

    def unless_prerequisite(self, request):
        """A redirect to the approval the scheme needs first (its PREREQUISITE), when missing."""
        if not self.model.PREREQUISITE:
            return None
        needed = Application.registry[self.model.PREREQUISITE]
        if needed.standing_approval(request.user) is not None:
            return None
        journey = next(j for j in JOURNEYS.values() if j.model is needed)
        messages.info(
            request,
            _("First, %(scheme)s: staff check it once, and then you can book.")
            % {"scheme": needed._meta.verbose_name},
        )
        return redirect(journey.url["apply"])

    # --- the steps ---------------------------------------------------------------------------

    def start(self, request, target=None):
        if self.target_model is not None:
            target = get_object_or_404(self.target_model, **{self.target_lookup: target})
        profile = applicant_profile(request.user)
        if response := unless_ready_to_apply(request, profile):
            return response
        if response := self.unless_prerequisite(request):
            return response
        if request.method == "POST":
            draft, created = start_draft(self.model, applicant=request.user, target=target)
            if not created:
                messages.info(
                    request,
                    _("You already have a draft application (%(reference)s): continue it.")
                    % {"reference": draft.reference},
                )
            return self.step_url("details", draft)
        drafts = self.model.objects.for_user(request.user).filter(status=Status.DRAFT)
        if self.model.TARGET_FIELD:
            drafts = drafts.filter(**{self.model.TARGET_FIELD: target})
        context = {"profile": profile, "draft": drafts.first(), "target": target}
        context.update(self.start_context(profile))
        return self.render(request, "start", context)

    def incomplete(self, application) -> list[str]:
        """The labels of the details the stored draft does not yet give validly, as "Continue" would judge.

        The draft is put back through the scheme's own form, so what "complete" means is said once,
        by the form, for every scheme; the application itself is not changed.
        """
        shown = self.details_form(instance=application, **self.form_kwargs())
        stored = {name: shown[name].value() for name in shown.fields}
        form = self.details_form(stored, instance=copy.copy(application), **self.form_kwargs())
        if form.is_valid():
            return []
        return [str(form.fields[name].label) for name in form.fields if name in form.errors]

    def missing_message(self, application) -> str:
        missing = self.incomplete(application)
        return _("Still to fill in: %(fields)s.") % {"fields": join_list(missing)} if missing else ""

    def details(self, request, reference):
        application = self.own(request, reference)
        if response := self.not_editable(request, application):
            return response
        form = self.details_form(request.POST or None, instance=application, **self.form_kwargs())
        if request.method == "GET":
            return self.render(request, "details", {"application": application, "form": form})
        later = "later" in request.POST
        # "Save and finish later" keeps every answer that is valid on its own; "Continue" needs them all.
        if later:
            fields = valid_on_their_own(form)
        else:
            fields = form.Meta.fields if form.is_valid() else None
        if fields is not None:
            try:
                save_draft(form.instance, fields=fields)
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect(application)
        if later and form.errors:
            messages.warning(
                request,
                sentences(
                    _("Your draft is saved, except the answers marked below: correct or clear them."),
                    self.missing_message(application),
                ),
            )
        elif later:
            saved = _("Draft %(reference)s is saved. Continue it from My applications.") % {
                "reference": application.reference
            }
            messages.success(request, sentences(saved, self.missing_message(application)))
            return redirect("applications:list")
        elif fields is not None:
            return self.step_url("documents" if self.has_documents else "check", application)
        return self.render(request, "details", {"application": application, "form": form})

    def documents(self, request, reference):
        if not self.has_documents:
            raise Http404
        application = self.own(request, reference)
        if response := self.not_editable(request, application):
            return response
        form = DocumentUploadForm(label=self.document_label)
        if request.method == "POST":
            if remove := request.POST.get("remove", ""):
                if not remove.isdigit():
                    raise Http404
                document = get_object_or_404(application.documents.all(), pk=remove)
                try:
                    remove_document(document)
                except ValidationError as error:
                    messages.error(request, error.messages[0])
                    return redirect(application)
                messages.success(request, _("“%(name)s” is removed.") % {"name": document.original_name})
                return self.step_url("documents", application)
            form = DocumentUploadForm(request.POST, request.FILES, label=self.document_label)
            if form.is_valid():
                try:
                    document = attach_document(
                        application, form.cleaned_data["file"], kind=self.document_kind, user=request.user
                    )
                except ValidationError as error:
                    form.add_error("file", error)
                else:
                    messages.success(request, _("“%(name)s” is uploaded.") % {"name": document.original_name})
                    return self.step_url("documents", application)
        context = {"application": application, "form": form, "documents": application.documents.all()}
        return self.render(request, "documents", context)

    def check(self, request, reference):
        application = self.own(request, reference)
        profile = applicant_profile(request.user)
        submit_errors = []
        if request.method == "POST":
            if application.status != Status.DRAFT:
                return self.already_sent(request, application)
            if response := unless_ready_to_apply(request, profile):
                return response
            try:
                # A draft saved "for later" may lack answers: the details form, validated in full, decides.
                if missing := self.missing_message(application):
                    raise ValidationError(sentences(_("Complete the details first."), missing))
                # Nothing from the form is read: the scheme's own figures are set in `check_before`.
                # "submit" in review, "request" for a booking.
                send = application.lifecycle.submit_action.action
                perform(application, send, actor=request.user, expected_status=Status.DRAFT)
            except TransitionError as error:
                application.refresh_from_db(fields=["status", "submitted_at"])
                if application.status != Status.DRAFT:
                    return self.already_sent(request, application)
                submit_errors = error.messages
            except ValidationError as error:
                submit_errors = error.messages
            else:
                messages.success(
                    request,
                    _("Application %(reference)s is submitted.") % {"reference": application.reference},
                )
                return self.step_url("done", application)
        elif response := self.not_editable(request, application) or unless_ready_to_apply(request, profile):
            return response
        context = {
            "application": application,
            "profile": profile,
            "documents": [d for d in application.documents.all() if d.kind == self.document_kind],
            "submit_errors": submit_errors,
            "missing": "" if submit_errors else self.missing_message(application),
            # For a scheme with places: whether they are free now, or sending joins the waiting list.
            "availability": bookings.availability(application),
            **self.check_context(application),
        }
        return self.render(request, "check", context)

    def done(self, request, reference):
        application = self.own(request, reference)
        if application.status == Status.DRAFT:
            return self.step_url("check", application)
        return self.render(request, "done", {"application": application})
