"""Logging of the reference site: console only, every path masked like the traffic log's."""

import os

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Paths in log lines are masked like the traffic log's (moit_wagtail/traffic/log_filter.py):
    # on the console handler, and on the loggers whose records go to other handlers too
    # (django.request's errors to mail_admins; runserver's request lines to their own).
    "filters": {"mask_secrets": {"()": "moit_wagtail.traffic.log_filter.MaskSecretsFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail 8 runs search-index and reference-index updates as tasks; one line each
        # is noise.
        "django_tasks": {"level": "WARNING"},
        "django.request": {"filters": ["mask_secrets"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["mask_secrets"],
        },
    },
}
