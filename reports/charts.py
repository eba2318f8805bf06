"""Server-rendered SVG bar charts: no JavaScript, no library, readable by screen readers.

Each chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>``; every bar carries its own ``<title>``
(a tooltip and an accessible name). Templates put a data table beside each chart as the text alternative.
"""

import math
from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

# Wagtail admin colours with at least 3:1 contrast against white and the dark theme's background.
COLOURS = ("#007d7e", "#c44f00", "#5e4ea8")
_ids = count(1)


def _n(number):
    return f"{number:.1f}"


def nice_step(maximum, ticks=4):
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` grid lines up to ``maximum``."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return max(1, int(factor * magnitude))
    return int(10 * magnitude)


def bar_chart(title, description, labels, series, width=720, height=300):
    """Grouped bars: ``labels`` along the x axis, ``series`` a list of ``(name, values)``."""
    uid = f"reports-chart-{next(_ids)}"
    left, right, top, bottom = 48, 8, 36, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    maximum = max((value for _, values in series for value in values), default=0)
    step = nice_step(maximum)
    top_value = max(step, math.ceil(maximum / step) * step)
    group_w = plot_w / max(1, len(labels))
    bar_w = group_w * 0.8 / max(1, len(series))
    parts = [
        format_html(
            '<svg class="reports-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
            'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            width,
            height,
            uid,
            uid,
            uid,
            title,
            uid,
            description,
        )
    ]
    for tick in range(0, top_value + 1, step):
        y = top + plot_h - plot_h * tick / top_value
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="currentColor" stroke-opacity="0.2"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="currentColor">{}</text>',
                left,
                width - right,
                _n(y),
                _n(y),
                left - 6,
                _n(y + 4),
                f"{tick:,}",
            )
        )
    for index, (name, _) in enumerate(series):
        x = left + index * 160
        parts.append(
            format_html(
                '<rect x="{}" y="8" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="20" font-size="13" fill="currentColor">{}</text>',
                x,
                COLOURS[index % len(COLOURS)],
                x + 20,
                name,
            )
        )
    for group, label in enumerate(labels):
        group_x = left + group * group_w + group_w * 0.1
        for index, (name, values) in enumerate(series):
            value = values[group]
            bar_h = plot_h * value / top_value
            parts.append(
                format_html(
                    '<rect class="reports-chart__bar" x="{}" y="{}" width="{}" height="{}" '
                    'fill="{}" data-value="{}"><title>{}, {}: {}</title></rect>',
                    _n(group_x + index * bar_w),
                    _n(top + plot_h - bar_h),
                    _n(max(bar_w - 1, 1)),
                    _n(bar_h),
                    COLOURS[index % len(COLOURS)],
                    value,
                    label,
                    name,
                    f"{value:,}",
                )
            )
        centre_x = left + group * group_w + group_w / 2
        lines = str(label).rsplit(" ", 1)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="currentColor">{}</text>',
                _n(centre_x),
                height - bottom + 16,
                format_html_join(
                    "",
                    '<tspan x="{}" dy="{}">{}</tspan>',
                    ((_n(centre_x), 0 if i == 0 else 14, line) for i, line in enumerate(lines)),
                ),
            )
        )
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="currentColor"/>',
            left,
            width - right,
            top + plot_h,
            top + plot_h,
        )
    )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))
