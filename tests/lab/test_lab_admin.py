"""Staff set each equipment's hours in admin, and review teams with the shared application admin."""

from django.urls import reverse

from incubators.lab.models import Equipment, ResearchTeam
from portal.models import Status
from tests.lab.helpers import confirm_team
from tests.people import create_applicant
from tests.portal.conftest import form_data


def test_staff_tick_the_days_and_set_the_hours(admin_client_mfa, equipment):
    hood = equipment[2]
    url = reverse("admin:lab_equipment_change", args=[hood.pk])
    response = admin_client_mfa.get(url)
    assert response.status_code == 200
    data = form_data(response)
    data.update(
        {"open_weekdays": ["2", "4", "6"], "opens_at": "10:00", "closes_at": "16:00", "slot_minutes": "90"}
    )
    response = admin_client_mfa.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    hood.refresh_from_db()
    assert hood.open_weekdays == "246"
    assert [t.strftime("%H:%M") for t in hood.slot_times()] == ["10:00", "11:30", "13:00", "14:30"]


def test_hours_that_fit_no_slot_are_refused(admin_client_mfa, equipment):
    url = reverse("admin:lab_equipment_change", args=[equipment[0].pk])
    data = form_data(admin_client_mfa.get(url))
    data.update({"opens_at": "09:00", "closes_at": "09:30", "slot_minutes": "60", "open_weekdays": ["1"]})
    response = admin_client_mfa.post(url, data)
    assert response.status_code == 200
    assert "No slot of this length fits" in str(response.context["adminform"].form.errors)
    assert Equipment.objects.get(pk=equipment[0].pk).closes_at.hour == 18


def test_a_team_and_its_bookings_open_in_admin(admin_client_mfa, equipment, approver):
    team = confirm_team(create_applicant("admin-team@example.com"), approver)
    assert team.status == Status.APPROVED
    page = admin_client_mfa.get(reverse("admin:lab_researchteam_change", args=[team.pk]))
    assert page.status_code == 200 and "HKUST" in page.content.decode()
    assert admin_client_mfa.get(reverse("admin:lab_researchteam_changelist")).status_code == 200
    assert admin_client_mfa.get(reverse("admin:lab_labbooking_changelist")).status_code == 200
    assert ResearchTeam.standing_approval(team.applicant) == team
