"""Wagtail admin menu entries guarded by the same permission rule as the views behind them."""

from wagtail.admin.menu import MenuItem


class RuleMenuItem(MenuItem):
    """A menu entry shown only to the users ``rule(user)`` accepts."""

    def __init__(self, label, url, *, rule, **kwargs):
        super().__init__(label, url, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return self.rule(request.user)
