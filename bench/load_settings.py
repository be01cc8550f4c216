"""Settings for the load and fault benchmarks: the production settings, with room to post.

The survey and e-service limits (3 answers per 10 minutes, 10 submissions per hour per
client) would answer almost every bench post with 429, since all virtual clients share
127.0.0.1; the bench measures the forms' work, not the limiter. Mail goes nowhere. The
fault bench points the private attachments at its small disk with MOIT_PRIVATE_MEDIA_ROOT.
"""

import os

from moit_site.settings import *  # noqa: F403

MOIT_SURVEY_RATE_LIMIT = (1_000_000, 600)
MOIT_ESERVICE_RATE_LIMITS = {"submit": (1_000_000, 3600), "track": (1_000_000, 600)}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
if os.environ.get("MOIT_PRIVATE_MEDIA_ROOT"):
    MOIT_PRIVATE_MEDIA_ROOT = os.environ["MOIT_PRIVATE_MEDIA_ROOT"]
