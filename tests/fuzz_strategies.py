"""Hypothesis strategies for hostile visitor input, the valid form data they are mixed into,
and the checks every answer must pass.

Every attack payload carries a marker (``moitxss``) that no template contains, so "the
payload came back unescaped" is a plain substring test on the response, never a guess.
"""

from urllib.parse import quote_from_bytes

from django.core.cache import cache
from django.db import connection
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Status codes a public form may answer with; a 500 (or an exception) never.
EXPECTED_STATUSES = {200, 302, 400, 403, 404, 405, 429}

XSS_PAYLOADS = [
    "<script>moitxss(1)</script>",
    '"><img src=x onerror=moitxss(2)>',
    "'><svg/onload=moitxss(3)>",
    "</textarea><script>moitxss(4)</script>",
    '" autofocus onfocus="moitxss(5)',
    "<a href=javascript:moitxss(6)>x</a>",
    "<iframe srcdoc='<script>moitxss(7)</script>'>",
    "<!--<moitxss>-->",
]
# What must never appear in a response when one of the payloads above was sent: the raw
# tag or attribute break. Escaped, each becomes &lt;... or &quot;... and no longer matches.
UNESCAPED_MARKERS = [
    "<script>moitxss",
    "<img src=x onerror=moitxss",
    "<svg/onload=moitxss",
    '" autofocus onfocus="moitxss',
    "<a href=javascript:moitxss",
    "<iframe srcdoc=",
    "<moitxss>",
]
SQL_PAYLOADS = [
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE moit_survey_surveyresponse; --",
    "%' UNION SELECT username, password FROM auth_user --",
    "\\'; SELECT pg_sleep(5); --",
]
# Template injection: evaluated, these would print moit14x or the debug context.
TEMPLATE_PAYLOADS = ["moit{{ 7|add:7 }}x", "{% debug %}", "{{ request.META }}", "${7*7}#{7*7}"]
TEMPLATE_EVALUATED = ["moit14x", "sql_queries", "'HTTP_HOST'"]

PAYLOADS = XSS_PAYLOADS + SQL_PAYLOADS + TEMPLATE_PAYLOADS

CONTROL = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"] + ["\x7f", "\x85"]
THAI = "กขคงจฉชซญดตถทนบปผพฟภมยรลวศสหอฮะาำเแโใไๅๆ๑๒๓๕๙"
THAI_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
MIXED = [
    *THAI,
    *THAI_MARKS,
    "\u0301",  # combining acute
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ufeff",  # byte-order mark
    "\ufffd",
    "ש",
    "ع",
    "ل",
    "é",
    "ß",
    "Ω",
    "中",
    "😀",
    "👩\u200d⚕️",
    "🇹🇭",
    " ",
    "\n",
    "%",
    "&",
    "<",
    ">",
    '"',
    "'",
    "{",
    "}",
]

thai_words = st.sampled_from(
    ["กระทรวงอุตสาหกรรม", "สาธารณสุข", "โรงพยาบาล", "ร้องเรียน", "ข้อมูลข่าวสาร", "ความพึงพอใจ"]
)
payloads = st.sampled_from(PAYLOADS)
mixed_text = st.lists(st.sampled_from(MIXED), max_size=60).map("".join)
control_text = st.text(alphabet=st.sampled_from(CONTROL + ["a", "ก", " "]), min_size=1, max_size=20)
any_text = st.text(max_size=40).filter(
    lambda text: not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
)
# Long strings: beyond every max_length (255, 2000) up to 100,000 characters.
long_text = st.builds(
    lambda piece, times: (piece * times)[:100_000],
    st.sampled_from(["ก", "a", "<script>moitxss(0)</script>", "๑", "😀", "ข้อ "]),
    st.sampled_from([256, 2001, 20_000, 100_000]),
)


@st.composite
def hostile_text(draw):
    """A mix: payloads inside Thai or mixed-script text, control characters, long runs."""
    pieces = draw(
        st.lists(
            st.one_of(payloads, mixed_text, thai_words, control_text, any_text),
            min_size=1,
            max_size=4,
        )
    )
    text = "".join(pieces)
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        text += draw(long_text)
    return text


def clean_text(text):
    """``text`` as a valid form value: no NUL (refused by forms and by PostgreSQL)."""
    return text.replace("\x00", "")


numbers = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "6",
            "1.0",
            " 5",
            "5 ",
            "๕",
            "٥",
            "1e3",
            "abc",
            "NaN",
            "inf",
            "-0",
            "0x10",
            "99999999999999999999",
            "-99999999999999999999",
            "9" * 400,
            "1' OR '1'='1",
            "5\x00",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@st.composite
def raw_query_values(draw):
    """Percent-encoded bytes, including NUL, lone UTF-8 continuation bytes, %ff %fe, broken
    escapes (%zz, a lone %) and UTF-8 of a surrogate (%ed%a0%80)."""
    raw = draw(st.binary(max_size=30))
    text = quote_from_bytes(raw, safe="")
    extra = draw(
        st.sampled_from(["", "%00", "%ff%fe", "%ed%a0%80", "%c0%af", "%", "%zz", "%e0%b8", "+"])
    )
    return text + extra


def assert_safe(response, *sent):
    """The answer is an expected status, echoes nothing unescaped and evaluates nothing."""
    assert response.status_code in EXPECTED_STATUSES, response.status_code
    body = response.content.decode("utf-8", errors="replace")
    for marker in UNESCAPED_MARKERS:
        if any(marker in value for value in sent if isinstance(value, str)):
            assert marker not in body, f"unescaped {marker!r} in the response"
    for evaluated in TEMPLATE_EVALUATED:
        if evaluated not in " ".join(value for value in sent if isinstance(value, str)):
            assert evaluated not in body, f"template code evaluated: {evaluated!r}"
    return body


# PostgreSQL answers each request several times slower than SQLite in memory; NUL and
# the other PostgreSQL-specific cases are also covered by the plain regression tests.
FUZZ = settings(
    max_examples=20 if connection.vendor == "sqlite" else 8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fresh_limits():
    """Rate limits would trip after a few examples: every example starts with none."""
    cache.clear()
