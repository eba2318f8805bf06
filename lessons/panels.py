"""Editor panels: those higher apps contribute to lessons' page types through a Wagtail hook, and the guide."""

from wagtail import hooks
from wagtail.admin.panels import HelpPanel, ObjectList


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
