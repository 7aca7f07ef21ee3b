import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse

from incubators.models import FieldOfWork
from incubators.teams.models import Team, TeamMember
from tests.people import create_applicant
from tests.teams.world import add_member, make_team

pytestmark = pytest.mark.django_db


def test_a_lead_creates_a_team_and_is_its_first_member(signed_in, lead):
    field = FieldOfWork.objects.order_by("pk").first()
    response = signed_in.post(
        reverse("teams:create"),
        {
            "name": "Harbour Robotics",
            "field": field.pk,
            "stage": "prototype",
            "ip_items": "2",
            "financing_rmb": "500000",
            "output_level": "none",
        },
        follow=True,
    )
    team = Team.objects.get(name="Harbour Robotics")
    assert team.lead == lead
    assert response.redirect_chain[-1][0] == team.get_absolute_url()
    page = response.content.decode()
    assert "李家明" in page and "Add a member" in page
    assert team.members.get().user == lead


def test_a_team_needs_a_field_from_the_list_or_another(signed_in):
    response = signed_in.post(reverse("teams:create"), {"name": "No field", "stage": "idea"})
    assert response.status_code == 200
    assert "Choose your field from the list, or name another." in response.content.decode()
    assert not Team.objects.exists()


def invitation_link(mailoutbox) -> str:
    return re.search(r"https?://\S+/teams/invitation/\S+/", mailoutbox[-1].body).group(0)


def test_an_invited_member_confirms_and_sees_the_team_read_only(
    signed_in, lead, client, mailoutbox, django_capture_on_commit_callbacks
):
    team = make_team(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            reverse("teams:member_add", args=[team.pk]),
            {"name": "Wong Siu Ming", "email": "Siu.Ming@example.com", "role": "CTO", "from_hk_macau": "on"},
            follow=True,
        )
    assert "Invited, not yet confirmed" in response.content.decode()
    assert mailoutbox[-1].to == ["siu.ming@example.com"]
    assert "Harbour Robotics" in mailoutbox[-1].subject
    link = invitation_link(mailoutbox)

    client.logout()
    # Not signed in: the link leads to sign-in first, and back.
    assert "/accounts/login/" in client.get(link)["Location"]
    invitee = create_applicant("another.address@example.com")
    client.force_login(invitee)
    assert "Confirm that I am in this team" in client.get(link).content.decode()
    response = client.post(link, follow=True)
    member = TeamMember.objects.get(email="siu.ming@example.com")
    assert member.user == invitee and member.confirmed_at is not None
    page = response.content.decode()
    assert "You are a member: only the team’s lead can change it." in page or "only the team" in page
    assert reverse("teams:edit", args=[team.pk]) not in page
    assert reverse("teams:member_add", args=[team.pk]) not in page
    # Read-only: the lead's pages are not the member's.
    assert client.get(reverse("teams:edit", args=[team.pk])).status_code == 404
    assert client.post(reverse("teams:member_add", args=[team.pk]), {"name": "x"}).status_code == 404
    assert "Harbour Robotics" in client.get(reverse("teams:list")).content.decode()
    # A second use of the link by someone else is refused.
    client.force_login(create_applicant("third@example.com"))
    client.post(link)
    assert TeamMember.objects.get(pk=member.pk).user == invitee


def test_an_expired_or_forged_link_does_not_work(client, lead):
    team = make_team(lead)
    member = add_member(team)
    client.force_login(create_applicant("invitee@example.com"))
    token = member.invitation_token()
    with pytest.raises(signing.SignatureExpired):
        TeamMember.from_token(token, max_age=datetime.timedelta(seconds=-1))
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(reverse("teams:invitation", args=[forged]))
    assert response.status_code == 404
    assert "does not work" in response.content.decode()
    # Signed for another purpose: not an invitation.
    other = signing.dumps({"member": member.pk, "email": member.email}, salt="something.else")
    assert client.get(reverse("teams:invitation", args=[other])).status_code == 404
    assert TeamMember.objects.get(pk=member.pk).user is None


def test_an_invitation_expires_after_the_setting(client, lead, settings):
    member = add_member(make_team(lead))
    client.force_login(create_applicant("late@example.com"))
    settings.TEAM_INVITATION_DAYS = -1  # any link is already too old
    response = client.post(reverse("teams:invitation", args=[member.invitation_token()]))
    assert response.status_code == 410
    assert "The link has expired." in response.content.decode()
    assert TeamMember.objects.get(pk=member.pk).confirmed_at is None


def test_someone_elses_team_does_not_exist(client, lead):
    team = make_team(lead)
    add_member(team)  # invited, not confirmed: not yet a member
    client.force_login(create_applicant("stranger@example.com"))
    for name in ("teams:detail", "teams:edit", "teams:member_add"):
        assert client.get(reverse(name, args=[team.pk])).status_code == 404
    assert "Harbour Robotics" not in client.get(reverse("teams:list")).content.decode()


def test_the_same_email_is_not_added_twice(signed_in, lead):
    team = make_team(lead)
    response = signed_in.post(
        reverse("teams:member_add", args=[team.pk]), {"name": "Me again", "email": "LEAD@example.com"}
    )
    assert "Someone with this email is already in the team." in response.content.decode()


def make_teams(lead, count, start=0):
    for n in range(start, start + count):
        team = make_team(lead, name=f"Team {n}")
        for m in range(3):
            email = f"m{n}-{m}@example.com"
            add_member(team, email=email, user=create_applicant(email))


def test_my_teams_and_a_team_page_take_the_same_queries_however_many_rows(signed_in, lead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(url).status_code == 200
        return len(queries)

    make_teams(lead, 2)
    team = Team.objects.get(name="Team 0")
    small = (count(reverse("teams:list")), count(team.get_absolute_url()))
    make_teams(lead, 6, start=2)
    for n in range(5):
        add_member(team, email=f"more{n}@example.com")
    assert (count(reverse("teams:list")), count(team.get_absolute_url())) == small
