"""Practice activities translate with wagtail-localize and keep their keys; a learner may switch language
in the middle of an activity."""

from bs4 import BeautifulSoup
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from practice.models import PracticePage, PracticeRun
from tests.factories import translate_page

from .conftest import act_url

HTMX = {"HTTP_HX_REQUEST": "true"}


def translate_practice(course_practice):
    english = Locale.objects.get(language_code="en")
    translate_page(course_practice.course, "en", title="Test course")
    page = course_practice.practice
    source, _ = TranslationSource.get_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        StringTranslation.objects.create(
            translation_of=segment.string, locale=english, context=segment.context, data=f"EN {segment.string.data}"
        )
    source.create_or_update_translation(english)
    translated = PracticePage.objects.get(locale=english, translation_key=page.translation_key)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated, {segment.context.path for segment in segments}


def test_texts_are_translatable_and_grading_data_is_not(course_practice):
    translated, paths = translate_practice(course_practice)
    assert "activities.sim.steps.s1.choices.s1-tap.text" in paths
    assert "activities.sim.steps.s1.choices.s1-tap.explanation" in paths
    assert "activities.spot.items.i1.reasons.i1-r1.text" in paths
    assert "activities.price.marketplaces.shopee.fees.f1.label" in paths
    assert "activities.form.fields.otp.label" in paths
    grading = (".outcome", ".next_step", ".fake", ".correct", ".safe", ".percent", ".fixed", ".cost", ".shipping")
    assert not any(path.endswith(grading) for path in paths)
    thai = course_practice.practice
    assert [a.key for a in translated.activity_list] == [a.key for a in thai.activity_list]
    sim_th, sim_en = thai.activity_list[0], translated.activity_list[0]
    assert [c.key for c in sim_en.steps[0].choices] == [c.key for c in sim_th.steps[0].choices]
    assert sim_en.steps[0].choices[0].text == "EN กดลิงก์" and sim_en.steps[0].choices[0].next_step == 2
    assert translated.activity_list[2].marketplaces[0].fees[0].percent == 10


def test_learner_switches_language_in_the_middle_of_a_simulation(learner_client, learner, course_practice):
    translated, _paths = translate_practice(course_practice)
    thai = course_practice.practice
    learner_client.post(act_url(thai, "sim"), {"step": "s1", "choice": "s1-tap"}, **HTMX)
    response = learner_client.get(translated.url)
    assert translated.url.startswith("/en/")
    sim = BeautifulSoup(response.content, "html.parser").find(id="activity-sim")
    assert "EN เปิดหน้าเว็บปลอม" in sim.get_text()  # the consequence of the Thai choice, in English
    assert "Risky choice" in sim.get_text()
    response = learner_client.post(f"/en/practice/{translated.pk}/sim/", {"step": "s2", "choice": "s2-stop"}, **HTMX)
    assert response.status_code == 200 and "You made 1 safe choice out of 2." in response.content.decode()
    run = PracticeRun.objects.get(user=learner)
    assert run.page_id == thai.pk and run.completed  # one run, on the source page
