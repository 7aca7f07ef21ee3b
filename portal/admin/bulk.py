"""Bulk actions in the review queue: the same workflow, one `perform()` per application.

The actions are read from the transition tables: every reviewer's action that asks for no note
(start review, shortlist, confirm, mark attended…). Decisions that are an approver's (approve,
award, offer a place) and anything that needs a note to the applicant stay on each application's
own page. Assigning a reviewer is a field change, recorded in the edit history (simple_history)
as the change page records it, not a status change.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.applications.lifecycles import LIFECYCLES, REVIEWER
from portal.applications.workflow import ROLE_PERMISSIONS, perform
from portal.models import Application

from .base import reviewers, staff_label


def bulk_transitions():
    """{action: transition} of every lifecycle's reviewer actions that need no note, each once."""
    found = {}
    for lifecycle in LIFECYCLES.values():
        for transition in lifecycle.transition_list:
            if transition.actor == REVIEWER and not transition.note_required:
                found.setdefault(transition.action, transition)
    return found


def report(request, label, done: list[str], refused: list[tuple[str, str]]) -> None:
    """One summary message for what was done, and one for what was refused, each with why."""
    if done:
        messages.success(
            request,
            ngettext(
                "“%(action)s” done on %(count)d application: %(references)s.",
                "“%(action)s” done on %(count)d applications: %(references)s.",
                len(done),
            )
            % {"action": label, "count": len(done), "references": ", ".join(done)},
        )
    if refused:
        reasons = "; ".join(f"{reference}: {why}" for reference, why in refused)
        messages.warning(
            request,
            ngettext(
                "%(count)d application was not changed: %(reasons)s",
                "%(count)d applications were not changed: %(reasons)s",
                len(refused),
            )
            % {"count": len(refused), "reasons": reasons},
        )


def perform_each(request, queryset, transition) -> None:
    done, refused = [], []
    # Oldest first, as the queue lists them; each is its own transaction with its own audit row.
    for application in queryset.order_by("pk"):
        try:
            perform(application, transition.action, actor=request.user)
        except PermissionDenied:
            refused.append((application.reference, gettext("you may not do this")))
        except ValidationError as error:
            refused.append((application.reference, " ".join(error.messages)))
        else:
            done.append(application.reference)
    report(request, transition.label, done, refused)


def transition_action(transition):
    def action(modeladmin, request, queryset):
        perform_each(request, queryset, transition)

    return action


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None, empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers().distinct().order_by("email", "pk")
        self.fields["reviewer"].label_from_instance = staff_label


def assign(request, queryset, reviewer) -> None:
    """Assign each application to `reviewer`, saved as the scheme's model so the edit history
    (one table per scheme, as the change page writes it) says who assigned whom."""
    done, refused = [], []
    rows = list(queryset.order_by("pk"))
    by_scheme: dict[type, list[int]] = {}
    for row in rows:
        by_scheme.setdefault(Application.registry.get(row.scheme, Application), []).append(row.pk)
    specific = {obj.pk: obj for model, ids in by_scheme.items() for obj in model.objects.filter(pk__in=ids)}
    for row in rows:
        application = specific[row.pk]
        if application.status in application.lifecycle.drafts:
            refused.append((row.reference, gettext("a draft is the applicant's until they send it")))
            continue
        if application.assigned_to_id == reviewer.pk:
            refused.append((row.reference, gettext("already assigned to them")))
            continue
        application.assigned_to = reviewer
        application._history_user = request.user
        application.save(update_fields=["assigned_to", "updated_at"])
        done.append(row.reference)
    label = gettext("Assign to %(reviewer)s") % {"reviewer": staff_label(reviewer)}
    report(request, label, done, refused)


class BulkActionsMixin:
    """Adds the table's bulk actions, and "Assign to a reviewer…", to an application admin."""

    # Not None: the admin shows the selection column and the action menu (the base has none).
    actions = ()
    assign_template = "admin/portal/application/assign.html"

    def get_actions(self, request):
        actions = super().get_actions(request)
        user = request.user
        for name, transition in bulk_transitions().items():
            if user.has_perm(ROLE_PERMISSIONS[transition.actor]):
                actions[f"bulk_{name}"] = (transition_action(transition), f"bulk_{name}", transition.label)
        if user.has_perm("portal.change_application"):
            actions["bulk_assign"] = (type(self).assign_action, "bulk_assign", _("Assign to a reviewer…"))
        return actions

    @admin.action(description=_("Assign to a reviewer…"))
    def assign_action(self, request, queryset):
        """First the choice of reviewer on a page of its own; then, posted back, the assignment."""
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            assign(request, queryset, form.cleaned_data["reviewer"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Assign to a reviewer"),
            "opts": self.opts,
            "form": form,
            "applications": queryset.order_by("pk"),
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.assign_template, context)
