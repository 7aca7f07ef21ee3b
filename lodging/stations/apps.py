from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lodging.stations"
    label = "stations"
    verbose_name = _("Youth stations")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "lodging/stations/"
    urls_module = "lodging.stations.urls"
    # Room types are catalogue content (names in three languages): data managers edit them.
    catalogue_models = ("roomtype",)
    # Reviewers check proofs and confirm stays (the workflow's own permissions decide the actions);
    # data managers also set the office's rules for each station.
    role_permissions = {
        "reviewer": [
            "stations.view_hetaoworkproof",
            "stations.change_hetaoworkproof",
            "stations.view_overtimestay",
            "stations.change_overtimestay",
            "stations.view_youthstationstay",
            "stations.change_youthstationstay",
            "stations.view_roomtype",
            "stations.view_stationrules",
        ],
        "data manager": [
            "stations.view_stationrules",
            "stations.change_stationrules",
        ],
    }
