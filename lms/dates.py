"""The one place that formats dates for people: Thai months and Buddhist-era years in Thai."""

import datetime

from django.utils import timezone

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
BUDDHIST_ERA_OFFSET = 543


def _as_local_date(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _parts(value, language):
    """``(day, month, short month, year)`` of ``value`` in ``language``: Thai names and Buddhist era in Thai."""
    day = _as_local_date(value)
    if (language or "").startswith("th"):
        return day.day, THAI_MONTHS[day.month - 1], THAI_MONTHS_SHORT[day.month - 1], day.year + BUDDHIST_ERA_OFFSET
    month = ENGLISH_MONTHS[day.month - 1]
    return day.day, month, month[:3], day.year


def format_date(value, language="th"):
    """``24 พฤศจิกายน 2569`` in Thai (Buddhist era), ``24 November 2026`` otherwise."""
    if not value:
        return ""
    day, month, _short, year = _parts(value, language)
    return f"{day} {month} {year}"


def format_month(value, language="th"):
    """A short month label for charts and tables: ``พ.ย. 2569`` in Thai, ``Nov 2026`` otherwise."""
    if not value:
        return ""
    _day, _month, short, year = _parts(value, language)
    return f"{short} {year}"
