from lessons.services import mark_done
from tests.factories import UserFactory, make_course


def test_catalogue_shows_a_signed_in_learners_progress_per_course(client, site):
    started, lessons = make_course(site["catalog"], slug="started", lessons=3, title="หลักสูตรที่เริ่มแล้ว")
    make_course(site["catalog"], slug="untouched", lessons=2, title="หลักสูตรที่ยังไม่เริ่ม")
    learner = UserFactory()
    mark_done(learner, lessons[0])

    client.force_login(learner)
    html = client.get("/th/courses/").content.decode()
    assert html.count('role="progressbar"') == 1
    assert 'aria-valuenow="1"' in html and 'aria-valuemax="3"' in html

    client.logout()
    assert 'role="progressbar"' not in client.get("/th/courses/").content.decode()


def test_another_learners_progress_is_not_shown(client, site):
    _, lessons = make_course(site["catalog"], slug="mine", lessons=2)
    mark_done(UserFactory(), lessons[0])
    client.force_login(UserFactory())
    assert 'role="progressbar"' not in client.get("/th/courses/").content.decode()
