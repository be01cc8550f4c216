"""Survey pages and the responses they collect."""

from .pages import SurveyAspect, SurveyPage, SurveyResultsPage
from .responses import CommentStatus, SurveyRating, SurveyResponse

__all__ = [
    "CommentStatus",
    "SurveyAspect",
    "SurveyPage",
    "SurveyRating",
    "SurveyResponse",
    "SurveyResultsPage",
]
