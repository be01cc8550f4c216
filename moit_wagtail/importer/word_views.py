"""Word into a page: an editor fills a page's body from a .docx, or starts a new item of a
category from one.

The editor's own permission on the page decides (any unit editor, not only admins), on
the server for every request. The Word file becomes a new draft revision built on the
page's latest one, so nothing autosaved is lost and the page still goes through its
approval workflow; pictures become Wagtail images in the unit's collection (the same
picture once). Nothing here publishes.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from moit_wagtail.admin_views import AdminScreen
from moit_wagtail.pages.models import PublicationPage
from moit_wagtail.pages.slugs import slug_for
from moit_wagtail.roles import unit_collection

from .word import read_word, to_rich_text

APPEND, REPLACE = "append", "replace"


def body_field(model):
    """The rich-text field a Word file fills on a published item: ``body``, else the type's
    first own one (an index page's short introduction is not for Word files)."""
    if not issubclass(model, PublicationPage):
        return None
    fields = [field for field in model._meta.fields if isinstance(field, RichTextField)]
    named = [field for field in fields if field.name == "body"]
    own = [field for field in fields if field.model is model]
    return (named or own or [None])[0]


def word_types(parent, user):
    """The page types under ``parent`` that ``user`` may create and a Word file can fill."""
    if not parent.permissions_for_user(user).can_add_subpage():
        return []
    return [
        model
        for model in parent.specific_class.creatable_subpage_models()
        if body_field(model) is not None and model.can_create_at(parent)
    ]


def can_fill(page, permissions):
    """An editable, unlocked item that is not an alias (an alias shows another page's
    content and has no revisions of its own)."""
    return (
        body_field(page.specific_class or type(page)) is not None
        and not page.alias_of_id
        and permissions.can_edit()
        and not permissions.page_locked()
    )


class WordForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Word file (.docx)"),
        help_text=gettext_lazy(
            "Headings, lists, bold, italic, links and pictures are kept; a table becomes a "
            "list, one row per item."
        ),
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is None:  # filling a page
            self.fields["placement"] = forms.ChoiceField(
                label=gettext_lazy("Put the Word content"),
                choices=[
                    (APPEND, gettext_lazy("after the current content")),
                    (REPLACE, gettext_lazy("in place of the current content")),
                ],
                initial=APPEND,
                widget=forms.RadioSelect,
            )
            self.fields["use_title"] = forms.BooleanField(
                label=gettext_lazy("Use the Word document's title as the page title"),
                required=False,
            )
        else:
            self.fields["kind"] = forms.ChoiceField(
                label=gettext_lazy("Item type"),
                choices=[(model._meta.label_lower, model.get_verbose_name()) for model in kinds],
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.document = read_word(upload)  # the upload checks, then python-docx
        if not self.document.blocks:
            raise ValidationError(
                _("“%(name)s” has no text or pictures to add."), params={"name": upload.name}
            )
        return upload


class ImageSaver:
    """``to_rich_text``'s ``save_image``: each picture a Wagtail image in the collection."""

    def __init__(self, collection, user):
        self.collection, self.user = collection, user

    def __call__(self, picture):
        Image = get_image_model()
        image = Image(
            title=picture.alt or picture.filename.rsplit(".", 1)[0],
            collection=self.collection,
            uploaded_by_user=self.user,
        )
        image.file = ContentFile(picture.data, name=picture.filename)
        image._set_image_file_metadata()
        same = Image.objects.filter(collection=self.collection, file_hash=image.file_hash).first()
        if same is not None:
            return same.pk
        image.save()
        return image.pk


def collection_for(page):
    site = page.get_site()
    unit = getattr(site, "moit_unit", None) if site else None
    if unit is None:
        return Collection.get_first_root_node()
    return unit_collection(unit.group_key)


def report(request, document):
    counts = document.counts
    messages.success(
        request,
        _(
            "Word content added as a draft: %(headings)s headings, %(lists)s lists, "
            "%(tables)s tables (as lists), %(images)s pictures. Check it, then save or submit."
        )
        % counts,
    )
    if counts.get("skipped_images"):
        messages.warning(
            request,
            _(
                "%(count)s pictures were left out: a website cannot show their format "
                "(e.g. EMF, WMF or TIFF). Save them as PNG or JPEG and add them in the editor."
            )
            % {"count": counts["skipped_images"]},
        )


class WordScreen(AdminScreen, FormView):
    template_name = "moit_importer/word.html"
    form_class = WordForm
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)


class FillFromWordView(WordScreen):
    """The page's body from a Word file, as a new draft revision."""

    page_title = gettext_lazy("Fill the content from a Word file")

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, id=page_id).specific
        permissions = self.page.permissions_for_user(request.user)
        self.field = body_field(type(self.page))
        if not can_fill(self.page, permissions):
            raise PermissionDenied
        return super().dispatch(request, page_id=page_id)

    def form_valid(self, form):
        document = form.document
        draft = self.page.get_latest_revision_as_object()
        saver = ImageSaver(collection_for(self.page), self.request.user)
        html = to_rich_text(document, saver, self.field.features)
        if form.cleaned_data["placement"] == APPEND:
            html = (getattr(draft, self.field.name) or "") + html
        setattr(draft, self.field.name, html)
        if form.cleaned_data["use_title"] and document.title:
            draft.title = document.title[:255]  # the page title's length
        draft.save_revision(user=self.request.user, log_action=True, clean=False)
        report(self.request, document)
        return redirect("wagtailadmin_pages:edit", self.page.pk)


class CreateFromWordView(WordScreen):
    """A new draft item under a category, titled and filled from a Word file."""

    page_title = gettext_lazy("New item from a Word file")

    def dispatch(self, request, parent_id):
        self.page = get_object_or_404(Page, id=parent_id).specific
        self.kinds = word_types(self.page, request.user)
        if not self.kinds:
            raise PermissionDenied
        return super().dispatch(request, parent_id=parent_id)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kinds": self.kinds}

    def form_valid(self, form):
        document = form.document
        model = next(m for m in self.kinds if m._meta.label_lower == form.cleaned_data["kind"])
        field = body_field(model)
        stem = form.cleaned_data["file"].name.rsplit(".", 1)[0]
        title = (document.title or stem).strip() or _("Document from Word")
        saver = ImageSaver(collection_for(self.page), self.request.user)
        page = model(title=title[:255], live=False, owner=self.request.user)
        setattr(page, field.name, to_rich_text(document, saver, field.features))
        page.slug = slug_for(page.title, self.page)
        try:
            self.page.add_child(instance=page)  # a draft: only title and slug are checked
        except ValidationError as error:
            form.add_error("file", error.messages)
            return self.form_invalid(form)
        page.save_revision(user=self.request.user, log_action=True, clean=False)
        report(self.request, document)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
