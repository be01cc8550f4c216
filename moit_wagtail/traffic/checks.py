"""System check: the Computer Crime Act s.26 asks for at least 90 days of traffic data."""

from django.core import checks

from .retention import MINIMUM_DAYS, retention_days


@checks.register()
def check_retention(app_configs, **kwargs):
    try:
        days = retention_days()
    except (TypeError, ValueError):
        return [
            checks.Error(
                "MOIT_TRAFFIC_LOG_RETENTION_DAYS must be a whole number of days.",
                id="moit_traffic.E001",
            )
        ]
    if days < MINIMUM_DAYS:
        return [
            checks.Error(
                f"MOIT_TRAFFIC_LOG_RETENTION_DAYS is {days}: the Computer Crime Act B.E. 2560 "
                f"s.26 requires traffic data to be kept for at least {MINIMUM_DAYS} days.",
                hint=f"Set it to {MINIMUM_DAYS} or more (an officer may order up to 2 years).",
                id="moit_traffic.E002",
            )
        ]
    return []
