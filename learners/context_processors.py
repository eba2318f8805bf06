from . import display as display_settings


def display(request):
    """``display``: the reader's text size and contrast (``display.css_classes`` goes on ``<html>``)."""
    return {"display": display_settings.current(request)}
