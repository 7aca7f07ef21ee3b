from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_USERS = [
    # (email, password, is_staff, groups)
    ("staff@demo.futian-youth.example", "demo-staff-2026", True, ["reviewer", "approver", "data manager"]),
    ("applicant@demo.futian-youth.example", "demo-applicant-2026", False, []),
]


class Command(BaseCommand):
    help = "Create a demo staff account and a demo applicant for local use, and print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow it when DEBUG is off")
        parser.add_argument(
            "--with-authenticator",
            action="store_true",
            help="give the staff account an authenticator (TOTP) now and print its secret",
        )

    @transaction.atomic
    def handle(self, *args, force, with_authenticator, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts have known passwords: run with DEBUG=1 (make run) or --force.")
        User = get_user_model()
        for email, password, is_staff, group_names in DEMO_USERS:
            user, _created = User.objects.get_or_create(username=email, defaults={"email": email})
            user.email = email
            user.is_staff = is_staff
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=group_names))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            role = "staff" if is_staff else "applicant"
            self.stdout.write(f"Demo {role}: {email} / {password}")
            if (
                is_staff
                and with_authenticator
                and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
            ):
                secret = generate_totp_secret()
                TOTP.activate(user, secret)
                RecoveryCodes.activate(user)
                self.stdout.write(f"  authenticator secret (add it to an authenticator app): {secret}")
        self.stdout.write(
            "Staff sign in at /zh-hant/accounts/login/ and set up an authenticator app "
            "before using /zh-hant/admin/."
        )
