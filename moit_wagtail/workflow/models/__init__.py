"""Models of the publishing request: the approval task and the urgent (verbal) path."""

from .task import PublishingApprovalTask, PublishingApprovalTaskState, SelfApprovalDenied  # noqa: F401
from .urgent import UrgentApproval  # noqa: F401
