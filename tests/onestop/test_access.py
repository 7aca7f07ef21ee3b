"""The office's pages: its own page is public, each journey page only for the application's applicant."""

from django.urls import reverse

from tests.onestop import world
from tests.people import create_applicant


def test_each_journey_page_is_only_for_its_applicant(client, db):
    owner = create_applicant("owner@example.com")
    built = world.build(owner)
    assert client.get(reverse("onestop:index")).status_code == 200
    client.force_login(create_applicant("someone.else@example.com"))
    for namespace, rows in built["namespaces"].items():
        for step in ("apply_details", "apply_check", "apply_done"):
            for application in (rows["draft"], rows["application"]):
                url = reverse(f"{namespace}:{step}", args=[application.reference])
                assert client.get(url).status_code == 404, url
    client.force_login(owner)
    for namespace, rows in built["namespaces"].items():
        url = reverse(f"{namespace}:apply_details", args=[rows["draft"].reference])
        assert client.get(url).status_code == 200, url
        assert client.get(rows["application"].get_absolute_url()).status_code == 200


def test_the_office_admin_pages_open(admin_client_mfa, db):
    owner = create_applicant("owner@example.com")
    built = world.build(owner)
    request = built["namespaces"]["onestop:agency"]["application"]
    from programs.onestop.models import AgencyStep, OnestopRules, ServiceBatch

    rows = {
        "agencyrequest": request.pk,
        "counsellingappointment": built["application"].pk,
        "agencystep": AgencyStep.objects.first().pk,
        "onestoprules": OnestopRules.saved().pk,
        "servicebatch": ServiceBatch.objects.first().pk,
    }
    for model, pk in rows.items():
        for url in (
            reverse(f"admin:onestop_{model}_changelist"),
            reverse(f"admin:onestop_{model}_change", args=[pk]),
        ):
            assert admin_client_mfa.get(url).status_code == 200, url
    change = reverse("admin:onestop_agencyrequest_change", args=[request.pk])
    page = admin_client_mfa.get(change).content.decode()
    assert "Documents received" in page and "Filed with the authority" in page
