import datetime
import re

from lms.dates import format_month
from reports.charts import bar_chart, nice_step


def test_chart_is_an_accessible_svg_with_one_bar_per_value():
    svg = bar_chart("ผู้เรียน <ต่อเดือน>", "คำอธิบาย", ["ม.ค. 2569", "ก.พ. 2569"], [("ลงทะเบียน", [3, 6]), ("จบ", [0, 2])])
    assert svg.startswith("<svg") and 'role="img"' in svg
    title_id = re.search(r'<title id="([^"]+)">', svg).group(1)
    assert f'aria-labelledby="{title_id}' in svg
    assert "ผู้เรียน &lt;ต่อเดือน&gt;" in svg  # escaped
    bars = re.findall(r'<rect class="reports-chart__bar"[^>]*height="([0-9.]+)"[^>]*data-value="(\d+)"', svg)
    assert len(bars) == 4
    heights = {int(value): float(height) for height, value in bars}
    assert heights[0] == 0 and abs(heights[6] - 2 * heights[3]) < 0.2


def test_an_empty_chart_still_renders():
    svg = bar_chart("t", "d", ["a"], [("s", [0])])
    assert 'data-value="0"' in svg


def test_nice_steps():
    assert [nice_step(n) for n in (0, 3, 10, 95, 1234, 2_000_000)] == [1, 1, 5, 50, 500, 500_000]


def test_month_labels_in_thai_and_english():
    day = datetime.date(2026, 11, 1)
    assert format_month(day, "th") == "พ.ย. 2569"
    assert format_month(day, "en") == "Nov 2026"
