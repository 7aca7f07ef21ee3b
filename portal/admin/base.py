"""Shared admin bases: catalogue admins edit content in three languages; application admins review.

`ApplicationAdminBase` is the staff side of the one workflow. The review queue
(`portal.admin.ApplicationAdmin`, every scheme at once) and each scheme's own admin
(e.g. `subsidies.admin.SubsidyApplicationAdmin`) are subclasses that add only their fields.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import display_for_field, quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from portal.applications.claims import mark_possible_duplicates
from portal.applications.lifecycles import SYSTEM, all_states, all_transitions, statuses
from portal.applications.workflow import APPLICANT, TransitionError, available_actions, perform
from portal.models import Application, Document, Status, StatusChange, mask
from portal.staffbases.models import StaffBase


class CatalogueAdmin(TranslationAdmin):
    """Catalogue rows: searchable by name in any language, ordered as the site shows them."""

    save_on_top = True
    list_per_page = 50


@admin.display(description=_("address key"), ordering="slug")
def slug_column(obj):
    """A catalogue row's slug as a list column (a SlugField's own header is untranslatable "Slug")."""
    return obj.slug


class CatalogueTabularInline(TranslationTabularInline):
    extra = 0


class CatalogueStackedInline(TranslationStackedInline):
    extra = 0


# ---------------------------------------------------------------------------
# Applications


def status_badge(status: str) -> str:
    return format_html('<span class="status-badge status-{}">{}</span>', status, Status(status).label)


def staff_label(user) -> str:
    return user.get_full_name() or user.email or user.get_username()


def reviewers():
    """Active staff who may review applications: the people an application can be assigned to."""
    perm = {"codename": "review_application", "content_type__app_label": "portal"}
    may_review = (
        Q(is_superuser=True)
        | Q(**{f"groups__permissions__{key}": value for key, value in perm.items()})
        | Q(**{f"user_permissions__{key}": value for key, value in perm.items()})
    )
    return get_user_model().objects.filter(may_review, is_staff=True, is_active=True)


class StatusFilter(admin.SimpleListFilter):
    """Drafts are the applicant's unfinished work: left out unless asked for."""

    title = _("status")
    parameter_name = "status"
    WAITING, ALL = "waiting", "all"

    def lookups(self, request, model_admin):
        states = [(state.status, state.label) for state in all_states()]
        return [(self.WAITING, _("Waiting for staff")), *states, (self.ALL, _("All, with drafts"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("All but drafts"),
        }
        for value, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset.exclude(status__in=statuses("drafts"))
        if value == self.ALL:
            return queryset
        if value == self.WAITING:
            return queryset.waiting()
        if value in Status.values:
            return queryset.filter(status=value)
        raise IncorrectLookupParameters(value)


class AssignedFilter(admin.SimpleListFilter):
    title = _("reviewer")
    parameter_name = "assigned"
    ME, NOBODY = "me", "nobody"

    def lookups(self, request, model_admin):
        # Everyone who is or was staff: a former reviewer's applications must still be findable.
        staff = get_user_model().objects.filter(is_staff=True).order_by("email", "pk")
        return [
            (self.ME, _("Assigned to me")),
            (self.NOBODY, _("Not assigned")),
            *[(str(user.pk), staff_label(user)) for user in staff],
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.ME:
            return queryset.filter(assigned_to=request.user)
        if value == self.NOBODY:
            return queryset.filter(assigned_to__isnull=True)
        if value.isdigit():
            return queryset.filter(assigned_to_id=int(value))
        raise IncorrectLookupParameters(value)


class SchemeFilter(admin.SimpleListFilter):
    title = _("scheme")
    parameter_name = "scheme"

    def lookups(self, request, model_admin):
        return [(key, model._meta.verbose_name) for key, model in sorted(Application.registry.items())]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if self.value() not in Application.registry:
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(scheme=self.value())


class ReadOnlyInline(admin.TabularInline):
    """Rows staff read beside an application but never write here."""

    extra = 0
    can_delete = False
    show_change_link = False
    view_on_site = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = ("download", "kind_label", "content_type", "file_size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    verbose_name_plural = _("documents")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("file"))
    def download(self, document):
        return format_html('<a href="{}">{}</a>', document.get_absolute_url(), document.original_name)

    @admin.display(description=_("size"))
    def file_size(self, document):
        return filesizeformat(document.size)

    @admin.display(description=_("kind"))
    def kind_label(self, document):
        return document.kind_label


class TimelineInline(ReadOnlyInline):
    """The application's StatusChange rows: the same timeline the applicant sees, with who acted."""

    model = StatusChange
    fields = ("at", "action_label", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    verbose_name_plural = _("timeline")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("action"))
    def action_label(self, change):
        # Action names are unique across lifecycles, so no query for the application is needed.
        labels = {t.action: t.label for t in all_transitions()}
        return labels.get(change.action, change.action)


class TransitionForm(forms.Form):
    """One staff action on an application, with the status the staff member saw when choosing it."""

    action = forms.ChoiceField(
        choices=[(t.action, t.label) for t in all_transitions() if t.actor not in {APPLICANT, SYSTEM}],
        widget=forms.HiddenInput,
    )
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("The applicant reads this note in their timeline and in the email we send."),
    )

    def __init__(self, *args, transition=None, **kwargs):
        if transition is not None:
            # Each action's form on the same page needs its own ids.
            kwargs.setdefault("auto_id", f"id_{transition.action}_%s")
        super().__init__(*args, **kwargs)
        if transition is not None and transition.note_required:
            note = self.fields["note"]
            note.required = True
            note.label = _("Note to the applicant (required)")
            note.error_messages["required"] = _("Please write a note: the applicant will read it.")


class ApplicationChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # The "possible duplicate" and "for" columns for the whole page at once, not a query per row.
        mark_possible_duplicates(list(self.result_list))
        Application.load_targets(list(self.result_list))


class ApplicationAdminBase(SimpleHistoryAdmin):
    """Reviewing applications: read what was sent, assign a reviewer, act through the workflow.

    Status is never a form field (it is not editable on the model, and no form here names it);
    it changes only through the action buttons, which post to `transition_view` → `workflow.perform`.
    A scheme's admin sets `scheme_fields` (its own fields, shown on the change page) and
    `scheme_readonly_fields` (those staff may not correct, e.g. amounts), and may add inlines.
    """

    change_form_template = "admin/portal/application/change_form.html"
    transition_form_template = "admin/portal/application/transition_form.html"
    list_display = (
        "reference",
        "scheme_name",
        "applicant_name",
        "status_badge",
        "submitted_at",
        "days_waiting",
        "assigned_to",
        "duplicate_flag",
    )
    list_display_links = ("reference",)
    list_filter = (StatusFilter, ("submitted_at", admin.DateFieldListFilter), AssignedFilter)
    list_select_related = ("applicant__profile", "assigned_to")
    search_fields = (
        "reference",
        "applicant__profile__name_zh",
        "applicant__profile__name_en",
        "applicant__email",
    )
    search_help_text = _("Reference, the applicant's name in Chinese or English, or their email.")
    # Oldest first: whoever has waited longest is seen first.
    ordering = (F("submitted_at").asc(nulls_last=True), "pk")
    list_per_page = 50
    # The public page of an application is its applicant's own; staff work here.
    view_on_site = False
    # Facets would add a count query for every filter option.
    show_facets = admin.ShowFacets.NEVER
    # No bulk actions (not even delete): each decision is taken on its own page, with a note.
    actions = None
    inlines = [DocumentInline, TimelineInline]
    scheme_fields: tuple = ()
    scheme_readonly_fields: tuple = ()
    base_readonly_fields = (
        "reference",
        "scheme_name",
        "status_badge",
        "submitted_at",
        "decided_at",
        "days_waiting",
        "applicant_profile",
        "scheme_details",
        "duplicate_flag",
    )

    class Media:
        css = {"all": ["css/admin.css"]}

    # --- permissions: applications come from applicants; the record is kept ---------------------

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # A draft is the applicant's private, unfinished work: staff may look, never edit.
        if obj is not None and obj.status in obj.lifecycle.drafts:
            return False
        return super().has_change_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history would save an old version back, status included: history is read-only here.
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if self.get_object(request, unquote(object_id)) is None or not str(version_id).isdigit():
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    # --- list ---------------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("applicant__profile", "assigned_to")
        # A base manager works only on their bases' applications: every list, page and action reads
        # through here, so another base's application does not exist for them (404, never decided).
        bases = StaffBase.objects.bases_of(request.user)
        if bases is not None:
            queryset = queryset.filter(self.model.in_bases(bases))
        return queryset

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # The admin answers a missing id with a redirect and a message; a base manager gets a 404
        # for another base's application as for one that does not exist, so they learn nothing.
        if StaffBase.objects.bases_of(request.user) is not None:
            raise Http404
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)

    def get_changelist(self, request, **kwargs):
        return ApplicationChangeList

    @admin.display(description=_("scheme"))
    def scheme_name(self, application):
        # With what the application is for, when its scheme has targets (a session, a unit…).
        if target := application.target_label:
            return format_html('{}<br><span class="target">{}</span>', application.scheme_name, target)
        return application.scheme_name

    @admin.display(description=_("applicant"), ordering="applicant__profile__name_en")
    def applicant_name(self, application):
        profile = getattr(application.applicant, "profile", None)
        if profile is None:
            return (
                gettext("(account closed)")
                if application.applicant_id is None
                else application.applicant.email
            )
        return f"{profile.name_zh} / {profile.name_en}"

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, application):
        return status_badge(application.status)

    @admin.display(description=_("days waiting"), ordering="-submitted_at")
    def days_waiting(self, application):
        days = application.days_waiting()
        # Decided applications and drafts wait for nobody: a dash, as for any empty value.
        return self.get_empty_value_display() if days is None else days

    @admin.display(description=_("possible duplicate"))
    def duplicate_flag(self, application):
        """Links to the same person's applications that claim the same (portal.applications.claims)."""
        if not hasattr(application, "possible_duplicates"):
            mark_possible_duplicates([application])
        others = application.possible_duplicates
        if not others:
            return self.get_empty_value_display()
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            ((self.change_url(other), other.reference, other.get_status_display()) for other in others),
        )
        return format_html(
            '<span class="duplicate-flag">{}</span> {}', gettext("Possible duplicate of"), links
        )

    # --- change page -------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        return [
            (
                None,
                {
                    "fields": [
                        "reference",
                        "scheme_name",
                        "status_badge",
                        ("submitted_at", "decided_at"),
                        "days_waiting",
                        "assigned_to",
                        "duplicate_flag",
                    ]
                },
            ),
            (_("Applicant"), {"fields": ["applicant_profile"]}),
            (_("Application"), {"fields": list(self.scheme_fields or ["scheme_details"])}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.base_readonly_fields, *self.scheme_readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "assigned_to" in form.base_fields:
            # Whoever is assigned now stays a choice, even if they no longer review: saving the page
            # for another reason must not silently unassign them.
            current = get_user_model().objects.filter(pk=getattr(obj, "assigned_to_id", None))
            form.base_fields["assigned_to"].queryset = (reviewers() | current).distinct().order_by("email")
        return form

    @admin.display(description=_("applicant"))
    def applicant_profile(self, application):
        applicant = application.applicant
        return render_to_string(
            "admin/portal/application/_applicant_profile.html",
            {
                "applicant": applicant,
                "profile": getattr(applicant, "profile", None) if applicant else None,
            },
        )

    @admin.display(description=_("details"))
    def scheme_details(self, application):
        """The scheme's own fields, read-only; the scheme's admin (linked) is where staff correct them."""
        specific = application.specific
        model = type(specific)
        rows = [
            (
                field.verbose_name,
                mask(getattr(specific, field.name))
                if field.name in model.MASKED_FIELDS
                else display_for_field(getattr(specific, field.name), field, "—"),
            )
            for field in model._meta.concrete_fields
            if field.model is model and not field.primary_key
        ]
        edit_url = None
        if model is not type(application) and self.admin_site.is_registered(model):
            edit_url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                args=[quote(specific.pk)],
                current_app=self.admin_site.name,
            )
        return render_to_string(
            "admin/portal/application/_scheme_details.html",
            {"rows": rows, "edit_url": edit_url, "scheme": specific.scheme_name},
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj._history_user = request.user
            return super().save_model(request, obj, form, change)
        # Write only what this form changed: the status may have moved (through the workflow) since
        # the page was loaded, and a full save would write back the value read with the form.
        fields = [name for name in form.changed_data if name in {f.name for f in obj._meta.concrete_fields}]
        if not fields:
            return
        # Saved as the scheme's model, so the edit history stays in one table per application
        # (the workflow saves that model too).
        target = obj.specific
        for name in fields:
            setattr(target, name, getattr(obj, name))
        target._history_user = request.user
        target.save(update_fields=[*fields, "updated_at"])

    def history_view(self, request, object_id, extra_context=None):
        # The history is kept by the scheme's model: show it where that model's admin shows it.
        application = self.get_object(request, unquote(object_id))
        if application is None:
            # django-simple-history would filter by the id as typed: not a number would be a 500.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        model = type(application.specific)
        if model is not self.model and self.admin_site.is_registered(model):
            return HttpResponseRedirect(
                reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_history",
                    args=[quote(application.pk)],
                    current_app=self.admin_site.name,
                )
            )
        return super().history_view(request, object_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_actions"] = [
                {
                    "transition": transition,
                    "form": TransitionForm(
                        transition=transition,
                        initial={"action": transition.action, "expected_status": obj.status},
                    ),
                }
                for transition in self.staff_actions(request, obj)
            ]
            context["transition_url"] = self.transition_url(obj)
            context["status_badge"] = status_badge(obj.status)
            # Also beside the decision buttons: that is where a double payment would be approved.
            mark_possible_duplicates([obj])
            context["possible_duplicates"] = self.duplicate_flag(obj) if obj.possible_duplicates else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- actions through the workflow ----------------------------------------------------------

    def staff_actions(self, request, application):
        return [t for t in available_actions(request.user, application) if t.actor != APPLICANT]

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_transition"
        view = self.admin_site.admin_view(self.transition_view)
        return [path("<path:object_id>/transition/", view, name=name), *super().get_urls()]

    def admin_url(self, view: str, application) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=[quote(application.pk)],
            current_app=self.admin_site.name,
        )

    def transition_url(self, application):
        return self.admin_url("transition", application)

    def change_url(self, application):
        return self.admin_url("change", application)

    def transition_view(self, request, object_id):
        """Apply one staff action (POST from a button on the change page) through `workflow.perform`."""
        # Who may see the application is checked before the method, so strangers learn nothing.
        application = self.get_object(request, unquote(object_id))
        if application is None:
            raise Http404
        if not self.has_view_or_change_permission(request, application):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        transition = application.lifecycle.transitions.get(request.POST.get("action"))
        form = TransitionForm(request.POST, transition=transition)
        if not form.is_valid():
            if transition is None or transition.actor == APPLICANT or set(form.errors) - {"note"}:
                messages.error(request, gettext("This action is not available here. Nothing was changed."))
                return HttpResponseRedirect(self.change_url(application))
            # A note was required and missing: show the form again with the error next to the field.
            return self.render_transition_form(request, application, transition, form)
        try:
            perform(
                application,
                transition.action,
                actor=request.user,
                note=form.cleaned_data["note"],
                expected_status=form.cleaned_data["expected_status"],
            )
        except PermissionDenied:
            messages.error(
                request,
                gettext("You may not “%(action)s” applications. Nothing was changed.")
                % {"action": transition.label},
            )
        except TransitionError as error:
            messages.error(request, " ".join(error.messages))
        except ValidationError as error:
            # A scheme's own rule (`check_before`) refused the action.
            messages.error(request, " ".join([*error.messages, gettext("Nothing was changed.")]))
        else:
            done = gettext("“%(action)s” done: %(reference)s is now “%(status)s”.") % {
                "action": transition.label,
                "reference": application.reference,
                "status": application.get_status_display(),
            }
            if transition.notify:
                done += " " + gettext("The applicant is told by email.")
            messages.success(request, done)
        return HttpResponseRedirect(self.change_url(application))

    def render_transition_form(self, request, application, transition, form):
        context = {
            **self.admin_site.each_context(request),
            "title": f"{transition.label}: {application.reference}",
            "opts": self.opts,
            "original": application,
            "transition": transition,
            "form": form,
            "transition_url": self.transition_url(application),
            "change_url": self.change_url(application),
            "status_badge": status_badge(application.status),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.transition_form_template, context)
