"""Quality of the Thai word search without a database: the evaluation set's recall and
precision (bench/search_quality.py), and one test per kind of fix. A title is found by a query
as the index finds it: every term of every query group is a term of the title."""

import importlib.util
from pathlib import Path

import pytest

from moit_wagtail.search import segment

BENCH = Path(__file__).resolve().parent.parent / "bench" / "search_quality.py"


def found(query, title):
    groups = segment.query_groups(query)
    terms = segment.index_terms(title)
    return bool(groups) and all(all(term in terms for term in group) for group in groups)


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("search_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quality(bench):
    report, _titles = bench.run()
    return report


# -- the evaluation set -----------------------------------------------------------------------


def test_the_evaluation_set_is_large_enough(quality):
    assert quality["titles"] >= 400
    assert quality["queries"] >= 150
    assert quality["judged_exclusions"] > 0


def test_recall_and_precision_reach_the_goal_and_beat_a_substring_match(quality):
    new, substring = quality["results"]["new"], quality["results"]["substring"]
    assert new["recall"] >= 0.98
    assert new["precision"] >= 0.97
    assert new["recall"] > substring["recall"]
    assert new["precision"] > substring["precision"]


def test_the_held_out_set_reaches_the_goal_too(bench):
    """Titles and judgements written after the word lists were done: they generalise."""
    report, _titles = bench.run("heldout")
    new, substring = report["results"]["new"], report["results"]["substring"]
    assert new["recall"] >= 0.98 and new["precision"] >= 0.97
    assert new["recall"] > substring["recall"] and new["precision"] > substring["precision"]


def test_the_new_segmenter_beats_the_one_before(quality):
    new, before = quality["results"]["new"], quality["results"]["before"]
    assert new["f1"] > before["f1"]
    assert new["terms_per_title"] <= 2 * before["terms_per_title"]  # index size kept in check


# -- content words are no stop words ------------------------------------------------------


@pytest.mark.parametrize("word", ["ปฏิบัติ", "กำหนด", "ยืนยัน", "นำ", "คุณ", "ผล", "ราย"])
def test_content_words_are_searched(word):
    assert not segment.is_stopword(word)
    assert segment.query_groups(word) == [[word]]


def test_a_manual_is_found_by_the_word_for_practice():
    assert found("ปฏิบัติ", "คู่มือการปฏิบัติงานเจ้าหน้าที่พัสดุ")
    assert found("ยืนยัน", "คู่มือการยืนยันตัวตนเพื่อใช้บริการหมอพร้อม")
    assert found("กำหนด", "ประกาศกำหนดราคากลางงานปรับปรุงห้องฉุกเฉิน")
    assert found("คุณ", "ประกาศคุณลักษณะเฉพาะของเครื่องช่วยหายใจ")
    assert found("นำ", "ประชุมทีมนำทางคลินิก")


def test_function_words_alone_are_still_no_query():
    assert segment.query_groups("และ ของ") == []
    assert segment.query_groups("การ") == []
    assert segment.words("ประกาศ และ ของ") == ["ประกาศ"]


# -- words where a fewest-words cut chose the wrong boundary ------------------------------


@pytest.mark.parametrize(
    "query, title",
    [
        ("รายงาน", "รายงานการประชุมคณะกรรมการบริหาร"),
        ("โครงการ", "โครงการอบรมเชิงปฏิบัติการ"),
        ("แนวทาง", "ประกาศแนวทางการปฏิบัติงานช่วงเทศกาลปีใหม่"),
        ("กิจกรรม", "คำสั่งแต่งตั้งคณะทำงานจัดกิจกรรมการออกกำลังกาย"),
        ("จริยธรรม", "คำสั่งแต่งตั้งคณะกรรมการจริยธรรมการวิจัยในมนุษย์"),
        ("เผยแพร่", "เผยแพร่ภาพกิจกรรมวันงดสูบบุหรี่โลก"),
        ("ประชาชน", "ประกาศเตือนภัยคลื่นความร้อนสำหรับประชาชนปี 2567"),
        ("มาตรการ", "มาตรการป้องกันการรับสินบนในการปฏิบัติหน้าที่"),
        ("ข้าราชการ", "คำสั่งย้ายข้าราชการพลเรือนสามัญ"),
        ("ยาเสพติด", "โครงการบำบัดฟื้นฟูผู้ติดยาเสพติดในชุมชน"),
    ],
)
def test_a_word_at_a_boundary_is_found(query, title):
    assert found(query, title)


def test_the_most_probable_cut_is_chosen():
    assert segment.words("รายงานการเงิน") == ["รายงาน", "การเงิน"]  # not ราย|งานการ|เงิน
    assert segment.words("โครงการอบรม") == ["โครงการ", "อบรม"]  # not โครง|การอบรม
    assert segment.words("เผยแพร่ภาพกิจกรรม") == ["เผยแพร่", "ภาพ", "กิจกรรม"]
    assert segment.words("ประชาชนปี") == ["ประชาชน", "ปี"]


def test_a_noun_made_with_kan_is_one_term_and_its_word_a_part():
    terms = segment.index_terms("วาระการประชุมคณะกรรมการ")
    assert terms["การประชุม"] is True
    assert terms["ประชุม"] is False
    assert "การประชุม" in segment.index_terms("รายงานการประชุมประจำเดือน")
    assert found("ประชุม", "ประชุมคณะกรรมการควบคุมโรค")
    assert found("การประชุม", "รายงานการประชุมประจำเดือน")
    assert not found("การประชุม", "ประชุมคณะกรรมการควบคุมโรค")
    assert not found("ความเสี่ยง", "วัคซีนเข็มกระตุ้นสำหรับกลุ่มเสี่ยง")


# -- false hits: a short word inside a compound that means something else ------------------


@pytest.mark.parametrize(
    "query, title",
    [
        ("ยา", "ปัญหาน้ำท่วมริมแม่น้ำเจ้าพระยา"),
        ("ยา", "รับสมัครพยาบาลวิชาชีพ"),
        ("ภาพ", "ตรวจสุขภาพประจำปี"),
        ("ภาพ", "พัฒนาคุณภาพโรงพยาบาล"),
        ("กรรมการ", "คำสั่งแต่งตั้งคณะทำงานจัดกิจกรรมการออกกำลังกาย"),
        ("งาน", "รายงานผลการดำเนินการ"),
        ("รถ", "ประกาศรายชื่อผู้มีสิทธิเข้ารับการประเมินสมรรถนะ"),
        ("ผล", "คู่มือการขออนุญาตผลิตภัณฑ์อาหาร"),
    ],
)
def test_a_word_inside_a_compound_of_another_meaning_is_not_found(query, title):
    assert not found(query, title)


@pytest.mark.parametrize(
    "query, title",
    [
        ("ยา", "ยาสามัญประจำบ้านที่ควรมีติดบ้าน"),
        ("ยา", "ยาเสพติดกับวัยรุ่น"),
        ("ภาพ", "ภาพกิจกรรมรณรงค์ป้องกันโรคไข้เลือดออก"),
        ("กรรมการ", "คำสั่งแต่งตั้งคณะกรรมการตรวจรับพัสดุ"),
        ("คุณ", "พัฒนาคุณภาพโรงพยาบาล"),
        ("รถ", "ซื้อรถพยาบาลพร้อมอุปกรณ์การแพทย์"),
    ],
)
def test_the_same_word_in_its_meaning_is_found(query, title):
    assert found(query, title)


def test_a_compound_kept_whole_has_no_parts_and_a_listed_one_only_its_listed_parts():
    assert segment.sub_words("สุขภาพ") == ()
    assert segment.sub_words("คุณภาพ") == ("คุณ",)
    assert {"กระทรวง", "อุตสาหกรรม"} <= set(segment.sub_words("กระทรวงอุตสาหกรรม"))


# -- years in both eras -------------------------------------------------------------------


def test_buddhist_and_common_era_years_find_each_other():
    assert found("2020", "จ้างเหมาขนย้ายขยะติดเชื้อ ปีงบประมาณ 2563")
    assert found("2563", "จ้างเหมาขนย้ายขยะติดเชื้อ ปี 2020")
    assert segment.index_terms("ปี 2563")["2020"] is False
    assert segment.other_era("2567") == "2024"
    assert segment.other_era("1234") is None


def test_a_two_digit_year_after_pi_is_the_buddhist_era_year():
    assert found("ปี67", "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2567")
    assert found("2567", "ประกาศผลการประเมิน ITA ปี67")
    assert found("2567", "ประกาศผลการประเมิน ITA ปี 67")
    assert segment.query_groups("ปี67") == [["2567"]]


def test_thai_digits_are_arabic_digits():
    assert found("๒๕๖๗", "วันหยุดราชการประจำปี 2567")
    assert found("2566", "ประกาศ ๒๕๖๖ เรื่อง ระเบียบการลา")


# -- abbreviations ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["พ.ร.บ.", "พรบ", "พรบ.", "พระราชบัญญัติ"])
@pytest.mark.parametrize(
    "title", ["พ.ร.บ.ยา พ.ศ. 2510", "พรบ.สุขภาพแห่งชาติ", "พระราชบัญญัติโรคติดต่อ พ.ศ. 2558"]
)
def test_an_act_is_found_by_any_of_its_spellings(query, title):
    assert found(query, title)


def test_a_health_promoting_hospital_is_found_by_its_abbreviation():
    assert found("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองบัว")
    assert found("โรงพยาบาล", "ประชุมประจำเดือนเจ้าหน้าที่ รพ.สต.")
    assert found("อาสาสมัคร", "คู่มือ อสม. การคัดกรองความดันโลหิตสูง")
    assert found("covid", "ผู้ช่วยเหลือคนไข้ช่วงสถานการณ์โควิด")


# -- stray and missing marks --------------------------------------------------------------


def test_a_stray_mark_after_a_word_is_dropped():
    assert found("ประกาศ่", "ประกาศรับสมัครลูกจ้างชั่วคราว")
    assert found("คำสั่ง้", "คำสั่งแต่งตั้งคณะกรรมการ")
    assert found("ประกาศ", "ประกาศ่รับสมัครลูกจ้างชั่วคราว")  # the mistake in the title


def test_a_doubled_mark_counts_once():
    assert found("ข้้อมูล", "การเปิดเผยข้อมูลสาธารณะ")


def test_a_query_word_missing_its_final_mark_finds_the_word():
    assert segment.query_groups("ผลประโยชน") == [["ผลประโยชน์"]]
    assert found("ผลประโยชน", "คู่มือการป้องกันผลประโยชน์ทับซ้อน")
    assert segment.query_groups("ประกาศ") == [["ประกาศ"]]  # a whole word is left alone


# -- the contract with the index ----------------------------------------------------------


def test_one_group_per_typed_word_at_most_ten_terms():
    assert segment.query_groups("คู่มือ ปฏิบัติงาน") == [["คู่มือ"], ["ปฏิบัติงาน"]]
    assert segment.query_groups("  ") == []
    assert segment.query_groups("ประกาศ ประกาศ") == [["ประกาศ"]]  # a term once
    groups = segment.query_groups(" ".join(["ประกาศ", "คำสั่ง", "คู่มือ"] * 2 + ["ก"] * 20))
    assert sum(len(group) for group in groups) <= segment.MAX_QUERY_TERMS
    many = segment.query_groups("สำนักงานสาธารณสุขจังหวัด " * 12)
    assert sum(len(group) for group in many) <= segment.MAX_QUERY_TERMS


def test_terms_are_short_and_latin_is_lower_case():
    terms = segment.index_terms("COVID-19 " + "ก" * 200)
    assert terms["covid"] is True and terms["19"] is True
    assert all(len(term) <= segment.MAX_TERM_LENGTH for term in terms)


# -- the deployment's own words -----------------------------------------------------------


@pytest.fixture
def fresh_lexicon():
    segment.reload_word_lists()
    yield
    segment.reload_word_lists()


def test_a_deployment_adds_its_own_words(settings, tmp_path, fresh_lexicon):
    title = "โครงการหมอชวนวิ่งลดโรค"
    assert "หมอชวนวิ่ง" not in segment.words(title)
    extra = tmp_path / "words.txt"
    extra.write_text("# our campaign\nหมอชวนวิ่ง\n", encoding="utf-8")
    settings.MOIT_SEARCH_WORDS = str(extra)
    segment.reload_word_lists()
    assert "หมอชวนวิ่ง" in segment.words(title)
    assert found("หมอชวนวิ่ง", title)


def test_a_missing_extra_word_list_is_ignored(settings, fresh_lexicon):
    settings.MOIT_SEARCH_WORDS = "/nonexistent/words.txt"
    segment.reload_word_lists()
    assert found("ประกาศ", "ประกาศรับสมัคร")
