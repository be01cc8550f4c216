from .checklist import ChecklistItem, Framework, Frequency, Requirement  # noqa: F401
from .parts import ChecklistPart  # noqa: F401
from .public_page import ChecklistPage  # noqa: F401
from .units import ItemEvidence, NotApplicable  # noqa: F401
