"""Answers a learner picks from, each marked right or not by the trainer: a quiz's options, a practice's reasons.

Here, below quizzes and practice, so that both store and read them alike: the block a trainer fills in
(``text`` and ``correct``) and the plain objects read from its raw data (no database queries).
"""

from dataclasses import dataclass

from wagtail import blocks

from lms.streamdata import list_items


class AnswerBlock(blocks.StructBlock):
    """An answer and whether it is right, worded for its trainers by a subclass's ``text_label``,
    ``max_length`` and ``correct_label``."""

    text_label = None
    max_length = None
    correct_label = None

    def __init__(self, **kwargs):
        local_blocks = [
            ("text", blocks.CharBlock(label=self.text_label, max_length=self.max_length)),
            ("correct", blocks.BooleanBlock(label=self.correct_label, required=False)),
        ]
        super().__init__(local_blocks, **kwargs)


@dataclass(frozen=True)
class PublicAnswer:
    """What may be shown before the learner answers: no correct flag."""

    key: str
    text: str


@dataclass(frozen=True)
class Answer(PublicAnswer):
    correct: bool

    def public(self):
        return PublicAnswer(self.key, self.text)


def parse_answers(values):
    """The answers in a ListBlock of ``AnswerBlock`` raw data, in order."""
    return tuple(Answer(key, value.get("text", ""), bool(value.get("correct"))) for key, value in list_items(values))
