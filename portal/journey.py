"""The applicant's journey, defined once for every scheme: start → details → documents → check → done.

A scheme configures a `Journey` with its application model, its details form and the few
things only it knows (what the start and check pages show about money or places, which
document it needs), and mounts `journey.urls()` in its urls.py. Its pages are the shared
`portal/apply_<step>.html` unless it writes its own words in `<app_label>/apply_<step>.html`.
Drafts, documents, submitting (through `workflow.perform`), double clicks and other
people's applications are handled here, the same for all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .application_forms import DocumentUploadForm
from .application_views import applicant_profile, unless_ready_to_apply
from .models import Application, Status
from .services import attach_document, remove_document, save_draft, start_draft
from .workflow import TransitionError, perform


@dataclass
class Journey:
    model: type[Application]
    details_form: type
    # The URL namespace the scheme mounts `urls()` under (its urls.py's app_name).
    namespace: str
    document_kind: str
    document_label: str
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

        return [
            path("apply/", view(self.start, ["GET", "POST"]), name="apply"),
            path("apply/<str:reference>/", view(self.details, ["GET", "POST"]), name="apply_details"),
            path(
                "apply/<str:reference>/documents/",
                view(self.documents, ["GET", "POST"]),
                name="apply_documents",
            ),
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
        if application.submitted_at is not None and application.status != Status.WITHDRAWN:
            messages.info(
                request,
                _("Application %(reference)s is already submitted.") % {"reference": application.reference},
            )
            return self.step_url("done", application)
        return self.not_editable(request, application)

    # --- the steps ---------------------------------------------------------------------------

    def start(self, request):
        profile = applicant_profile(request.user)
        if response := unless_ready_to_apply(request, profile):
            return response
        if request.method == "POST":
            draft, created = start_draft(self.model, applicant=request.user)
            if not created:
                messages.info(
                    request,
                    _("You already have a draft application (%(reference)s): continue it.")
                    % {"reference": draft.reference},
                )
            return self.step_url("details", draft)
        draft = self.model.objects.for_user(request.user).filter(status=Status.DRAFT).first()
        context = {"profile": profile, "draft": draft, **self.start_context(profile)}
        return self.render(request, "start", context)

    def details(self, request, reference):
        application = self.own(request, reference)
        if response := self.not_editable(request, application):
            return response
        form = self.details_form(request.POST or None, instance=application, **self.form_kwargs())
        if request.method == "POST" and form.is_valid():
            try:
                save_draft(form.instance, fields=form.Meta.fields)
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect(application)
            if "later" in request.POST:
                messages.success(
                    request,
                    _("Draft %(reference)s is saved. Continue it from My applications.")
                    % {"reference": application.reference},
                )
                return redirect("applications:list")
            return self.step_url("documents", application)
        return self.render(request, "details", {"application": application, "form": form})

    def documents(self, request, reference):
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
                # Nothing from the form is read: the scheme's own figures are set in `check_before`.
                perform(application, "submit", actor=request.user, expected_status=Status.DRAFT)
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
            **self.check_context(application),
        }
        return self.render(request, "check", context)

    def done(self, request, reference):
        application = self.own(request, reference)
        if application.status == Status.DRAFT:
            return self.step_url("check", application)
        return self.render(request, "done", {"application": application})
