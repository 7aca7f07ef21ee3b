"""The sections of `portal/catalogue/catalogue.yaml` this app loads (`SubsidiesConfig.seed_sections`)."""

from portal.catalogue.seed import Spec
from programs.models import Programme
from subsidies.models import SubsidyScheme, SubsidyTier

SECTIONS = {
    "subsidy_schemes": Spec(
        SubsidyScheme,
        key=("slug",),
        translated=("name", "summary", "who_for"),
        refs={"programme": Programme},
        children={
            "tiers": Spec(
                SubsidyTier,
                key=("degree",),
                parent="scheme",
                fields=("order", "monthly_amount"),
                translated=("name",),
            ),
        },
    ),
}
