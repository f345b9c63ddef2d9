"""Charts readable on a phone and on a laptop (issue 15): the rule that no two axis labels
Vega drew overlap. tests/e2e/test_accessibility_browser.py applies it to every chart of
every page of every example and template, at 390×844 and 1366×900, in its one walk.

The labels are read from the SVG Vega renders (charts of up to 2,000 marks): the text of
each visible label and its box on screen. A label Vega hid for want of room (opacity 0) or
left empty (hours between the third ones) does not count. Slanted labels are compared
across their slant, where their letters would touch.
"""

from __future__ import annotations

import math

# Each axis's drawn labels: text, box (x, y, width, height), slant (degrees) and font size.
LABELS_JS = """
chart => [...chart.querySelectorAll('g.role-axis')].map(axis =>
  [...axis.querySelectorAll('g.role-axis-label text')]
    .filter(t => t.textContent.trim() !== '' && Number(t.getAttribute('opacity') ?? 1) > 0
                 && getComputedStyle(t).opacity !== '0')
    .map(t => {
      const r = t.getBoundingClientRect();
      const turn = /rotate\\((-?[\\d.]+)/.exec(t.getAttribute('transform') || '');
      return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
              angle: turn ? Number(turn[1]) : 0,
              size: parseFloat(getComputedStyle(t).fontSize)};
    }))
"""

# What a chart is while Vega has not drawn it yet.
DRAWN_JS = "chart => !!chart.querySelector('svg g.role-axis, canvas')"


def overlaps(labels: list[dict]) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """Pairs of labels whose letters touch (1 px of tolerance)."""
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if a["angle"] or b["angle"]:
                # Slanted side by side: apart when the gap across the slant holds a line.
                angle = a["angle"] or b["angle"]
                gap = abs(a["x"] - b["x"]) * abs(math.sin(math.radians(angle)))
                if gap + 1 < min(a["size"], b["size"]) and abs(a["y"] - b["y"]) < a["h"]:
                    found.append((a["text"], b["text"]))
                continue
            apart = (
                a["x"] + a["w"] <= b["x"] + 1
                or b["x"] + b["w"] <= a["x"] + 1
                or a["y"] + a["h"] <= b["y"] + 1
                or b["y"] + b["h"] <= a["y"] + 1
            )
            if not apart:
                found.append((a["text"], b["text"]))
    return found


def test_the_rule_sees_overlapping_labels() -> None:
    """The check itself: « 0123456789101112… » is caught, hours every third one are not."""
    crammed = [
        {"text": str(h), "x": 100 + 5 * h, "y": 10, "w": 12, "h": 16, "angle": 0, "size": 11}
        for h in range(24)
    ]
    assert overlaps(crammed)
    spaced = [dict(label, x=100 + 16 * h) for h, label in enumerate(crammed[::3])]
    assert not overlaps(spaced)
    slanted = [
        {"text": t, "x": 50 + 20 * i, "y": 300, "w": 60, "h": 50, "angle": -40, "size": 11}
        for i, t in enumerate(["Place Hervo", "Rue Savary", "Gare"])
    ]
    assert not overlaps(slanted)  # 20 px apart across a 40° slant: 12.9 px ≥ 11 px
    assert overlaps([dict(s, x=50 + 8 * i) for i, s in enumerate(slanted)])
