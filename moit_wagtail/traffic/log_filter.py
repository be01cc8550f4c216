"""The same masking for the server's own log lines as for the traffic log.

Django logs the path of every 4xx/5xx answer (``django.request``: a rate-limited tracking
link is a 429 with its secret in the path), runserver logs each request line with its
query string (``django.server``), and our 503 page logs the path too. Those lines go to the
console and from there to journald or a log file that more people read than the traffic
log. Wired on the site's console handler: every path in a record's arguments (a word that
starts with ``/``) goes through ``masking.mask_target``.
"""

import logging
import re

from .masking import mask_target

_PATH = re.compile(r"(?<!\S)/\S*")


def mask_text(text):
    return _PATH.sub(lambda match: mask_target(match.group(0)), text)


class MaskSecretsFilter(logging.Filter):
    def filter(self, record):
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(
                mask_text(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.msg, str) and not record.args:
            record.msg = mask_text(record.msg)
        return True
