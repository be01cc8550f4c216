"""The publication-metadata base every mandatory-category page shares (seed 2.2).

Every item must state its source/owner, the period its data covers, its publication
date, and the type and size of each file. Keeping these on one concrete table lets the
monitoring reports query all categories at once, without a join per page type.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from moit_wagtail import files
from moit_wagtail.clauses import get_clause, sub_clauses
from moit_wagtail.pages.forms import PublicationPageForm

LISTING_PAGE_SIZE = 20


def default_review_by():
    """Unless told otherwise, an item is checked for currency a year after it is written."""
    return timezone.localdate() + datetime.timedelta(days=365)


class PublicationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "moit_pages.PublicationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PublicationPage(Page):
    """Base of every page that publishes information under a seed clause.

    Subclasses set ``seed_clause`` (a code from ``data/seed_clauses.json``) and may
    override ``get_evidence_code`` to name the sub-item a particular page serves.
    """

    seed_clause = ""
    # Laws and knowledge must cite where they come from (seed 1.2, 1.3).
    required_source = False

    clause = models.CharField(_("seed clause"), max_length=16, editable=False, db_index=True)
    evidence_code = models.CharField(
        _("checklist code"), max_length=32, editable=False, db_index=True
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("One or two sentences shown in listings and on the publishing-request form."),
    )
    owner_unit = models.CharField(
        _("information owner (unit or group)"),
        max_length=255,
        help_text=_("The group or section that owns this information, e.g. กลุ่มงานบริหารทั่วไป."),
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Receives review reminders and approval notices for this item."),
    )
    source = models.CharField(
        _("source of the information"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where the information comes from, if not the owner: a publication, agency or URL."
        ),
    )
    data_period_start = models.DateField(_("data covers from"), null=True)
    data_period_end = models.DateField(
        _("data covers until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the information has no end date."),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        default=default_review_by,
        help_text=_("The date by which the owner must confirm the item is still current."),
    )
    last_reviewed_on = models.DateField(
        _("last confirmed current on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by the owner's 'Reviewed, still current' action."),
    )
    tags = ClusterTaggableManager(through=PublicationPageTag, blank=True, verbose_name=_("tags"))

    is_creatable = False
    subpage_types = []
    base_form_class = PublicationPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("owner_unit"),
        index.SearchField("source"),
        index.RelatedFields("tags", [index.SearchField("name", boost=4)]),
        index.RelatedFields(
            "attachments",
            [
                index.SearchField("caption", boost=4),
                index.SearchField("document_title", boost=4),
                index.SearchField("file_text"),
            ],
        ),
        index.FilterField("clause"),
        index.FilterField("evidence_code"),
    ]

    metadata_panels = [
        MultiFieldPanel(
            [FieldPanel("owner_unit"), FieldPanel("responsible_person"), FieldPanel("source")],
            heading=_("Owner and source"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("data_period_start"), FieldPanel("data_period_end")]),
                FieldPanel("review_by"),
            ],
            heading=_("Period and currency"),
        ),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    # -- the seed clause this page serves -------------------------------------------------

    def get_evidence_code(self):
        """The most specific checklist code this page is evidence for."""
        return self.seed_clause

    @property
    def clause_info(self):
        return get_clause(self.evidence_code or self.seed_clause)

    def save(self, *args, **kwargs):
        # Saved through the shared base class (reports, bulk updates) the codes are
        # unknown here and must be left as the specific page type stored them.
        if self.seed_clause:
            self.clause = self.seed_clause
            self.evidence_code = self.get_evidence_code()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "clause", "evidence_code"}
        return super().save(*args, **kwargs)

    # -- validation ---------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.data_period_start
            and self.data_period_end
            and self.data_period_end < self.data_period_start
        ):
            errors["data_period_end"] = _("The end of the data period cannot be before its start.")
        if errors:
            raise ValidationError(errors)

    def missing_metadata(self):
        """Required publication fields still empty, as {field name: verbose name}.

        The admin form checks the same on publish; this serves code paths without a
        form, such as starting the approval workflow.
        """
        missing = {}
        for field in self._meta.concrete_fields:
            if field.blank or not field.editable or not issubclass(field.model, PublicationPage):
                continue
            if getattr(self, field.attname) in (None, ""):
                missing[field.name] = field.verbose_name
        values = {field.name: getattr(self, field.attname) for field in self._meta.concrete_fields}
        for name in self.conditional_requirements(values):
            missing[name] = self._meta.get_field(name).verbose_name
        return missing

    @classmethod
    def conditional_requirements(cls, values):
        """Fields this page type requires only in some cases, as {field: message}.

        ``values`` maps field names to values (a form's cleaned data or a page's
        attributes). Checked on publish and submit, not when saving a draft.
        """
        missing = {}
        if cls.required_source and not values.get("source"):
            missing["source"] = _("State the source of this information (announcement clause 2.2).")
        return missing

    # -- what templates show ------------------------------------------------------------

    @property
    def publication_date(self):
        """First publication, as Wagtail records it (seed 2.2: the date it was published)."""
        return self.first_published_at

    @cached_property
    def attachment_list(self):
        return list(self.attachments.select_related("document"))


class PageAttachment(Orderable):
    """A downloadable file of a publication. Its type and size come from the file itself."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(
        _("link text"),
        max_length=255,
        blank=True,
        help_text=_("Optional; the document title is used when empty."),
    )

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def clean(self):
        super().clean()
        if self.document_id:
            extension = (self.document.file_extension or "").lower()
            if extension not in files.allowed_extensions():
                raise ValidationError(
                    {
                        "document": _(
                            "Files of type .%(ext)s may not be published. Allowed types: "
                            "%(allowed)s."
                        )
                        % {"ext": extension, "allowed": ", ".join(files.allowed_extensions())}
                    }
                )

    @property
    def title(self):
        return self.caption or self.document.title

    def document_title(self):
        return self.document.title

    def file_text(self):
        """The text read from the file, for the search index ("" until it has been read)."""
        file_text = getattr(self.document, "moit_file_text", None)
        return file_text.text if file_text is not None else ""

    @property
    def file_type(self):
        return files.file_type_label(self.document)

    @property
    def file_size(self):
        return files.file_size_label(self.document)

    @property
    def url(self):
        return self.document.url


