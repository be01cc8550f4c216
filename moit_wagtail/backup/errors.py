"""One exception for every refusal, so the commands can say what went wrong and exit 1."""


class BackupError(Exception):
    """A backup or restore that must stop; ``code`` lets tests and scripts tell them apart."""

    def __init__(self, message, code="error"):
        super().__init__(str(message))
        self.code = code
