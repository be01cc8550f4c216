"""Form pages (under the 1.9 index) and the submissions they create."""

from .pages import ComplaintFormPage, EServiceFormPage, InformationRequestFormPage
from .submissions import (
    HANDLE_PERMISSION,
    Kind,
    Status,
    Submission,
    SubmissionFile,
    SubmissionReply,
    TrackingCounter,
)

__all__ = [
    "HANDLE_PERMISSION",
    "ComplaintFormPage",
    "EServiceFormPage",
    "InformationRequestFormPage",
    "Kind",
    "Status",
    "Submission",
    "SubmissionFile",
    "SubmissionReply",
    "TrackingCounter",
]
