"""Editor panels: those higher apps contribute to lessons' page types through a Wagtail hook, and the guide."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import HelpPanel, ObjectList

# The guide's picture of each block a new lesson starts with: (its picture, the picture's alt text,
# the block's name, what it is for).
GUIDE_BLOCKS = [
    (
        "lessons/guide/heading-text.svg",
        _("A heading above lines of text"),
        _("Heading and Text"),
        _("A short heading names each part of the lesson; the text below explains it in a few short paragraphs."),
    ),
    (
        "lessons/guide/steps.svg",
        _("Numbered steps, one with a screenshot"),
        _("Step-by-step instructions"),
        _(
            "One step for each thing the learner does, in order. Steps are numbered for you. "
            "Add a screenshot where it helps."
        ),
    ),
    (
        "lessons/guide/image.svg",
        _("A picture with a caption below it"),
        _("Image"),
        _(
            "Choose a picture or upload one from the computer. Write the alt text: what the picture shows, "
            "for learners who cannot see it."
        ),
    ),
    (
        "lessons/guide/callout.svg",
        _("A highlighted box with an exclamation mark"),
        _("Callout"),
        _("A tip, a warning or a safety note that must not be missed, for example the 1441 anti-scam hotline."),
    ),
    (
        "lessons/guide/checklist.svg",
        _("A list of items with tick boxes"),
        _("Checklist"),
        _("Things to check or bring, such as what to have ready before opening a shop on Shopee."),
    ),
]


class ContributedPanels(ObjectList):
    """The panels registered under ``hook_name`` (each hook returns a list), gathered when the editor is built."""

    def __init__(self, hook_name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hook_name = hook_name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "hook_name": self.hook_name}

    def on_model_bound(self):
        self.children = [panel for contribute in hooks.get_hooks(self.hook_name) for panel in contribute()]
        super().on_model_bound()


class LessonGuidePanel(HelpPanel):
    """The one-page Thai guide to a lesson's blocks, with pictures, at the top of the lesson editor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "lessons/admin/_lesson_guide.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        class Media:
            css = {"all": ["lessons/admin/lesson-guide.css"]}

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "guide_blocks": GUIDE_BLOCKS}
