"""Plain activity objects read from a lesson body's practice blocks (raw data: no database queries).

``parse_activities`` gives one object per practice block; ``translated(source, page)`` overlays the texts of the
lesson in the reader's language on the source lesson's structure, so grading always follows the source page.
"""

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from lessons.answers import parse_answers
from lms.streamdata import list_items

KINDS = ("simulator", "spot_fake", "price", "safe_form")


def money(value):
    """A Decimal baht amount from raw block data (``None`` / empty → 0), rounded to satang."""
    try:
        return Decimal(str(value if value not in (None, "") else 0)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    except InvalidOperation:
        return Decimal("0.00")


def by_key(items, key):
    """The one of ``items`` (steps, choices, items, reasons) whose ``key`` is ``key``, or None."""
    return next((item for item in items if item.key == key), None)


@dataclass(frozen=True)
class Message:
    sender: str
    text: str


@dataclass(frozen=True)
class SimChoice:
    key: str
    text: str
    outcome: str
    consequence: str
    explanation: str
    next_step: int | None


@dataclass(frozen=True)
class SimStep:
    key: str
    number: int
    messages: tuple
    question: str
    choices: tuple


@dataclass(frozen=True)
class SpotItem:
    key: str
    number: int
    kind: str
    heading: str
    text: str
    detail: str
    fake: bool
    reasons: tuple
    explanation: str


@dataclass(frozen=True)
class Fee:
    label: str
    percent: Decimal
    fixed: Decimal

    def amount(self, price):
        return (price * self.percent / 100 + self.fixed).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Marketplace:
    key: str
    name: str
    shipping: Decimal
    fees: tuple


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    safe: bool
    explanation: str


@dataclass(frozen=True)
class Activity:
    key: str
    kind: str
    number: int
    title: str
    intro: str = ""
    channel: str = ""
    contact: str = ""
    steps: tuple = ()
    items: tuple = ()
    product: str = ""
    cost: Decimal = Decimal("0")
    packaging: Decimal = Decimal("0")
    target_profit: Decimal = Decimal("0")
    marketplaces: tuple = ()
    form_heading: str = ""
    fields: tuple = field(default=())
    explanation: str = ""

    def step(self, number):
        return self.steps[number - 1] if number and 0 < number <= len(self.steps) else None


def _simulator(value):
    steps = []
    for number, (key, step) in enumerate(list_items(value.get("steps")), start=1):
        choices = tuple(
            SimChoice(
                key=choice_key,
                text=choice.get("text", ""),
                outcome=choice.get("outcome") or "neutral",
                consequence=choice.get("consequence", ""),
                explanation=choice.get("explanation", ""),
                next_step=int(choice["next_step"]) if choice.get("next_step") else None,
            )
            for choice_key, choice in list_items(step.get("choices"))
        )
        messages = tuple(
            Message(message.get("sender") or "them", message.get("text", ""))
            for _key, message in list_items(step.get("messages"))
        )
        steps.append(SimStep(key, number, messages, step.get("question", ""), choices))
    return {"channel": value.get("channel") or "sms", "contact": value.get("contact", ""), "steps": tuple(steps)}


def _spot_fake(value):
    items = []
    for number, (key, item) in enumerate(list_items(value.get("items")), start=1):
        items.append(
            SpotItem(
                key=key,
                number=number,
                kind=item.get("kind") or "message",
                heading=item.get("heading", ""),
                text=item.get("text", ""),
                detail=item.get("detail") or "",
                fake=bool(item.get("fake")),
                reasons=parse_answers(item.get("reasons")),
                explanation=item.get("explanation", ""),
            )
        )
    return {"intro": value.get("intro") or "", "items": tuple(items)}


def _price(value):
    marketplaces = tuple(
        Marketplace(
            key=key,
            name=market.get("name", ""),
            shipping=money(market.get("shipping")),
            fees=tuple(
                Fee(fee.get("label", ""), money(fee.get("percent")), money(fee.get("fixed")))
                for _fee_key, fee in list_items(market.get("fees"))
            ),
        )
        for key, market in list_items(value.get("marketplaces"))
    )
    return {
        "intro": value.get("intro") or "",
        "product": value.get("product", ""),
        "cost": money(value.get("cost")),
        "packaging": money(value.get("packaging")),
        "target_profit": money(value.get("target_profit")),
        "marketplaces": marketplaces,
        "explanation": value.get("explanation") or "",
    }


def _safe_form(value):
    fields = tuple(
        FormField(key, item.get("label", ""), bool(item.get("safe")), item.get("explanation", ""))
        for key, item in list_items(value.get("fields"))
    )
    return {
        "intro": value.get("story", ""),
        "form_heading": value.get("form_heading", ""),
        "fields": fields,
        "explanation": value.get("explanation") or "",
    }


PARSERS = {"simulator": _simulator, "spot_fake": _spot_fake, "price": _price, "safe_form": _safe_form}


def parse_activities(raw_data):
    """The practice activities among a lesson body's raw StreamField data, in order (other blocks skipped)."""
    activities = []
    for child in raw_data or []:
        kind = child.get("type")
        if kind not in PARSERS:
            continue
        value = child.get("value") or {}
        activities.append(
            Activity(
                key=str(child.get("id")),
                kind=kind,
                number=len(activities) + 1,
                title=value.get("title", ""),
                **PARSERS[kind](value),
            )
        )
    return activities


def activities_of(page):
    """``{key: Activity}`` of a lesson page's practice blocks, parsed once per page instance."""
    cached = page.__dict__.get("_practice_activities")
    if cached is None:
        cached = page.__dict__["_practice_activities"] = {a.key: a for a in parse_activities(page.body.raw_data)}
    return cached


def _overlay(source_items, page_items, texts):
    on_page = {item.key: item for item in page_items}
    return tuple(
        replace(item, **{name: getattr(on_page[item.key], name) or getattr(item, name) for name in texts})
        if item.key in on_page
        else item
        for item in source_items
    )


def translated(source, page):
    """``source`` (an Activity of the source page) with the texts of ``page`` (same key, reader's language)."""
    if page is None or page is source:
        return source
    steps = tuple(
        replace(
            step,
            messages=page_step.messages if len(page_step.messages) == len(step.messages) else step.messages,
            question=page_step.question or step.question,
            choices=_overlay(step.choices, page_step.choices, ("text", "consequence", "explanation")),
        )
        if (page_step := by_key(page.steps, step.key))
        else step
        for step in source.steps
    )
    items = tuple(
        replace(
            item,
            heading=page_item.heading or item.heading,
            text=page_item.text or item.text,
            detail=page_item.detail or item.detail,
            explanation=page_item.explanation or item.explanation,
            reasons=_overlay(item.reasons, page_item.reasons, ("text",)),
        )
        if (page_item := by_key(page.items, item.key))
        else item
        for item in source.items
    )
    page_markets = {market.key: market for market in page.marketplaces}
    marketplaces = tuple(
        replace(
            market,
            name=page_markets[market.key].name or market.name,
            fees=tuple(
                replace(fee, label=page_fee.label or fee.label)
                for fee, page_fee in zip(market.fees, page_markets[market.key].fees, strict=False)
            )
            if len(page_markets[market.key].fees) == len(market.fees)
            else market.fees,
        )
        if market.key in page_markets
        else market
        for market in source.marketplaces
    )
    fields = _overlay(source.fields, page.fields, ("label", "explanation"))
    texts = {
        name: getattr(page, name) or getattr(source, name)
        for name in ("title", "intro", "contact", "product", "form_heading", "explanation")
    }
    return replace(source, steps=steps, items=items, marketplaces=marketplaces, fields=fields, **texts)
