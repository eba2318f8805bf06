"""A small HTTP client with cookies and CSRF for the cluster checks, and the learner scenario run with one fault."""

import http.client
import math
import random
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie

SIGN_IN = "/th/accounts/sign-in/"


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Browser:
    """One visitor: its own cookies, connecting from ``source`` (any 127.x.y.z address works on loopback)."""

    def __init__(self, base_url, source="127.0.0.1"):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.source = parts.hostname, parts.port, source
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = {"Accept-Encoding": "identity", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=(self.source, 0))
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        except OSError:
            return Response(0, {}, b"")
        finally:
            connection.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, data, headers=None):
        pairs = list(data.items() if isinstance(data, dict) else data)  # a list of pairs repeats a field
        pairs.append(("csrfmiddlewaretoken", self.cookies.get("csrftoken", "")))
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.request("POST", path, urllib.parse.urlencode(pairs), headers)

    def sign_in(self, username, password, headers=None):
        if "csrftoken" not in self.cookies:
            self.get(SIGN_IN)
        return self.post(SIGN_IN, {"username": username, "password": password}, headers)


@dataclass
class Result:
    action: str
    path: str
    status: int
    ms: float
    user: str
    at: float


def lesson_paths(base_url, course="/th/courses/online-selling/"):
    html = Browser(base_url).get(course).text
    return sorted(set(re.findall(rf'href="({re.escape(course)}[^"/]+/)"', html)))


QUESTION = re.compile(r'name="question" value="([^"]+)"')
ATTEMPT = re.compile(r'name="attempt" value="(\d*)"')
INPUT = re.compile(r"<input\b[^>]*>")
VALUE = re.compile(r'\bvalue="([^"]+)"')
NEXT = re.compile(r'class="button" href="[^"]*" hx-get="([^"]+)"')
START = re.compile(r'<form method="post" action="([^"]+/start/)"')


def course_parts(base_url, course="/th/courses/online-selling/"):
    """The course's lesson paths and its quiz path (the child page with a "Start the quiz" form)."""
    browser, lessons, quiz = Browser(base_url), [], None
    for path in lesson_paths(base_url, course):
        if START.search(browser.get(path).text):
            quiz = path
        else:
            lessons.append(path)
    return lessons, quiz


class Learner:
    """One signed-in learner's visit: sign in, read the course's lessons and mark each done, take its quiz."""

    def __init__(self, base_url, username, password, source, record, think):
        self.browser = Browser(base_url, source=source)
        self.username, self.password = username, password
        self.record, self.think = record, think
        self.done = {}  # lesson done/ path -> status of the mark-done POST
        self.answers = {}  # question key -> (options sent, status of the answer POST)

    def pause(self, scale=1.0):
        time.sleep(random.uniform(0, 2 * self.think * scale))

    def call(self, action, path, call, ok):
        """Run ``call``; a failure (an app server killed under it, 502) is retried once, as a person would."""
        response = self.record(action, path, self.username, call)
        if response.status not in ok:
            time.sleep(1)
            response = self.record(action + " (retry)", path, self.username, call)
        return response

    def htmx(self):
        return {"HX-Request": "true", "X-CSRFToken": self.browser.cookies.get("csrftoken", "")}

    def visit(self, lessons, quiz):
        browser = self.browser
        if "csrftoken" not in browser.cookies:
            browser.get(SIGN_IN)
        response = self.call("sign in", SIGN_IN, lambda: browser.sign_in(self.username, self.password), (302,))
        if response.status != 302:
            return
        for path in lessons:
            self.pause()
            page = self.call("lesson (signed in)", path, lambda p=path: browser.get(p), (200,))
            done = re.search(r'action="(/th/[^"]+/done/)"', page.text)
            if done:
                self.pause(0.5)
                action = done.group(1)
                self.done[action] = self.call("mark done", action, lambda a=action: browser.post(a, {}), (302,)).status
        if quiz:
            self.take_quiz(quiz)

    def take_quiz(self, quiz):
        browser = self.browser
        self.pause()
        self.call("quiz page", quiz, lambda: browser.get(quiz), (200,))
        self.pause(0.5)
        start = quiz + "start/"
        response = self.call("quiz start", start, lambda: browser.post(start, {}, self.htmx()), (200,))
        html = response.text
        while response.status == 200 and (question := QUESTION.search(html)):
            key, attempt = question.group(1), ATTEMPT.search(html).group(1)
            options = [VALUE.search(tag).group(1) for tag in INPUT.findall(html) if 'name="option"' in tag]
            if not options:
                self.answers[key] = ([], "no options")
                return
            chosen = [random.choice(options)]
            self.pause()  # reading the question and choosing
            data = [("attempt", attempt), ("question", key), *(("option", value) for value in chosen)]
            response = self.call(
                "quiz answer", quiz + "answer/", lambda d=data: browser.post(quiz + "answer/", d, self.htmx()), (200,)
            )
            self.answers[key] = (chosen, response.status)
            following = NEXT.search(response.text)
            if response.status != 200 or not following:
                return
            self.pause(0.5)  # reading the feedback
            path = following.group(1).replace("&amp;", "&")
            response = self.call("quiz next", path, lambda p=path: browser.get(p, self.htmx()), (200,))
            html = response.text


