"""Doing each kind of practice activity: rendering, checking, the no-leak rule, htmx and plain form posts,
anonymous practice in the session, and bad input answered with a Thai message and a 4xx."""

import re

import pytest
from bs4 import BeautifulSoup

from practice.models import PracticeChoice, PracticeRun
from tests.factories import FAKE_LINK, UserFactory

from .conftest import act_url

HTMX = {"HTTP_HX_REQUEST": "true"}
KEYS = ("sim", "spot", "price", "form")


def section(response, key):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(id=f"activity-{key}") or soup


def finish_everything(client, page, htmx=True):
    extra = HTMX if htmx else {}
    client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-app"}, **extra)
    client.post(act_url(page, "spot"), {"item": "i1", "verdict": "fake", "reason": "i1-r1"}, **extra)
    client.post(act_url(page, "spot"), {"item": "i2", "verdict": "real", "reason": "i2-r2"}, **extra)
    client.post(act_url(page, "price"), {"price-shopee": "100", "price-line": "120"}, **extra)
    client.post(act_url(page, "form"), {"field-name": "fill", "field-otp": "leave", "field-pin": "leave"}, **extra)


# ---- rendering and the no-leak rule -------------------------------------------------------------------------


def test_page_is_labelled_as_practice_and_shows_no_answer_before_the_learner_chooses(learner_client, course_practice):
    response = learner_client.get(course_practice.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ทุกอย่างในหน้านี้สร้างขึ้นเพื่อฝึก" in html  # the practice banner, in Thai
    assert "ข้อความจำลอง" in html and "แบบฟอร์มฝึกปฏิบัติ" in html  # each fake screen says so
    # Consequences, explanations, outcomes, fake-or-real and safe flags are not in the page yet.
    for secret in ("เปิดหน้าเว็บปลอม", "ลิงก์มาจากเบอร์แปลก", "ไม่มีพัสดุค้าง", "ที่อยู่เว็บไม่ใช่ของธนาคาร", "อย่าบอก OTP ใคร"):
        assert secret not in html
    assert "outcome-" not in html and "ชำระค่าส่ง 25 บาท" not in html  # step 2 only after step 1
    assert "ร้านป้าแดง" not in html  # one item at a time: the second item comes after the first


def test_links_inside_a_simulation_never_leave_the_page(learner_client, course_practice):
    response = learner_client.get(course_practice.url)
    simulator = section(response, "sim")
    assert FAKE_LINK in simulator.get_text()
    assert simulator.find("span", class_="sim-link").get_text() == FAKE_LINK
    assert not simulator.find_all("a")
    html = response.content.decode()
    # Nothing on the page points at another host: no link, script, image or form target outside the site.
    external = re.findall(r'(?:href|src|action|hx-post|hx-get)="(https?:)?//', html)
    assert external == []


def test_safe_form_inputs_have_no_name_so_typed_text_is_never_sent(learner_client, course_practice):
    form = section(learner_client.get(course_practice.url), "form")
    inputs = form.find_all("input", class_="fake-input")
    assert len(inputs) == 3
    assert all(not field.has_attr("name") for field in inputs)


# ---- phone message simulator --------------------------------------------------------------------------------


def test_simulator_branches_and_records_each_choice_with_htmx(learner_client, learner, course_practice):
    page = course_practice.practice
    response = learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-tap"}, **HTMX)
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.startswith('<section class="practice-activity practice-simulator" id="activity-sim"')
    assert "ทางเลือกที่เสี่ยง" in fragment and "เปิดหน้าเว็บปลอม" in fragment and "ลิงก์มาจากเบอร์แปลก" in fragment
    assert "ชำระค่าส่ง 25 บาท" in fragment  # the branch led to step 2
    assert "ข้อมูลบัตรถูกขโมย" not in fragment  # step 2's consequences stay hidden
    response = learner_client.post(act_url(page, "sim"), {"step": "s2", "choice": "s2-stop"}, **HTMX)
    fragment = response.content.decode()
    assert "คุณเลือกทางที่ปลอดภัย 1 จาก 2 ครั้ง" in fragment
    assert "ฝึกอีกครั้ง" in fragment
    run = PracticeRun.objects.get(user=learner)
    assert (run.completed, run.right, run.total, run.kind) == (True, 1, 2, "simulator")
    assert list(run.choices.order_by("pk").values_list("step_key", "choice", "right")) == [
        ("s1", "s1-tap", False),
        ("s2", "s2-stop", True),
    ]


def test_simulator_safe_first_choice_ends_at_once(learner_client, learner, course_practice):
    page = course_practice.practice
    fragment = learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-app"}, **HTMX).content.decode()
    assert "ทางเลือกที่ปลอดภัย" in fragment and "คุณเลือกทางที่ปลอดภัย 1 จาก 1 ครั้ง" in fragment
    assert "ชำระค่าส่ง" not in fragment


def test_simulator_without_javascript_redirects_to_the_page_which_shows_the_consequence(
    learner_client, course_practice
):
    page = course_practice.practice
    response = learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-tap"})
    assert response.status_code == 302
    assert response["Location"] == f"{page.url}#activity-sim"
    html = learner_client.get(page.url).content.decode()
    assert "เปิดหน้าเว็บปลอม" in html and "ชำระค่าส่ง 25 บาท" in html


def test_resent_choice_is_stored_once_and_a_skipped_step_is_refused(learner_client, learner, course_practice):
    page = course_practice.practice
    for _ in range(2):
        learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-tap"}, **HTMX)
    learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-app"}, **HTMX)  # changing one's mind
    assert list(PracticeChoice.objects.values_list("choice", flat=True)) == ["s1-tap"]
    # Jumping to step 2 before step 1 in a new run: 409 with a Thai message.
    learner_client.post(act_url(page, "sim", again=True), **HTMX)
    response = learner_client.post(act_url(page, "sim"), {"step": "s2", "choice": "s2-pay"}, **HTMX)
    assert response.status_code == 409
    assert "ยังไปขั้นตอนนี้ไม่ได้" in response.content.decode()


def test_practise_again_starts_a_new_run_and_keeps_the_old_one(learner_client, learner, course_practice):
    page = course_practice.practice
    learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-app"}, **HTMX)
    fragment = learner_client.post(act_url(page, "sim", again=True), **HTMX).content.decode()
    assert "พัสดุของคุณตกค้าง" in fragment and "ทางเลือกที่ปลอดภัย" not in fragment
    learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-tap"}, **HTMX)
    assert PracticeRun.objects.filter(user=learner).count() == 2
    assert PracticeChoice.objects.count() == 2


# ---- spot the fake ------------------------------------------------------------------------------------------


def test_spot_the_fake_gives_feedback_per_item(learner_client, learner, course_practice):
    page = course_practice.practice
    fragment = learner_client.post(
        act_url(page, "spot"), {"item": "i1", "verdict": "real", "reason": "i1-r2"}, **HTMX
    ).content.decode()
    assert "ยังไม่ถูก" in fragment and "รายการนี้เป็นของปลอม" in fragment
    assert "ที่อยู่เว็บไม่ใช่ของธนาคาร" in fragment
    assert "ร้านป้าแดง" in fragment and "ชื่อบัญชีตรงกับร้าน" in fragment  # next item drawn, the reason offered
    assert fragment.count("ชื่อบัญชีตรงกับร้าน") == 1  # ...but its explanation (same words) not yet shown
    fragment = learner_client.post(
        act_url(page, "spot"), {"item": "i2", "verdict": "real", "reason": "i2-r2"}, **HTMX
    ).content.decode()
    assert "ดูออก เก่งมาก!" in fragment and "คุณตัดสินถูก 1 จาก 2 รายการ" in fragment
    run = PracticeRun.objects.get(user=learner, activity_key="spot")
    assert (run.completed, run.right, run.total) == (True, 1, 2)


def test_spot_the_fake_right_verdict_with_a_wrong_reason_is_not_right(learner_client, course_practice):
    page = course_practice.practice
    learner_client.post(act_url(page, "spot"), {"item": "i1", "verdict": "fake", "reason": "i1-r2"}, **HTMX)
    assert PracticeChoice.objects.get(step_key="i1").right is False


@pytest.mark.parametrize(
    "data, message",
    [
        ({"item": "i1", "reason": "i1-r1"}, "โปรดเลือกว่าของจริงหรือของปลอม"),
        ({"item": "i1", "verdict": "maybe", "reason": "i1-r1"}, "โปรดเลือกว่าของจริงหรือของปลอม"),
        ({"item": "i1", "verdict": "fake"}, "โปรดเลือกเหตุผล"),
        ({"item": "i1", "verdict": "fake", "reason": "i2-r2"}, "โปรดเลือกเหตุผล"),
        ({"item": "nope", "verdict": "fake", "reason": "i1-r1"}, "รายการนี้ไม่ได้อยู่ในการฝึกปฏิบัตินี้"),
    ],
)
def test_spot_the_fake_bad_input_is_a_400_with_a_thai_message(learner_client, course_practice, data, message):
    page = course_practice.practice
    for extra in (HTMX, {}):
        response = learner_client.post(act_url(page, "spot"), data, **extra)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert PracticeChoice.objects.count() == 0


# ---- price calculator ---------------------------------------------------------------------------------------


def test_price_calculator_shows_fees_and_profit_and_warns_about_a_loss(learner_client, learner, course_practice):
    page = course_practice.practice
    fragment = learner_client.post(
        act_url(page, "price"), {"price-shopee": "80", "price-line": "90"}, **HTMX
    ).content.decode()
    soup = BeautifulSoup(fragment, "html.parser")
    rows = soup.select(".price-row")
    # Shopee at 80: fees 8 + 2, costs 65 -> profit 5 (below the 20 aimed for); LINE at 90: costs 95 -> loss 5.
    assert "กำไรต่อชิ้น: 5.00 บาท" in rows[0].get_text() and "low" in rows[0]["class"]
    assert "กำไรต่อชิ้น: -5.00 บาท" in rows[1].get_text() and "loss" in rows[1]["class"]
    assert "ที่ราคานี้ คุณขาดทุนทุกชิ้นที่ขาย" in rows[1].get_text()
    assert soup.find(id="price-price-shopee")["value"] == "80.00"  # the form keeps the learner's prices
    assert not PracticeRun.objects.get(user=learner).completed
    # A better try finishes the activity; tries are kept apart.
    fragment = learner_client.post(
        act_url(page, "price"), {"price-shopee": "1,00", "price-line": "120"}, **HTMX
    ).content.decode()
    assert "ดีมาก ราคานี้ครอบคลุมทุกค่าใช้จ่ายและได้กำไรตามเป้า" in fragment
    run = PracticeRun.objects.get(user=learner)
    assert run.completed and (run.right, run.total) == (2, 2)
    assert sorted(run.choices.values_list("step_key", "choice")) == [
        ("line#1", "90.00"),
        ("line#2", "120.00"),
        ("shopee#1", "80.00"),
        ("shopee#2", "100.00"),
    ]


def test_fee_table_is_trainer_data_not_hard_coded(learner_client, site):
    from tests.factories import make_course, make_practice, price

    course, _ = make_course(site["catalog"], slug="other-fees")
    data = price()
    data["value"]["marketplaces"][0]["value"]["fees"][0]["value"]["percent"] = "20"
    page = make_practice(course, activities=[data])
    fragment = learner_client.post(
        act_url(page, "price"), {"price-shopee": "100", "price-line": "120"}, **HTMX
    ).content.decode()
    assert "ค่าธรรมเนียมการขาย: −20.00" in fragment and "กำไรต่อชิ้น: 13.00 บาท" in fragment


@pytest.mark.parametrize(
    "prices, message",
    [
        ({"price-shopee": "", "price-line": "90"}, "โปรดใส่ราคาขายให้ครบทุกช่องทาง"),
        ({"price-shopee": "ร้อย", "price-line": "90"}, "โปรดใส่ราคาเป็นตัวเลขจำนวนบาท"),
        ({"price-shopee": "NaN", "price-line": "90"}, "โปรดใส่ราคาระหว่าง 1 ถึง 1,000,000 บาท"),
        ({"price-shopee": "-5", "price-line": "90"}, "โปรดใส่ราคาระหว่าง 1 ถึง 1,000,000 บาท"),
        ({"price-shopee": "1e9", "price-line": "90"}, "โปรดใส่ราคาระหว่าง 1 ถึง 1,000,000 บาท"),
    ],
)
def test_price_bad_input_is_a_400_with_a_thai_message(learner_client, course_practice, prices, message):
    page = course_practice.practice
    response = learner_client.post(act_url(page, "price"), prices)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PracticeChoice.objects.count() == 0


# ---- safe form ----------------------------------------------------------------------------------------------


def test_safe_form_records_only_choices_and_explains_each_field(learner_client, learner, course_practice):
    page = course_practice.practice
    data = {"field-name": "fill", "field-otp": "fill", "field-pin": "leave", "otp": "123456", "pin": "9999"}
    fragment = learner_client.post(act_url(page, "form"), data, **HTMX).content.decode()
    assert "ตัดสินใจอย่างปลอดภัย 2 จาก 3 ช่อง" in fragment
    assert "อย่าบอก OTP ใคร" in fragment and "ทางเลือกที่เสี่ยง" in fragment
    stored = list(PracticeChoice.objects.order_by("pk").values_list("step_key", "choice", "reason", "right"))
    assert stored == [("name", "fill", "", True), ("otp", "fill", "", False), ("pin", "leave", "", True)]
    assert "123456" not in str(stored) and "9999" not in str(stored)


def test_safe_form_needs_a_decision_for_every_field(learner_client, course_practice):
    page = course_practice.practice
    response = learner_client.post(act_url(page, "form"), {"field-name": "fill"}, **HTMX)
    assert response.status_code == 400
    assert "โปรดตัดสินใจให้ครบทุกช่อง" in response.content.decode()
    assert PracticeRun.objects.count() == 0


# ---- requests, permissions and progress ---------------------------------------------------------------------


def test_get_and_unknown_pages_are_refused_without_a_500(learner_client, course_practice):
    page = course_practice.practice
    assert learner_client.get(act_url(page, "sim")).status_code == 405
    response = learner_client.post(act_url(page, "nope"), {"step": "s1", "choice": "s1-app"})
    assert response.status_code == 404 and "กิจกรรมนี้ไม่ได้อยู่ในการฝึกปฏิบัตินี้" in response.content.decode()
    lesson = course_practice.lessons[0]  # a lesson without practice blocks
    response = learner_client.post(act_url(lesson, "sim"), {"step": "s1", "choice": "s1-app"})
    assert response.status_code == 404 and "กิจกรรมนี้ไม่ได้อยู่ในการฝึกปฏิบัตินี้" in response.content.decode()
    response = learner_client.post("/th/practice/99999999/sim/", {})
    assert response.status_code == 404 and "การฝึกปฏิบัตินี้ยังไม่เผยแพร่" in response.content.decode()
    course = course_practice.course  # a page that is not a lesson
    assert learner_client.post(act_url(course, "sim"), {}).status_code == 404


def test_unpublished_practice_cannot_be_used(learner_client, course_practice):
    page = course_practice.practice
    page.unpublish()
    response = learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-app"}, **HTMX)
    assert response.status_code == 404
    assert PracticeRun.objects.count() == 0


def test_post_without_csrf_token_is_refused(course_practice, learner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(act_url(course_practice.practice, "sim"), {"step": "s1", "choice": "s1-app"})
    assert response.status_code == 403
    assert PracticeRun.objects.count() == 0


def test_practice_forms_are_cut_into_sentences_once_and_carry_each_readers_own_csrf_token(course_practice, monkeypatch):
    """Read-aloud caches the marked lesson without its CSRF tokens (masked anew for every response), so forms in
    the lesson do not make every view cut the text again, and each reader's forms still post."""
    from bs4 import BeautifulSoup
    from django.test import Client

    from readaloud import sentences

    page = course_practice.practice
    cuts = []
    real_mark = sentences._mark
    monkeypatch.setattr(sentences, "_mark", lambda html: cuts.append(html) or real_mark(html))
    for user in (UserFactory(), UserFactory()):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        for _view in range(2):
            soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
            form = soup.select_one(".read-aloud form.sim-choices")
            token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
            assert len(token) == 64
        response = client.post(form["action"], {"csrfmiddlewaretoken": token, "step": "s1", "choice": "s1-app"})
        assert response.status_code == 302
        assert PracticeRun.objects.get(user=user).completed
    assert len(cuts) == 1, "the second view and the second learner reuse the marked lesson"


def test_each_learner_only_acts_on_their_own_runs(client, course_practice):
    page = course_practice.practice
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-tap"}, **HTMX)
    client.force_login(second)
    html = client.get(page.url).content.decode()
    assert "เปิดหน้าเว็บปลอม" not in html  # the first learner's path is not shown to the second
    client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-app"}, **HTMX)
    assert PracticeRun.objects.filter(user=first, completed=False).count() == 1
    assert PracticeRun.objects.filter(user=second, completed=True).count() == 1


def test_anonymous_visitor_practises_in_the_session_only(client, course_practice):
    page = course_practice.practice
    html = client.get(page.url).content.decode()
    assert "คุณยังไม่ได้เข้าสู่ระบบ" in html
    finish_everything(client, page, htmx=False)
    html = client.get(page.url).content.decode()
    assert "คุณเลือกทางที่ปลอดภัย 1 จาก 1 ครั้ง" in html and "คุณตัดสินถูก 2 จาก 2 รายการ" in html
    assert "ตัดสินใจอย่างปลอดภัย 3 จาก 3 ช่อง" in html
    assert PracticeRun.objects.count() == 0 and PracticeChoice.objects.count() == 0
    assert "เปิดแอปขนส่งเอง" not in BeautifulSoup(type(client)().get(page.url).content, "html.parser").select(
        ".bubble.chosen"
    )  # another visitor's session starts afresh


def test_a_course_is_complete_only_when_every_practice_block_in_its_lessons_is_finished(
    learner_client, learner, course_practice
):
    from lessons import services as lesson_services

    page, course, lesson = course_practice.practice, course_practice.course, course_practice.lessons[0]
    lesson_services.mark_done(learner, lesson)
    lesson_services.mark_done(learner, page)  # the lesson holding the practice, marked done before practising
    assert not lesson_services.update_course_completion(learner, course)
    # The course page tells the learner which practice is left, linked to its place in the lesson.
    soup = BeautifulSoup(learner_client.get(course.url).content, "html.parser")
    left = soup.find("section", class_="practice-left")
    assert "แบบฝึกที่ยังต้องทำให้เสร็จ" in left.get_text()
    assert [a["href"] for a in left.find_all("a")] == [f"{page.url}#activity-{key}" for key in KEYS]
    learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-app"}, **HTMX)
    soup = BeautifulSoup(learner_client.get(course.url).content, "html.parser")
    assert len(soup.find("section", class_="practice-left").find_all("a")) == 3
    assert lesson_services.Enrolment.objects.get(user=learner, course=course).completed_at is None
    finish_everything(learner_client, page)
    # Finishing the last practice block completes the course (the lessons were already done).
    assert lesson_services.Enrolment.objects.get(user=learner, course=course).completed_at is not None
    assert learner_client.get(course.url).content.decode().count("practice-left") == 0
    html = learner_client.get(page.url).content.decode()
    assert html.count("ทำแบบฝึกนี้เสร็จแล้ว") == 4  # each block says it is finished


def test_a_draft_lesson_with_practice_does_not_hold_back_the_course(learner, site):
    from lessons import services as lesson_services
    from tests.factories import make_course, make_practice

    course, lessons = make_course(site["catalog"], slug="optional")
    make_practice(course, live=False)
    lesson_services.mark_done(learner, lessons[0])
    assert lesson_services.update_course_completion(learner, course)


def test_bad_input_without_javascript_shows_the_whole_lesson_with_the_message_in_the_block(
    learner_client, course_practice
):
    page = course_practice.practice
    response = learner_client.post(act_url(page, "spot"), {"item": "i1", "reason": "i1-r1"})
    assert response.status_code == 400 and response["Cache-Control"].startswith("max-age=0")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == page.title and "ลองทำดู" in soup.find(class_="lesson-body").get_text()
    alert = soup.find(id="activity-spot").find(role="alert")
    assert "โปรดเลือกว่าของจริงหรือของปลอม" in alert.get_text()
    assert soup.find(id="activity-sim").find(role="alert") is None  # only the block that was posted


def test_practice_forms_fall_back_to_a_plain_post_when_htmx_gets_an_error(learner_client, course_practice):
    html = learner_client.get(course_practice.url).content.decode()
    forms = BeautifulSoup(html, "html.parser").select(".practice-activity form")
    assert len(forms) == 4 and all(form.has_attr("data-submit-on-error") for form in forms)
    assert all(form["action"] == form["hx-post"] for form in forms)
