"""Every page's slug field, in the model and in the admin form, follows ``slugs.py``.

``install()`` (called once from the app's ``ready()``) is the one place where Wagtail's
own slug handling is replaced, for all page types at once:

* the model field: ``Page.slug`` is a Django ``SlugField`` whose validator refuses Thai
  vowel and tone marks (they are not ``\\w``). Its validator list is swapped for
  ``validate_page_slug``, which Django and Wagtail then run in ``full_clean``. This
  touches a field instance of Wagtail's model, because Wagtail offers no setting for it.
* the admin form field: registered with Wagtail's public
  ``register_form_field_override`` for ``Page.slug`` only; other slug fields keep
  Wagtail's defaults.
* the admin widget: Wagtail's ``SlugInput`` (Stimulus ``w-slug``) slugifies the title in
  JavaScript and drops every Thai mark, on the title's sync and on blur. Ours keeps the
  title's ``w-sync`` channel (Wagtail still decides when the title may drive the slug:
  new or unpublished pages) but answers it with the ``moit-slug`` controller, which asks
  the server for the slug (``slug_view.py``).
* the copy form: Wagtail reads ``copy_form_class`` from the page class; set on ``Page``
  it serves every page type, so a Thai slug can be copied.
"""

from django import forms
from django.db import models
from django.urls import reverse
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.widgets import SlugInput
from wagtail.models import Page

from .slugs import normalise, validate_page_slug


class PageSlugField(forms.CharField):
    """The admin form field of a page slug: spelt as ``slugs.normalise`` spells it (Thai
    digits as 0-9, ํ+า as ำ, zero-width characters dropped), then validated."""

    default_validators = [validate_page_slug]

    def __init__(self, *, allow_unicode=True, **kwargs):
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise(super().to_python(value))


class PageSlugInput(forms.TextInput):
    """The slug input, driven by our ``moit-slug`` controller instead of Wagtail's
    ``w-slug``: it fills in the server's slug while the title drives it, and stops
    when the editor types a slug of their own."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-controller": "moit-slug",
                "data-action": (
                    "w-sync:check->moit-slug#check w-sync:apply->moit-slug#follow:prevent "
                    "input->moit-slug#edited"
                ),
                "data-moit-slug-url-value": reverse("moit_page_slug"),
                "autocomplete": "off",
                "spellcheck": "false",
            }
        )
        return context


class PageCopyForm(CopyForm):
    """Wagtail's copy form with the new slug checked by our rule."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.fields["new_slug"]
        self.fields["new_slug"] = PageSlugField(initial=old.initial, label=old.label)


def _slug_form_field(db_field):
    if issubclass(db_field.model, Page) and db_field.name == "slug":
        return {"form_class": PageSlugField, "widget": PageSlugInput}
    return {"widget": SlugInput}  # Wagtail's default for every other slug field


def install():
    field = Page._meta.get_field("slug")
    field.default_validators = [validate_page_slug]
    field.__dict__.pop("validators", None)  # drop a cached list of the old validators
    register_form_field_override(models.SlugField, override=_slug_form_field)
    Page.copy_form_class = PageCopyForm