def run_scenario(base_url, accounts, password, pages, think, readers, ramp, fault):
    """Every account in ``accounts`` visits once (``Learner.visit``), starting spread over ``ramp`` seconds,
    while ``readers`` anonymous readers read ``pages`` until the last learner is done; ``fault()`` runs
    alongside and returns its description. Returns (results, learners, fault description)."""
    lessons, quiz = course_parts(base_url)
    results, lock = [], threading.Lock()
    start = time.monotonic()
    finished = threading.Event()

    def record(action, path, user, call):
        t0 = time.monotonic()
        response = call()
        with lock:
            results.append(Result(action, path, response.status, (time.monotonic() - t0) * 1000, user, t0 - start))
        return response

    learners = [
        Learner(base_url, name, password, f"127.0.1.{n % 250 + 1}", record, think) for n, name in enumerate(accounts)
    ]

    def learner_thread(n, learner):
        time.sleep(ramp * n / max(1, len(learners)))
        learner.visit(lessons, quiz)

    def anonymous(index):
        browser = Browser(base_url, source=f"127.0.2.{index + 1}")
        while not finished.is_set():
            path = random.choice(pages)
            record("anonymous page", path, "", lambda p=path: browser.get(p, {"Accept-Encoding": "gzip"}))
            time.sleep(random.uniform(0, 2 * think))

    threads = [threading.Thread(target=learner_thread, args=(n, learner)) for n, learner in enumerate(learners)]
    readers_threads = [threading.Thread(target=anonymous, args=(i,)) for i in range(readers)]
    outcome = {}
    fault_thread = threading.Thread(target=lambda: outcome.setdefault("fault", fault()))
    for thread in [*threads, *readers_threads, fault_thread]:
        thread.start()
    for thread in threads:
        thread.join()
    finished.set()
    for thread in [*readers_threads, fault_thread]:
        thread.join()
    return results, learners, outcome.get("fault", "no fault")


def summarise_scenario(results):
    """Lines with requests, throughput and p50/p95/max per action, and the errors (non-2xx/3xx) counted."""
    span = max((r.at + r.ms / 1000 for r in results), default=1)
    lines = [f"{len(results)} requests in {span:.1f} s = {len(results) / span:.1f} requests/s"]
    for action in sorted({r.action for r in results}):
        ms = sorted(r.ms for r in results if r.action == action)
        failed = sum(1 for r in results if r.action == action and not 200 <= r.status < 400)
        p95 = ms[min(len(ms) - 1, math.ceil(len(ms) * 0.95) - 1)]  # nearest rank
        lines.append(
            f"{action:<22} {len(ms):>5}  p50 {statistics.median(ms):6.0f} ms  p95 {p95:6.0f} ms  "
            f"max {ms[-1]:6.0f} ms  errors {failed}"
        )
    errors = [r for r in results if not 200 <= r.status < 400]
    retried = sum(1 for r in results if r.action.endswith("(retry)"))
    lost = [r for r in errors if r.action.endswith("(retry)")]
    lines.append(f"errors {len(errors)} ({retried} retried once; {len(lost)} still failed on retry)")
    lines += [f"  {r.status} {r.action} {r.path} at {r.at:.1f} s" for r in errors[:8]]
    return {"lines": lines, "errors": len(errors), "failed_retries": len(lost)}
