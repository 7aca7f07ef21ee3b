"""The sections of `portal/catalogue/catalogue.yaml` this app loads (`LodgingConfig.seed_sections`)."""

from lodging.models import LodgingScheme
from portal.catalogue.seed import Spec

SECTIONS = {
    "lodging_schemes": Spec(
        LodgingScheme,
        key=("slug",),
        fields=(
            "order",
            "free_months",
            "long_lease_rent_percent",
            "max_lease_months",
            "max_free_nights",
            "requires_hetao_work",
            "on_application",
        ),
        translated=("name", "summary", "description", "who_for"),
    ),
}
