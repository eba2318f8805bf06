"""Open Badges credentials: credential size, signing and verifying time, badge picture and share card.

Run: .venv/bin/python -m bench.badges [ROUNDS]   (default 200 rounds)
Uses DATABASE_URL (default sqlite:////tmp/bench_badges.sqlite3) and a throw-away key folder under /tmp.
Signing = build the credential from the certificate row + RS256 JWS (joserfc, RSA-3072); verifying =
what the verify page does (signature + the status-list bit from the database) and, separately, the bare
signature check with jwcrypto.
"""

import json
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_badges.sqlite3")
os.environ.setdefault("BADGES_KEY_DIR", tempfile.mkdtemp(prefix="bench-badge-keys-"))

from bench._server import manage  # noqa: E402


def timed(function, rounds):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def setup_certificate():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from certificates import services
    from learners.models import Centre
    from lessons.demo import ensure_site
    from lessons.models import CoursePage, Enrolment

    _home, catalog = ensure_site()
    course = CoursePage.objects.filter(slug="bench-badges").first() or catalog.add_child(
        instance=CoursePage(
            title="การขายของออนไลน์อย่างปลอดภัยสำหรับร้านค้าชุมชน",
            slug="bench-badges",
            summary="สรุป",
            locale=catalog.locale,
            auto_issue_certificate=False,
        )
    )
    centre, _ = Centre.objects.get_or_create(
        code="BENCH-B01",
        defaults={"name_th": "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์", "name_en": "Wat Phra Singh CDC", "province": "เชียงใหม่"},
    )
    learner, _ = get_user_model().objects.get_or_create(
        username="bench-badge", defaults={"display_name": "นางสาวประภาพรรณ ศรีสุวรรณ", "home_centre": centre}
    )
    Enrolment.objects.update_or_create(user=learner, course=course, defaults={"completed_at": timezone.now()})
    return services.issue(learner, course)[0]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    env = {**os.environ}
    manage("migrate", "--noinput", env=env)
    import django

    django.setup()
    from django.core.cache import cache
    from jwcrypto import jwk, jws

    from certificates.badges import credential, images, keys, services, verify

    certificate = setup_certificate()
    keys.current()  # generate the demo key outside the timings
    built, compact = credential.issue(certificate)
    png = services.baked_badge(certificate)
    public = jwk.JWK(**keys.jwks()["keys"][0])

    def independent():
        token = jws.JWS()
        token.deserialize(compact)
        token.verify(public, alg="RS256")

    sign_ms = timed(lambda: credential.issue(certificate), rounds)
    verify_ms = timed(lambda: verify.check(compact), rounds)
    bare_ms = timed(independent, rounds)
    bake_ms = timed(lambda: services.baked_badge(certificate), max(10, rounds // 10))

    def fresh_preview():
        cache.clear()
        services.preview(certificate)

    preview_ms = timed(fresh_preview, 10)
    cached_ms = timed(lambda: services.preview(certificate), rounds)
    envelope = json.dumps(credential.enveloped(compact))
    print(f"credential JSON (no proof): {len(json.dumps(built, ensure_ascii=False).encode())} bytes")
    print(
        f"signed credential (compact JWS, RS256/RSA-3072): {len(compact)} bytes; .json download {len(envelope)} bytes"
    )
    print(f"baked badge PNG: {len(png)} bytes ({images.BADGE_SIZE}x{images.BADGE_SIZE})")
    print(f"build + sign: median {sign_ms[0]:.2f} ms, p95 {sign_ms[1]:.2f} ms ({rounds} rounds)")
    print(
        f"verify (signature + status bit, as the verify page): median {verify_ms[0]:.2f} ms, p95 {verify_ms[1]:.2f} ms"
    )
    print(f"verify signature only (jwcrypto): median {bare_ms[0]:.2f} ms, p95 {bare_ms[1]:.2f} ms")
    print(f"baked PNG download (sign + bake, badge picture cached): median {bake_ms[0]:.2f} ms")
    print(f"share card 1200x630: render {preview_ms[0]:.1f} ms median, from cache {cached_ms[0]:.3f} ms median")
    print(f"repeat: .venv/bin/python -m bench.badges {rounds}")


if __name__ == "__main__":
    main()
