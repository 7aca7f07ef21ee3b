# Django's Chinese formats group no digits; figures here read as in Hong Kong and official reports: 3,500.
from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
