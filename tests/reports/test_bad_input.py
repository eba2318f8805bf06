"""Bad filters get a clear message and a 400, never a 500."""

import pytest
from django.utils import translation
from django.utils.html import escape

BASE = "/admin/centre-reports/"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"centre": "NO-SUCH"}, "There is no centre with this code. Check the centre code."),
        ({"course": "999999"}, "There is no such course. Choose a course from the list."),
        ({"course": "abc"}, "There is no such course. Choose a course from the list."),
        ({"province": "แอตแลนติส"}, "There is no centre in this province. Choose a province from the list."),
        ({"month_from": "2026-02-30"}, "Enter a month as year-month, e.g. 2026-01."),
        ({"month_to": "yesterday"}, "Enter a month as year-month, e.g. 2026-01."),
        ({"month_from": "2026-13"}, "Enter a month as year-month, e.g. 2026-01."),
        ({"month_from": "1066-10"}, "Choose a month between the years 2000 and 2100."),
        ({"month_to": "9999-12"}, "Choose a month between the years 2000 and 2100."),
        ({"month_from": "2026-05", "month_to": "2026-04"}, "The end of the period must not be before its start."),
    ],
)
def test_dashboard_rejects_bad_filters_with_a_message(client, world, params, message):
    """The admin is Thai whatever the browser asks for: the field's own message, in Thai."""
    client.force_login(world["national"])
    client.cookies["django_language"] = "en"
    response = client.get(BASE, params)
    assert response.status_code == 400
    with translation.override("th"):
        thai = translation.gettext(message)
    assert thai != message
    assert escape(thai) in response.content.decode()


def test_messages_are_translated_into_thai(client, world):
    client.force_login(world["national"])
    html = client.get(BASE, {"month_from": "2026-02-30"}).content.decode()
    assert "ปี-เดือน" in html


@pytest.mark.parametrize("params", [{"p": "abc"}, {"p": "99999"}, {"p": "-1"}])
def test_learner_list_ignores_a_bad_page_number(client, world, params):
    client.force_login(world["staff_a"])
    response = client.get(BASE + "learners/", params)
    assert response.status_code == 200
    assert "สมชาย ใจดี" in response.content.decode()  # the centre's learner, on the page shown instead


def test_overlong_search_is_a_400_with_a_message(client, world):
    client.force_login(world["staff_a"])
    response = client.get(BASE + "learners/", {"q": "ก" * 101})
    assert response.status_code == 400
    from reports.forms import LearnerSearchForm

    with translation.override("th"):
        [error] = LearnerSearchForm({"q": "ก" * 101}, user=world["staff_a"]).errors["q"]
    assert "100" in error
    assert escape(error) in response.content.decode()


def test_dashboard_with_good_filters_shows_the_chosen_scope(client, world):
    client.force_login(world["national"])
    response = client.get(
        BASE, {"province": "ขอนแก่น", "course": world["selling"].pk, "month_from": "2026-01", "month_to": "2026-06"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ขอนแก่น" in html and "1 มกราคม 2569" in html and "30 มิถุนายน 2569" in html
    assert "ศูนย์ดิจิทัลชุมชนบ้านโนน" in html  # the province's centre in the ranking
    assert "ศูนย์ดิจิทัลชุมชนวัดป่า" not in html


def test_the_default_period_is_filled_in_the_month_inputs(client, world):
    from reports.services import default_period

    client.force_login(world["staff_a"])
    html = client.get(BASE).content.decode()
    first, last = default_period()
    assert f'name="month_from" value="{first:%Y-%m}"' in html
    assert f'name="month_to" value="{last:%Y-%m}"' in html
