"""Check-in codes with a frozen clock: valid, expired, wrong class, replayed for another learner."""

import datetime

import pytest
from django.db import IntegrityError

from classes import codes, services
from classes.models import Attendance, Session
from tests.factories import CentreFactory

from .conftest import at


def test_code_is_six_digits_changes_every_minute_and_is_not_stored(world):
    session = world["session"]
    first = codes.current_code(session, at(world["today"], 13, 0, 5))
    same_minute = codes.current_code(session, at(world["today"], 13, 0, 59))
    next_minute = codes.current_code(session, at(world["today"], 13, 1, 0))
    assert len(first) == 6 and first.isdigit()
    assert first == same_minute
    assert first != next_minute
    other = Session.objects.create(
        klass=session.klass, date=session.date, start_time=datetime.time(17), end_time=datetime.time(18)
    )
    assert codes.current_code(other, at(world["today"], 13, 0, 5)) != first


def test_code_depends_on_the_secret_key(world, settings):
    moment = at(world["today"], 13, 0)
    before = codes.current_code(world["session"], moment)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert codes.current_code(world["session"], moment) != before


def test_valid_code_checks_the_learner_in_once(world):
    moment = at(world["today"], 13, 5)
    code = codes.current_code(world["session"], moment)
    attendance, created = services.check_in(world["somchai"], code, moment)
    assert created and attendance.session == world["session"] and attendance.user == world["somchai"]
    assert attendance.method == Attendance.Method.CODE and not attendance.late
    again, created_again = services.check_in(world["somchai"], code, moment + datetime.timedelta(seconds=20))
    assert not created_again and again.pk == attendance.pk
    assert Attendance.objects.filter(user=world["somchai"]).count() == 1


def test_code_of_the_previous_minute_is_accepted_older_ones_are_not(world):
    shown = at(world["today"], 13, 20, 50)
    code = codes.current_code(world["session"], shown)
    with pytest.raises(services.CheckInError):
        services.check_in(world["somchai"], code, shown + datetime.timedelta(minutes=2))
    attendance, created = services.check_in(world["somchai"], code, shown + datetime.timedelta(seconds=30))
    assert created


def test_checking_in_more_than_ten_minutes_after_the_start_is_late(world):
    moment = at(world["today"], 13, 25)
    attendance, _ = services.check_in(world["malee"], codes.current_code(world["session"], moment), moment)
    assert attendance.late


@pytest.mark.parametrize(
    "hour,minute", [(12, 40), (16, 20), (9, 0)], ids=["before the window", "after the window", "morning"]
)
def test_outside_the_session_window_no_code_works(world, hour, minute):
    moment = at(world["today"], hour, minute)
    with pytest.raises(services.CheckInError) as error:
        services.check_in(world["somchai"], codes.current_code(world["session"], moment), moment)
    assert "15" in str(error.value)
    assert not Attendance.objects.exists()


def test_window_opens_fifteen_minutes_before_and_closes_fifteen_after(world):
    for moment in (at(world["today"], 12, 45), at(world["today"], 16, 15)):
        attendance, created = services.check_in(world["somchai"], codes.current_code(world["session"], moment), moment)
        assert attendance.session == world["session"]


def test_code_of_another_class_does_not_work(world):
    other_class = services.create_class(
        centre=CentreFactory(code="CDC-C"),
        name="อีกชั้นเรียน",
        courses=[],
        trainer=None,
        start_date=world["today"],
        created_by=None,
    )
    other = Session.objects.create(
        klass=other_class, date=world["today"], start_time=datetime.time(13), end_time=datetime.time(16)
    )
    moment = at(world["today"], 13, 5)
    with pytest.raises(services.CheckInError):
        services.check_in(world["somchai"], codes.current_code(other, moment), moment)
    assert not Attendance.objects.exists()


def test_a_learner_not_in_the_class_cannot_use_its_code(world):
    moment = at(world["today"], 13, 5)
    code = codes.current_code(world["session"], moment)
    services.check_in(world["somchai"], code, moment)
    with pytest.raises(services.CheckInError):
        services.check_in(world["outsider"], code, moment)
    assert list(Attendance.objects.values_list("user__username", flat=True)) == ["somchai"]


@pytest.mark.parametrize("raw", ["", "12345", "1234567", "12a456", "abcdef", None, "๑๒๓"])
def test_malformed_codes_get_a_clear_message(world, raw):
    with pytest.raises(services.CheckInError) as error:
        services.check_in(world["somchai"], raw, at(world["today"], 13, 5))
    assert "6" in str(error.value)


def test_thai_digits_and_spaces_are_read(world):
    moment = at(world["today"], 13, 5)
    code = codes.current_code(world["session"], moment)
    thai = "".join("๐๑๒๓๔๕๖๗๘๙"[int(d)] for d in code)
    _attendance, created = services.check_in(world["somchai"], f"{thai[:3]} {thai[3:]}", moment)
    assert created


def test_one_attendance_per_learner_and_session_is_a_database_rule(world):
    Attendance.objects.create(session=world["session"], user=world["somchai"])
    with pytest.raises(IntegrityError):
        Attendance.objects.create(session=world["session"], user=world["somchai"])


def test_roster_ticks_unticks_and_marks_late_and_leaving_early(world):
    session, trainer = world["session"], world["trainer"]
    somchai, malee, outsider = world["somchai"], world["malee"], world["outsider"]
    services.save_roster(
        session,
        {somchai.pk: (True, True, False), malee.pk: (True, False, True), outsider.pk: (True, False, False)},
        trainer,
    )
    rows = {row.user_id: row for row in Attendance.objects.filter(session=session)}
    assert set(rows) == {somchai.pk, malee.pk}, "only members of the class can be ticked"
    assert rows[somchai.pk].late and not rows[somchai.pk].left_early
    assert rows[malee.pk].left_early and rows[malee.pk].method == Attendance.Method.ROSTER
    assert rows[malee.pk].recorded_by == trainer
    services.save_roster(session, {somchai.pk: (False, False, False), malee.pk: (True, False, False)}, trainer)
    rows = {row.user_id: row for row in Attendance.objects.filter(session=session)}
    assert set(rows) == {malee.pk} and not rows[malee.pk].left_early


def test_join_by_code_is_idempotent_and_case_insensitive(world):
    klass = world["klass"]
    joined_class, joined = services.join(world["outsider"], f" {klass.join_code.lower()[:3]}-{klass.join_code[3:]} ")
    assert joined_class == klass and joined
    assert services.join(world["outsider"], klass.join_code) == (klass, False)
    assert klass.memberships.filter(user=world["outsider"]).count() == 1
    assert services.join(world["outsider"], "ZZZZZZ") == (None, False)
    assert services.join(world["outsider"], "<script>") == (None, False)


def test_a_code_replayed_later_by_another_learner_is_refused(world):
    """Somchai's code, passed on in a chat and typed by Malee three minutes later, no longer works."""
    shown = at(world["today"], 13, 30, 10)
    code = codes.current_code(world["session"], shown)
    services.check_in(world["somchai"], code, shown)
    with pytest.raises(services.CheckInError):
        services.check_in(world["malee"], code, shown + datetime.timedelta(minutes=3))
    assert not Attendance.objects.filter(user=world["malee"]).exists()
