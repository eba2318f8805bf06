"""Plain question objects read from a quiz's StreamField (raw data: no database queries)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lessons.answers import Answer, parse_answers

from .blocks import TRUE_FALSE_KEYS

TRUE_FALSE_LABELS = {"true": _("True"), "false": _("False")}


@dataclass(frozen=True)
class Question:
    key: str
    kind: str  # "single" | "multiple" | "truefalse"
    text: str
    options: tuple
    explanation: str
    lesson_id: int | None
    number: int

    @property
    def correct_keys(self):
        return frozenset(option.key for option in self.options if option.correct)

    @property
    def option_keys(self):
        return frozenset(option.key for option in self.options)

    @property
    def multiple(self):
        return self.kind == "multiple"

    def public(self):
        """What may be shown before the learner answers: no correct flags, no explanation."""
        return PublicQuestion(
            key=self.key,
            kind=self.kind,
            text=self.text,
            number=self.number,
            options=tuple(option.public() for option in self.options),
        )


@dataclass(frozen=True)
class PublicQuestion:
    key: str
    kind: str
    text: str
    number: int
    options: tuple

    @property
    def multiple(self):
        return self.kind == "multiple"


def parse_questions(stream_value):
    """The questions of a ``questions`` StreamField value, in order."""
    questions = []
    for number, child in enumerate(stream_value.raw_data, start=1):
        value = child.get("value") or {}
        kind = child.get("type")
        if kind == "truefalse":
            answer = value.get("answer") or "true"
            options = tuple(Answer(key, TRUE_FALSE_LABELS[key], key == answer) for key in TRUE_FALSE_KEYS)
        else:
            options = parse_answers(value.get("options"))
        questions.append(
            Question(
                key=str(child.get("id")),
                kind=kind,
                text=value.get("text", ""),
                options=options,
                explanation=value.get("explanation", ""),
                lesson_id=value.get("lesson") or None,
                number=number,
            )
        )
    return questions