def publication_panels(*panels, attachments_required=False):
    """Content panels for a publication page: title, summary, the type's own fields,
    then the metadata the seed asks of every item."""
    return (
        Page.content_panels
        + [FieldPanel("summary")]
        + list(panels)
        + [
            InlinePanel(
                "attachments",
                heading=_("Attachments"),
                label=_("Attachment"),
                min_num=1 if attachments_required else None,
            )
        ]
        + PublicationPage.metadata_panels
    )


class CategoryIndexPage(Page):
    """Index of one mandatory category (1.1-1.10); allows only that category's page types."""

    seed_clause = ""
    max_count_per_parent = 1

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
    ]

    class Meta:
        abstract = True

    @property
    def clause_info(self):
        return get_clause(self.seed_clause)

    @classmethod
    def allow_child_types(cls, *labels):
        """Let an optional app (e-services, survey) add its page types to this category,
        so this app never names apps that may not be installed. Call from ``ready()``."""
        added = [label for label in labels if label not in cls.subpage_types]
        cls.subpage_types = [*cls.subpage_types, *added]
        cls._clean_subpage_models = None  # Wagtail caches the resolved list

    def get_template(self, request, *args, **kwargs):
        """This category's own template if the site provides one, else the shared index."""
        return [self.template, "moit_pages/category_index_page.html"]

    def sub_clause_filters(self):
        return sub_clauses(self.seed_clause)

    def listing_queryset(self):
        return (
            PublicationPage.objects.child_of(self)
            .live()
            .order_by("-first_published_at", "-pk")
            .prefetch_related("attachments__document")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listing_queryset()
        filters = self.sub_clause_filters()
        selected = request.GET.get("code", "")
        if selected and selected in {clause.code for clause in filters}:
            items = items.filter(evidence_code=selected)
        else:
            selected = ""
        context["sub_clause_filters"] = filters
        context["selected_code"] = selected
        context["items"] = Paginator(items, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
        return context
