"""Page types for the mandatory categories, one module per seed clause group."""

from .agency import (  # noqa: F401
    AgencyDocumentPage,
    AgencyInfoIndexPage,
    ContactPage,
    Executive,
    ExecutivesPage,
    OrganisationStructurePage,
    VisionMissionPage,
)
from .base import (  # noqa: F401
    CategoryIndexPage,
    PageAttachment,
    PublicationPage,
    PublicationPageTag,
)
from .knowledge import KnowledgeIndexPage, KnowledgePage  # noqa: F401
from .laws import LawIndexPage, LawPage  # noqa: F401
from .links import RelatedWebsite, RelatedWebsitesIndexPage, RelatedWebsitesPage  # noqa: F401
from .manuals import (  # noqa: F401
    ServiceManualIndexPage,
    ServiceManualPage,
    SopIndexPage,
    SopManualPage,
)
from .news import (  # noqa: F401
    ActivityPage,
    ActivityPhoto,
    JobAnnouncementPage,
    NewsIndexPage,
    NewsPage,
    ProcurementAnnouncementPage,
    ProcurementResultPage,
)
from .oia import OfficialInformationIndexPage, OfficialInformationPage  # noqa: F401
from .services import (  # noqa: F401
    EServiceIndexPage,
    EServicePage,
    SatisfactionReportPage,
    StatisticsIndexPage,
)

CATEGORY_INDEX_TYPES = [
    AgencyInfoIndexPage,
    LawIndexPage,
    KnowledgeIndexPage,
    RelatedWebsitesIndexPage,
    OfficialInformationIndexPage,
    SopIndexPage,
    ServiceManualIndexPage,
    NewsIndexPage,
    EServiceIndexPage,
    StatisticsIndexPage,
]
