import datetime
import itertools
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from incubators.models import Incubator
from portal.accounts.forms import hkid_check_digit
from portal.models import ApplicantProfile, Application, Status
from subsidies.models import SubsidyApplication, add_months

STATES = [
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.MORE_INFO,
    Status.RESUBMITTED,
    Status.APPROVED,
    Status.REJECTED,
    Status.WITHDRAWN,
]


def demo_hkid(n: int) -> str:
    # Prefix Z, so a made-up number is unlikely to be a real person's.
    digits = f"{n % 1_000_000:06d}"
    return f"Z{digits}{hkid_check_digit('Z', digits)}"


class Command(BaseCommand):
    help = (
        "Create made-up applicants and subsidy applications, for demos and `make bench`. "
        "Rows are fake: statuses are set directly, without the workflow's emails or timeline."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200)
        parser.add_argument("--per-applicant", type=int, default=10)
        parser.add_argument("--owner", help="email of an existing user who gets the first applications too")

    @transaction.atomic
    def handle(self, *args, count, per_applicant, owner, **options):
        bases = list(Incubator.objects.all())
        if not bases:
            raise CommandError("Run seed_catalogue first.")
        User = get_user_model()
        start = User.objects.count()
        applicants = User.objects.bulk_create(
            [
                User(
                    username=f"demo{start + n}@applicants.example",
                    email=f"demo{start + n}@applicants.example",
                )
                for n in range(max(1, count // per_applicant))
            ]
        )
        applicants = list(User.objects.filter(username__in=[u.username for u in applicants]))
        if owner:
            applicants.insert(0, User.objects.get(email=owner))
        ApplicantProfile.objects.bulk_create(
            [
                ApplicantProfile(
                    user=user,
                    name_zh="陳大文",
                    name_en=f"Demo Applicant {user.pk}",
                    date_of_birth=datetime.date(2000, 1, 1),
                    id_type="hkid",
                    # One document, one account: each made-up person has a number of their own.
                    id_number=demo_hkid(user.pk),
                    id_number_normalised=demo_hkid(user.pk),
                    phone_region="HK",
                    phone="+85291234567",
                    education="bachelor",
                    institution="HKU",
                    graduation_year=2024,
                    situation="graduate",
                )
                for user in applicants
            ],
            ignore_conflicts=True,
        )
        rng = random.Random(2026)
        now = timezone.now()
        owners = itertools.cycle(applicants)
        for n in range(count):
            # Each applicant's applications cover successive two-month periods: not the same claim twice.
            start_date = add_months(datetime.date(2024, 1, 1), 2 * (n // len(applicants)))
            app = SubsidyApplication.objects.create(
                applicant=next(owners),
                host_base=rng.choice(bases),
                host_organisation="Demo team",
                position="Intern",
                start_date=start_date,
                end_date=add_months(start_date, 2) - datetime.timedelta(days=1),
                degree="bachelor",
                monthly_amount=1500,
                months=2,
                total=3000,
                bank_account_name="DEMO APPLICANT",
                bank_name="Demo Bank",
                bank_account_number=f"{100000000000 + n}",
            )
            Application.objects.filter(pk=app.pk).update(
                status=rng.choice(STATES), submitted_at=now - datetime.timedelta(days=rng.randint(0, 90))
            )
        self.stdout.write(f"Created {count} demo applications for {len(applicants)} applicants.")
