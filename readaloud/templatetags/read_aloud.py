"""``{% read_aloud page "part" label %}...{% endread_aloud %}``: the "listen" control and the enclosed HTML
with its sentences marked (``readaloud.sentences``), for speech in the browser or the server's audio."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import services
from ..sentences import mark

register = template.Library()


class ReadAloudNode(template.Node):
    def __init__(self, nodelist, page, part, label):
        self.nodelist, self.page, self.part, self.label = nodelist, page, part, label

    def render(self, context):
        marked = mark(self.nodelist.render(context))
        page = self.page.resolve(context)
        part = str(self.part.resolve(context))
        request = context.get("request")
        audio = None
        if page is not None and not getattr(request, "is_preview", False):
            audio = services.current(page, part)
        control = render_to_string(
            "readaloud/_control.html",
            {
                "language": page.locale.language_code if page is not None else "",
                "audio": audio,
                "timings": ",".join(f"{t:g}" for t in audio.timings) if audio else "",
                "label": self.label.resolve(context) if self.label else None,
                "count": len(marked.sentences),
            },
            request=request,
        )
        if not marked.sentences:
            return marked.html
        return mark_safe(f'<div class="read-aloud">{control}{marked.html}</div>')  # noqa: S308 (rendered HTML)


@register.tag("read_aloud")
def read_aloud(parser, token):
    bits = token.split_contents()
    if len(bits) not in (3, 4):
        raise template.TemplateSyntaxError('usage: {% read_aloud page "part" [label] %}...{% endread_aloud %}')
    nodelist = parser.parse(("endread_aloud",))
    parser.delete_first_token()
    label = parser.compile_filter(bits[3]) if len(bits) == 4 else None
    return ReadAloudNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), label)
