"""Bar charts drawn on the server as SVG geometry, so they show without JavaScript."""

from dataclasses import dataclass

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 28


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # full label for the tooltip and the table
    tick: str  # short label under the bar ("" to leave it out)
    value: int
    center: float = 0


def nice_ceiling(value):
    """The smallest 1/2/5 x 10^n at or above ``value`` (at least 1), for a clean axis."""
    if value <= 1:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def bar_chart(points):
    """``points`` = [(label, tick, value)] -> dict the ``bar_chart.html`` template draws."""
    top = nice_ceiling(max((value for _l, _t, value in points), default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(points), 1)
    bars = []
    for index, (label, tick, value) in enumerate(points):
        height = plot_height * value / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                tick=tick,
                value=value,
                center=round(LEFT + index * slot + slot / 2, 1),
            )
        )
    gridlines = [
        {"y": round(TOP + plot_height * (1 - share), 1), "value": int(top * share)}
        for share in (0, 0.5, 1)
        if float(top * share).is_integer()  # no "0" label halfway up an axis that tops at 1
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_height,
        "tick_y": HEIGHT - 8,
        "bars": bars,
        "gridlines": gridlines,
    }
