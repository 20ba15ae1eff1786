"""The geometry of the help queue's activity plot; web/helpqueue/_plot.svg draws it.

Bars: tickets opened per hour (left axis). Lines: median wait (created -> claimed) and median
time to close, in minutes (right axis). Computed here so the template only places shapes.
"""

import math

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 56, 16, 48


def _nice_top(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover (the loop ends at 10)


def _ticks(top: float, count: int = 4) -> list[float]:
    return [top * i / count for i in range(count + 1)]


def _count_ticks(top: float) -> list[float]:
    """Whole numbers only: every one up to 5, else fifths (a nice top of 10 or more divides)."""
    return list(range(int(top) + 1)) if top <= 5 else _ticks(top, 5)


def _label(value: float) -> str:
    return f"{value:g}"


def activity_plot(hours: list[dict]) -> dict | None:
    """Shapes for ``helpqueue.selectors.hourly_activity`` rows; None without any."""
    if not hours:
        return None
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / len(hours)
    count_top = _nice_top(max(h["opened"] for h in hours))
    minutes = [
        seconds / 60
        for h in hours
        for seconds in (h["median_wait_seconds"], h["median_close_seconds"])
        if seconds is not None
    ]
    minute_top = _nice_top(max(minutes, default=1))
    base = TOP + inner_h

    def y_count(value):
        return round(base - inner_h * value / count_top, 1)

    def y_minutes(value):
        return round(base - inner_h * value / minute_top, 1)

    bars, wait, close, labels = [], [], [], []
    every = max(1, math.ceil(len(hours) / 12))  # at most about 12 hour labels
    for i, hour in enumerate(hours):
        x = LEFT + i * slot
        middle = round(x + slot / 2, 1)
        if hour["opened"]:
            top = y_count(hour["opened"])
            bars.append(
                {
                    "x": round(x + slot * 0.15, 1),
                    "y": top,
                    "width": round(slot * 0.7, 1),
                    "height": round(base - top, 1),
                    "title": f"{hour['hour']:%a %H:%M}: {hour['opened']} opened",
                }
            )
        for key, points in (("median_wait_seconds", wait), ("median_close_seconds", close)):
            if hour[key] is not None:
                points.append((middle, y_minutes(hour[key] / 60)))
        if i % every == 0:
            labels.append({"x": middle, "text": f"{hour['hour']:%H:%M}"})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "base": base,
        "bars": bars,
        "wait": _points(wait),
        "close": _points(close),
        "wait_dots": wait,
        "close_marks": [(round(x - 3, 1), round(y - 3, 1)) for x, y in close],
        "count_ticks": [{"y": y_count(v), "text": _label(v)} for v in _count_ticks(count_top)],
        "minute_ticks": [{"y": y_minutes(v), "text": _label(v)} for v in _ticks(minute_top)],
        "hour_labels": labels,
        "label_y": base + 18,
        "left_labels_x": LEFT - 6,
        "right_labels_x": WIDTH - RIGHT + 6,
        "footer_y": HEIGHT - 6,
        "first": hours[0]["hour"],
        "last": hours[-1]["hour"],
    }


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in points)
