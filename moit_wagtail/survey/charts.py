"""Geometry of the results charts, drawn as inline SVG by the templates.

Computed on the server so the charts need no JavaScript and no third-party library; each
chart is labelled for assistive technology and followed by a table with the same numbers.
"""

from dataclasses import dataclass

from .models.responses import MAX_SCORE

WIDTH = 640
ROW_HEIGHT = 34
LABEL_WIDTH = 230
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


def horizontal_bars(rows, maximum=MAX_SCORE):
    """rows: [(label, value or None, text)] -> (bars, height): one bar per row."""
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, value, text) in enumerate(rows):
        width = area * (value or 0) / maximum if maximum else 0
        y = index * ROW_HEIGHT + 6
        bars.append(
            Bar(
                label=label,
                value_text=text,
                x=LABEL_WIDTH,
                y=y,
                width=round(width, 1),
                height=ROW_HEIGHT - 12,
                text_x=round(LABEL_WIDTH + width + 8, 1),
                text_y=y + (ROW_HEIGHT - 12) / 2 + 5,
            )
        )
    return bars, len(rows) * ROW_HEIGHT + 4


COLUMN_AREA_HEIGHT = 180
COLUMN_TOP = 24
COLUMN_BASE = COLUMN_TOP + COLUMN_AREA_HEIGHT


def columns(rows, maximum=None):
    """rows: [(label, value, text)] -> bars of a column chart over the full width."""
    maximum = maximum or max((value or 0 for _label, value, _text in rows), default=0) or 1
    slot = WIDTH / max(len(rows), 1)
    bars = []
    for index, (label, value, text) in enumerate(rows):
        height = COLUMN_AREA_HEIGHT * (value or 0) / maximum
        x = index * slot + slot * 0.18
        bars.append(
            Bar(
                label=label,
                value_text=text,
                x=round(x, 1),
                y=round(COLUMN_BASE - height, 1),
                width=round(slot * 0.64, 1),
                height=round(height, 1),
                text_x=round(index * slot + slot / 2, 1),
                text_y=round(COLUMN_BASE - height - 6, 1),
            )
        )
    return bars
