import datetime

from django.template import Context, Template
from django.utils import translation

from lms.dates import format_date


def test_thai_date_uses_buddhist_era_and_thai_month():
    assert format_date(datetime.date(2026, 11, 24), "th") == "24 พฤศจิกายน 2569"


def test_english_date_uses_common_era():
    assert format_date(datetime.date(2026, 11, 24), "en") == "24 November 2026"


def test_aware_datetime_is_shown_in_bangkok_time():
    late_utc = datetime.datetime(2026, 12, 31, 20, 0, tzinfo=datetime.UTC)  # 03:00 on 1 Jan in Bangkok
    assert format_date(late_utc, "th") == "1 มกราคม 2570"


def test_filter_follows_the_active_language():
    template = Template("{{ when|thai_date }}")
    with translation.override("th"):
        assert template.render(Context({"when": datetime.date(2026, 1, 5)})) == "5 มกราคม 2569"
    with translation.override("en"):
        assert template.render(Context({"when": datetime.date(2026, 1, 5)})) == "5 January 2026"
