"""The office's steps for each agency service, as first seeded (staff change them in admin).

The document names the two services but not their steps: these are the office's, in three languages.
"""

DEFAULT_STEPS = {
    "company_registration": [
        ("收件", "Documents received", "收件"),
        ("已向主管部門遞交", "Filed with the authority", "已向主管部门递交"),
        ("已發出營業執照", "Business licence issued", "已发出营业执照"),
        ("完成", "Done", "完成"),
    ],
    "bank_account": [
        ("收件", "Documents received", "收件"),
        ("已預約銀行", "Appointment with the bank", "已预约银行"),
        ("已開設賬戶", "Account opened", "已开设账户"),
        ("完成", "Done", "完成"),
    ],
}


def seed_steps(step_model) -> None:
    """Create the default steps where a service has none yet (works with a migration's historical model)."""
    for service, steps in DEFAULT_STEPS.items():
        if step_model.objects.filter(service=service).exists():
            continue
        for order, (zh_hant, en, zh_hans) in enumerate(steps, start=1):
            step_model.objects.create(
                service=service,
                order=order,
                name=zh_hant,
                name_zh_hant=zh_hant,
                name_en=en,
                name_zh_hans=zh_hans,
            )
