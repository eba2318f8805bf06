"""Display settings: text size and high contrast, remembered without JavaScript.

Signed-in users keep them on their account (``User.text_size`` / ``User.high_contrast``); visitors keep them
in the ``display`` cookie. A signed-in user's change is written to the account only, never to the cookie, so
on a shared computer the next person does not inherit it after sign-out: they see the browser's visitor
setting (the cookie), which anyone can change with one tap. A setting the account has never chosen follows
the cookie, so a visitor who enlarged the text keeps it when they sign in.
"""

import re
from dataclasses import dataclass

from django.conf import settings

TEXT_SIZES = (100, 150, 200)
COOKIE = "display"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_COOKIE_VALUE = re.compile(r"^t(100|150|200)-c([01])$")


@dataclass(frozen=True)
class Display:
    text_size: int = 100
    high_contrast: bool = False

    @property
    def css_classes(self):
        """Classes for ``<html>``: ``text-150`` / ``text-200`` and ``high-contrast`` when chosen."""
        classes = [f"text-{self.text_size}"] if self.text_size != 100 else []
        if self.high_contrast:
            classes.append("high-contrast")
        return " ".join(classes)

    @property
    def larger_text_size(self):
        """The size the one-tap "larger text" button on reading pages moves to: 100 → 150 → 200 → back to 100."""
        return TEXT_SIZES[(TEXT_SIZES.index(self.text_size) + 1) % len(TEXT_SIZES)]

    @property
    def cookie_value(self):
        return f"t{self.text_size}-c{int(self.high_contrast)}"


def from_cookie(value):
    """The visitor setting in a ``display`` cookie value; the default for anything malformed."""
    match = _COOKIE_VALUE.match(value or "")
    if match is None:
        return Display()
    return Display(text_size=int(match.group(1)), high_contrast=match.group(2) == "1")


def current(request):
    """The setting for this request: the account's choices, else the browser's cookie."""
    cookie = from_cookie(request.COOKIES.get(COOKIE))
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return cookie
    return Display(
        text_size=user.text_size or cookie.text_size,
        high_contrast=cookie.high_contrast if user.high_contrast is None else user.high_contrast,
    )


def change(request, response, text_size=None, high_contrast=None):
    """Apply the chosen values (``None`` = leave as is) for this request's user or visitor."""
    before = current(request)
    after = Display(
        text_size=before.text_size if text_size is None else text_size,
        high_contrast=before.high_contrast if high_contrast is None else high_contrast,
    )
    user = request.user
    if user.is_authenticated:
        user.text_size = after.text_size
        user.high_contrast = after.high_contrast
        user.save(update_fields=["text_size", "high_contrast"])
    else:
        response.set_cookie(
            COOKIE,
            after.cookie_value,
            max_age=COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return after
