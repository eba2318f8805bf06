"""The production topology on loopback, from the deploy/ files (bench.cluster): nginx in front of two gunicorn
app servers, Redis, moto's S3 server for media, a throwaway PostgreSQL primary streaming to a replica, and two
db_workers. Each test is a fault or a promise a national operator relies on; the cluster is started once for the
module and stopped afterwards. This is the short version of `make cluster` (24 learners instead of 200)."""

import os

import pytest

from bench import cluster as topology

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster():
    need = topology.missing_packages()
    if need:
        pytest.skip("needs Debian packages: " + " ".join(need))
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs once, in the SQLite pass: it starts its own PostgreSQL")
    with topology.Cluster(quiet=True) as running:
        running.prepare(learners=LEARNERS, search_index=False, graduates=600)  # no check searches (unless cached)
        yield running


LEARNERS = 24


@pytest.fixture(scope="module")
def visits(cluster):
    """Every learner signs in, reads and marks done each lesson, takes the quiz; app server 1 is killed."""
    accounts = [f"load{n:03d}" for n in range(LEARNERS)]
    survived, visits = topology.check_learners_with_app_server_killed(
        cluster, accounts, think=0.2, readers=4, ramp=4, kill_after=2
    )
    return survived, visits


def test_nginx_compresses_html_and_caches_hashed_static_files_for_a_year(cluster):
    assert topology.check_compression(cluster)


def test_media_and_renditions_come_from_the_s3_server_the_page_links_to(cluster):
    assert topology.check_s3_media(cluster)


def test_verification_rate_limit_is_shared_by_both_app_servers(cluster):
    assert topology.check_rate_limit(cluster)


def test_one_address_locked_out_does_not_lock_another_behind_the_proxy(cluster):
    assert topology.check_axes(cluster)


def test_killing_an_app_server_fails_no_page_request_and_loses_or_doubles_no_answer(cluster, visits):
    survived, learners = visits
    assert survived
    assert all(learner.done and learner.answers for learner in learners)
    assert topology.check_rows(cluster, learners)


def test_redis_restart_signs_nobody_out_and_serves_no_error(cluster, visits):
    browsers = [learner.browser for learner in visits[1]]
    assert topology.check_redis_down(cluster, browsers[0], browsers)


def test_reports_read_from_the_replica(cluster):
    assert topology.check_replica_reads(cluster)


def test_db_worker_killed_mid_bulk_issue_finishes_it_after_restart_without_duplicates(cluster):
    assert topology.check_worker_killed_mid_bulk_issue(cluster)


def test_site_recovers_by_itself_after_a_postgresql_restart(cluster, visits):
    assert topology.check_postgres_restart(cluster, visits[1][0].browser)


def test_anonymous_lessons_through_nginx_are_ten_times_faster_with_the_page_cache(cluster, visits):
    """Last: it restarts both app servers, with the page cache off and then on."""
    assert topology.measure_page_cache(cluster, seconds=5)
