"""Staff read the admin in Chinese: every column header of every list, and the kinds of document."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from portal.models import Application, Status
from tests.markup import parse
from tests.portal.test_admin import one_of_each  # noqa: F401  (a row of every registered model)

# The portal's own admins and Django's; third-party models without verbose names (allauth's
# authenticators, the task queue) give headers no catalogue can translate.
OURS = {"portal", "subsidies", "incubators", "programs", "lodging", "auth"}
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in OURS),
    key=lambda model: model._meta.label,
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def changelist(model, language):
    with translation.override(language):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_column_header_is_in_chinese(superuser, model, language):
    """The headers as the list page writes them, for every column staff can be shown."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = superuser
    with translation.override(language):
        headers = {
            str(label_for_field(name, model, model_admin)): name
            for name in model_admin.get_list_display(request)
            if name != "action_checkbox"
        }
    untranslated = [name for header, name in headers.items() if not CHINESE.search(header)]
    assert headers and untranslated == []


def test_document_kinds_and_days_waiting_read_well_on_a_decided_application(admin_client_mfa, one_of_each):  # noqa: F811
    # The subsidy's approved application (schemes' worlds approve their own too).
    approved = Application.objects.get(status=Status.APPROVED, scheme="internship_subsidy")
    with translation.override("zh-hant"):
        url = reverse("admin:portal_application_change", args=[approved.pk])
    page = parse(admin_client_mfa.get(url).content)
    documents = page.find(id_="documents-group")
    assert "實習證明" in documents.find("td", cls="field-kind_label").text
    assert "proof" not in documents.text.replace("proof.pdf", "")
    days = page.find("div", cls="field-days_waiting").find("div", cls="readonly").text.strip()
    assert days == "-"
    with translation.override("zh-hant"):
        queue = reverse("admin:portal_application_changelist")
    cells = parse(admin_client_mfa.get(queue, {"status": "approved"}).content).find_all(
        "td", cls="field-days_waiting"
    )
    assert cells and {cell.text for cell in cells} == {"-"}
