"""Readable Thai slugs: the rule, the validator, the admin helper, the server fallback,
routing with raw and percent-encoded Thai, and redirects when a published slug changes."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify as django_slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.pages import models as pages
from moit_wagtail.pages.slugs import (
    FALLBACK_SLUG,
    INVALID_MESSAGE,
    MAX_VISIBLE_CHARS,
    MAX_WORDS,
    is_wagtail_generated,
    slugify_title,
    validate_page_slug,
    visible_length,
    wagtail_js_slug,
)
from moit_wagtail.roles import ensure_unit_groups
from tests.factories import build_page, create_url, form_values, publish

DENGUE = "ประชาสัมพันธ์รณรงค์ป้องกันโรคไข้เลือดออกช่วงฤดูฝน ปี 2570"
THAI_MARKS = ["\u0e31", *map(chr, range(0x0E34, 0x0E3B)), *map(chr, range(0x0E47, 0x0E4F))]

# -- the rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (DENGUE, "ประชาสัมพันธ์-รณรงค์-ป้องกัน-โรค-ไข้เลือดออก-ช่วง"),
        ("คำสั่งจังหวัด", "คำสั่ง-จังหวัด"),  # ำ kept whole, not ํ + า
        ("กิจกรรมวันอนามัยโลก ๗ เมษายน", "กิจกรรม-วัน-อนามัย-โลก-7-เมษายน"),
        ("มาตรการป้องกัน COVID-19 ในสถานพยาบาล", "มาตรการป้องกัน-covid-19-ใน-สถานพยาบาล"),
        ("ผลการประเมิน ITA ปีงบประมาณ ๒๕๖๘", "ผล-การประเมิน-ita-ปีงบประมาณ-2568"),
        ("แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569", "แผนการ-จัดซื้อจัดจ้าง-ประจำ-ปีงบประมาณ-พศ-2569"),
        ("ITA 2568: MOIT 1-22", "ita-2568-moit-1-22"),
    ],
)
def test_titles_give_readable_thai_slugs(title, slug):
    assert slugify_title(title) == slug


@pytest.mark.parametrize(
    "words",
    [
        ("ไก่", "ไม้", "โต๊ะ", "จ๋า"),  # the four tone marks
        ("เด็ก", "การันต์", "ที่", "นึก", "ชื่อ"),  # ็ ์ ิ ี ึ ื
        ("ดุ", "ดู", "สั้น", "ลำไย"),  # ุ ู ั ำ
        ("ฯลฯ", "ต่างๆ"),  # ฯ ๆ
    ],
)
def test_every_vowel_and_tone_mark_survives(words):
    assert slugify_title(" ".join(words)).split("-") == list(words)


def test_ำ_is_never_split_and_the_typed_ํา_form_is_joined():
    assert "\u0e33" in slugify_title("ประจำปี")
    assert "\u0e4d" not in slugify_title("ประจำปี")
    assert slugify_title("ประจ\u0e4d\u0e32ปี") == slugify_title("ประจำปี")
    # Django's slugify (NFKC) breaks it: the reason we do not use it.
    assert "\u0e33" not in django_slugify("ประจำปี", allow_unicode=True)


def test_long_titles_are_cut_after_a_whole_word():
    title = (
        "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันและปราบปรามการทุจริตและประพฤติมิชอบ"
        "ของสำนักงานสาธารณสุขจังหวัด ประจำปีงบประมาณ พ.ศ. 2569 รอบ 6 เดือน"
    )
    slug = slugify_title(title)
    parts = slug.split("-")
    assert len(parts) <= MAX_WORDS
    assert visible_length(slug) <= MAX_VISIBLE_CHARS
    assert title.replace(" ", "").startswith("".join(parts))  # a prefix of whole words
    assert slugify_title(title + " เพิ่มเติม") == slug


def test_one_very_long_word_is_cut_between_letters_not_marks():
    slug = slugify_title("ก่" * 100)
    assert 0 < len(slug) <= 80
    assert not slug.endswith("ก")  # the last letter keeps its tone mark


@pytest.mark.parametrize("title", ["!!!", "...---...", "()[]{}", "🎉🎉", "   ", ""])
def test_titles_of_only_punctuation_give_no_slug(title):
    assert slugify_title(title) == ""


def test_zero_width_spaces_are_dropped():
    assert slugify_title("ประชา\u200bสัมพันธ์\u200b ข่าว\ufeff") == slugify_title("ประชาสัมพันธ์ ข่าว")
    assert "\u200b" not in slugify_title("ประชา\u200bสัมพันธ์")


def test_slugs_the_rule_makes_pass_the_validator():
    for title in [DENGUE, "คู่มือสำหรับประชาชน การขออนุญาตประกอบกิจการสถานพยาบาล", "COVID-19"]:
        validate_page_slug(slugify_title(title))


# -- the validator ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug",
    ["ประชาสัมพันธ์", "ไข้เลือดออก-2570", "คำสั่ง", "news", "about_us", "Covid-19", "โต๊ะ-จ๋า"],
)
def test_typed_thai_slugs_with_marks_are_accepted(slug):
    validate_page_slug(slug)


@pytest.mark.parametrize("mark", THAI_MARKS)
def test_each_thai_mark_is_accepted_after_a_letter(mark):
    validate_page_slug(f"ก{mark}")
    validate_page_slug(f"ข่าว-ก{mark}")


@pytest.mark.parametrize(
    "slug",
    [
        "ข่าว ประชาสัมพันธ์",
        "ข่าว/ประชาสัมพันธ์",
        "ข่าว%20",
        "ข่าว?a=1",
        "ข่าว#top",
        "ข่าว\u200bใหม่",
        "ข่าว\x00",
        "ข่าว\n",
        "\u0e48abc",  # a tone mark on nothing
        "a\u0e49",
        "",
    ],
)
def test_unsafe_slugs_are_refused(slug):
    with pytest.raises(ValidationError):
        validate_page_slug(slug)


def test_the_refusal_is_in_thai():
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        validate_page_slug("ข่าว ประชาสัมพันธ์")
    assert refused.value.messages == [str(INVALID_MESSAGE)]
    with translation.override("en"):
        assert "no spaces" in str(INVALID_MESSAGE)


def test_the_page_model_accepts_a_thai_slug(category_indexes, editor):
    page = build_page(pages.NewsPage, editor, title="ข่าว", slug="ข่าวประชาสัมพันธ์")
    publish(page, category_indexes[pages.NewsIndexPage], user=editor)
    page.full_clean()
    page.slug = "ข่าว ประชาสัมพันธ์"
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "slug" in refused.value.message_dict


# -- Wagtail's own slugs are recognised ---------------------------------------------------


def test_wagtail_js_and_django_slugs_are_recognised_as_generated():
    mangled = "ประชาสมพนธรณรงคปองกนโรคไขเลอดออกชวงฤดฝน-ป-2570"
    assert wagtail_js_slug(DENGUE) == mangled
    assert is_wagtail_generated(mangled, DENGUE)
    assert is_wagtail_generated(mangled + "-2", DENGUE)
    assert is_wagtail_generated(django_slugify(DENGUE, allow_unicode=True), DENGUE)
    assert not is_wagtail_generated(slugify_title(DENGUE), DENGUE)
    assert not is_wagtail_generated("dengue-2570", DENGUE)
    assert not is_wagtail_generated("ita-2568", "ITA 2568")  # Latin titles agree anyway


# -- the server fallback ------------------------------------------------------------------


@pytest.fixture
def news_index(category_indexes):
    return category_indexes[pages.NewsIndexPage]


def test_a_page_created_without_a_slug_gets_ours(news_index, editor):
    page = publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index, editor)
    assert page.slug == slugify_title(DENGUE)
    assert page.url_path.endswith(f"/{page.slug}/")


def test_a_page_created_with_wagtails_mangled_slug_gets_ours(news_index, editor):
    page = build_page(pages.NewsPage, editor, title=DENGUE, slug=wagtail_js_slug(DENGUE))
    page = publish(page, news_index, editor)
    assert page.slug == slugify_title(DENGUE)


def test_titles_giving_the_same_slug_are_numbered_among_siblings(news_index, editor):
    made = [publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index) for _ in "abc"]
    base = slugify_title(DENGUE)
    assert [page.slug for page in made] == [base, f"{base}-2", f"{base}-3"]


def test_a_punctuation_title_gets_the_fallback_slug(news_index, editor):
    page = build_page(pages.NewsPage, editor, title="!!!", live=False)
    news_index.add_child(instance=page)
    assert page.slug == FALLBACK_SLUG


def test_a_published_page_keeps_its_old_slug(news_index, editor):
    page = publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index)
    Page.objects.filter(pk=page.pk).update(slug=wagtail_js_slug(DENGUE))
    page.refresh_from_db()
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == wagtail_js_slug(DENGUE)  # its public URL is not moved silently


# -- routing ------------------------------------------------------------------------------


def test_the_thai_url_resolves_raw_and_percent_encoded(client, news_index, editor):
    page = publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index)
    encoded = f"/news/{quote(page.slug)}/"
    assert page.url == encoded
    assert reverse("wagtail_serve", args=(f"news/{page.slug}/",)) == encoded
    assert client.get(encoded).status_code == 200
    assert client.get(f"/news/{page.slug}/").status_code == 200
    assert DENGUE in client.get(encoded).content.decode()


def test_thai_urls_are_cached_searched_and_listed_in_the_sitemap(
    client, settings, news_index, editor, django_assert_num_queries
):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    page = publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index)
    first = client.get(page.url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):  # the raw Thai path shares the encoded path's entry
        again = client.get(f"/news/{page.slug}/")
    assert again["X-Page-Cache"] == "hit"
    assert f'href="{page.url}"' in client.get("/search/", {"q": "ไข้เลือดออก"}).content.decode()
    assert f"http://testserver{page.url}" in client.get("/sitemap.xml").content.decode()


def test_changing_a_published_thai_slug_redirects_the_old_url(
    client, news_index, editor, django_capture_on_commit_callbacks
):
    page = publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index)
    old_slug = page.slug
    page.slug = "ไข้เลือดออก-2570"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert Redirect.objects.filter(redirect_page=page).exists()
    for old_path in (f"/news/{quote(old_slug)}/", f"/news/{old_slug}/"):
        response = client.get(old_path)
        assert response.status_code == 301, old_path
        assert response["Location"] in (page.url, f"/news/{quote(page.slug)}/")
    assert client.get(f"/news/{quote(page.slug)}/").status_code == 200


# -- the admin form -----------------------------------------------------------------------


def test_the_admin_form_saves_a_typed_thai_slug(admin_client, news_index):
    url = create_url(news_index, pages.NewsPage)
    data = form_values(admin_client.get(url).content.decode())
    data.update({"title": DENGUE, "slug": "ไข้เลือดออก-๒๕๗๐", "summary": "สรุป"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert pages.NewsPage.objects.get().slug == "ไข้เลือดออก-2570"


def test_the_admin_form_refuses_a_slug_with_a_space_in_thai(admin_client, news_index):
    url = create_url(news_index, pages.NewsPage)
    data = form_values(admin_client.get(url).content.decode())
    data.update({"title": DENGUE, "slug": "ไข้ เลือดออก"})
    with translation.override("th"):
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors["slug"] == [str(INVALID_MESSAGE)]


def test_the_slug_input_uses_our_controller_not_wagtails(admin_client, news_index):
    html = admin_client.get(create_url(news_index, pages.NewsPage)).content.decode()
    assert 'data-controller="moit-slug"' in html
    assert "w-slug#" not in html
    assert "moit_pages/slug.js" in html
    assert "w-sync#apply" in html  # the title still announces its changes


def test_copying_a_page_with_a_thai_slug_is_accepted(admin_client, news_index, editor):
    page = publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index)
    response = admin_client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": DENGUE,
            "new_slug": f"{page.slug}-สำเนา",
            "new_parent_page": str(news_index.pk),
        },
    )
    assert response.status_code == 302
    assert news_index.get_children().filter(slug=f"{page.slug}-สำเนา").exists()


# -- the admin's slug helper --------------------------------------------------------------


def ask(client, title, path, current=""):
    return client.get(reverse("moit_page_slug"), {"title": title, "path": path, "current": current})


def test_the_helper_gives_our_slug_unique_among_siblings(
    client, unit, make_member, news_index, editor, django_assert_max_num_queries
):
    client.force_login(make_member("writer", unit.editors))
    publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index)
    base = slugify_title(DENGUE)
    with django_assert_max_num_queries(8):
        answer = ask(client, DENGUE, create_url(news_index, pages.NewsPage)).json()
    assert answer == {"slug": f"{base}-2", "follows": True}
    assert ask(client, "", create_url(news_index, pages.NewsPage)).json()["slug"] == ""
    assert (
        ask(client, "!!!", create_url(news_index, pages.NewsPage)).json()["slug"] == FALLBACK_SLUG
    )


def test_the_helper_query_count_does_not_grow_with_siblings(
    admin_client, news_index, editor, django_assert_max_num_queries
):
    for number in range(1, 13):
        page = build_page(
            pages.NewsPage, editor, title=DENGUE, slug=f"{slugify_title(DENGUE)}-{number}"
        )
        publish(page, news_index)
    path = create_url(news_index, pages.NewsPage)
    with django_assert_max_num_queries(8):
        answer = ask(admin_client, DENGUE, path).json()
    assert answer["slug"] == slugify_title(DENGUE)  # the bare base is still free


def test_the_helper_on_the_edit_form_excludes_the_page_itself(admin_client, news_index, editor):
    page = publish(build_page(pages.NewsPage, editor, title=DENGUE), news_index)
    path = f"/admin/pages/{page.pk}/edit/"
    assert ask(admin_client, DENGUE, path, current=page.slug).json() == {
        "slug": page.slug,
        "follows": True,
    }
    assert ask(admin_client, DENGUE, path, current=wagtail_js_slug(DENGUE)).json()["follows"]
    assert not ask(admin_client, DENGUE, path, current="ไข้เลือดออก").json()["follows"]


def test_the_helper_needs_page_permission_in_the_unit(
    client, unit, make_member, news_index, django_user_model
):
    path = create_url(news_index, pages.NewsPage)
    assert ask(client, DENGUE, path).status_code == 302  # not signed in: the admin login
    outsider = django_user_model.objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert ask(client, DENGUE, path).status_code == 403
    assert ask(client, DENGUE, "/admin/users/").status_code == 404
    assert ask(client, DENGUE, "/admin/pages/999999/edit/").status_code == 404


def test_a_unit_editor_cannot_ask_about_another_units_pages(client, unit, make_member, news_index):
    other_home = HomePage(title="รพ.สต.อื่น", slug="other", welcome="ยินดีต้อนรับ")
    Page.get_first_root_node().add_child(instance=other_home)
    other_site = Site.objects.create(hostname="other.test", root_page=other_home)
    other = ensure_unit_groups(other_site, "รพ.สต.อื่น")
    client.force_login(make_member("elsewhere", other.editors))
    assert ask(client, DENGUE, create_url(news_index, pages.NewsPage)).status_code == 403
    assert ask(client, DENGUE, create_url(other_home, pages.NewsIndexPage)).status_code == 200
