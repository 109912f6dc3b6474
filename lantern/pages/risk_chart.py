"""The child page's risk history: a small step chart of the level set by each full assessment.

Drawn in the reports' greyscale style (the page may be printed for a meeting) and handed to
the page as an <img> with an SVG data address: the page's CSP forbids the inline styles
matplotlib's SVG relies on, while an image draws in its own document.
"""

import io
from datetime import date, timedelta
from functools import lru_cache

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

import lantern.reports.charts  # noqa: F401  (sets the shared greyscale matplotlib style)
from lantern.core.ukdate import uk_date
from lantern.reports.documents.printable import svg_image
from lantern.risk.models import Level

LEVELS = [Level.NONE, Level.LOW, Level.MEDIUM, Level.HIGH]  # bottom to top of the y axis
LEVEL_LABELS = dict(Level.choices)


def risk_history_points(assessments: list) -> list[tuple[date, str]]:
    """(date, level) of each full assessment, oldest first; screenings set no level."""
    points = [
        (a.completed_on, a.risk_level)
        for a in assessments
        if not a.is_screening and a.completed_on and a.risk_level in LEVELS
    ]
    return sorted(points, key=lambda p: p[0])


def risk_history_description(points: list[tuple[date, str]]) -> str:
    """The chart in words for screen readers: each change of level, and where it stands."""
    changes, last = [], None
    for day, level in points:
        if level != last:
            changes.append(f"{LEVEL_LABELS[level]} from {uk_date(day)}")
            last = level
    return (
        f"Risk level over time from {len(points)} full assessment"
        f"{'s' if len(points) != 1 else ''}: " + ", then ".join(changes) + "."
    )


@lru_cache(maxsize=256)
def _svg(points: tuple[tuple[date, str], ...]) -> str:
    days = [p[0] for p in points]
    ys = [LEVELS.index(p[1]) for p in points]
    first, last = days[0], days[-1]
    margin = max(timedelta(days=20), (last - first) * 0.04)
    end = last + margin  # the last level holds on after its assessment
    fig = Figure(figsize=(5.2, 1.7))  # shown about 640 pixels wide: text stays readable
    ax = fig.subplots()
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.step(days + [end], ys + [ys[-1]], where="post", color="#0b0c0c", linewidth=1.4)
    ax.plot(days, ys, linestyle="none", marker="o", markersize=4, color="#0b0c0c")
    ax.set_yticks(range(len(LEVELS)), [LEVEL_LABELS[lv] for lv in LEVELS])
    ax.set_ylim(-0.4, len(LEVELS) - 0.6)
    ax.set_xlim(first - margin, end)
    ax.grid(axis="y", color="#b1b4b6", linewidth=0.5)
    ax.set_axisbelow(True)
    locator = AutoDateLocator(maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator, show_offset=False))
    ax.tick_params(axis="both", labelsize=9, length=0)
    fig.tight_layout(pad=0.4)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def risk_history_chart(assessments: list) -> dict | None:
    """The chart as an <img> (SVG data address) with its description, or None when no full
    assessment has set a level. Uses the assessments already read: no queries."""
    points = risk_history_points(assessments)
    if not points:
        return None
    description = risk_history_description(points)
    return {
        "description": description,
        "img": svg_image(_svg(tuple(points)), description, css_class="lantern-risk-chart__image"),
    }
