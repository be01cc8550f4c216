"""Models of the publishing request: the approval task and the urgent (verbal) path."""

from .task import (  # noqa: F401
    AuthorApprovalDenied,
    PublishingApprovalTask,
    PublishingApprovalTaskState,
    SelfApprovalDenied,
)
from .urgent import UrgentApproval  # noqa: F401
