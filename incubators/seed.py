"""The sections of `portal/catalogue/catalogue.yaml` this app loads (`IncubatorsConfig.seed_sections`)."""

from incubators.models import Equipment, Facility, FieldOfWork, Incubator, Service, StatisticsSnapshot
from portal.catalogue.seed import Spec

SECTIONS = {
    "fields_of_work": Spec(FieldOfWork, key=("slug",), translated=("name",)),
    "incubators": Spec(
        Incubator,
        key=("slug",),
        fields=(
            "order",
            "area_m2",
            "opened_on",
            "distance_futian_port_km",
            "distance_huanggang_port_km",
        ),
        translated=("name", "short_name", "summary", "description", "address", "floors", "advantages"),
        m2m={"fields_of_work": FieldOfWork},
        children={
            "services": Spec(
                Service,
                key=("key",),
                parent="incubator",
                fields=("order",),
                translated=("name", "description"),
            ),
            "facilities": Spec(
                Facility,
                key=("key",),
                parent="incubator",
                fields=("order", "is_free", "since"),
                translated=("name", "description", "who_for"),
                children={
                    "equipment": Spec(
                        Equipment, key=("key",), parent="facility", fields=("order",), translated=("name",)
                    ),
                },
            ),
            "snapshots": Spec(
                StatisticsSnapshot,
                key=("as_of",),
                parent="incubator",
                fields=(
                    "teams_incubated",
                    "teams_approved",
                    "teams_moved_in",
                    "teams_hk_macau",
                    "members_at_start",
                    "members_now",
                    "members_hk_macau",
                    "ip_items",
                    "teams_ten_million_output",
                    "financing_rmb",
                ),
                translated=("recognitions", "highlights"),
            ),
        },
    ),
}
