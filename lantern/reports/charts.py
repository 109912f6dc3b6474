"""Charts for the report: greyscale with hatching and the numbers written on the bars.

Committee papers are printed in black and white, so colour never carries meaning: each
series has its own grey and hatch, and every bar is labelled with its value. A value
hidden as "<5" draws no bar but keeps its label, so nobody reads it as zero.
"""

import io
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import rcParams  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text: searchable, selectable, scalable
        "svg.hashsalt": "lantern",  # same report, same SVG
        "font.family": "sans-serif",
        "font.sans-serif": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
        "font.size": 11,
        "hatch.linewidth": 0.6,
        "axes.edgecolor": "#505a5f",
        "axes.titlesize": 11,
    }
)

# Numbers and category names: large enough to read on screen (a chart is drawn about its own
# size on the dashboard, about 12 px) and on an A4 paper.
LABEL_SIZE = 10

FILLS = ["#0b0c0c", "#b1b4b6", "#ffffff", "#6f777b"]
HATCHES = ["", "///", "...", "xx"]
TEXT_ON = ["#ffffff", "#0b0c0c", "#0b0c0c", "#ffffff"]


@dataclass
class Chart:
    """What to draw. kind: bar (horizontal), stacked (horizontal), column, line."""

    key: str
    title: str
    categories: list[str]
    series: list[tuple[str, list]]  # (name, values); values are ints, floats or "<5"
    kind: str = "bar"
    percent: bool = False  # values are fractions shown as percentages
    description: str = ""  # a sentence for screen readers; the table has the detail
    notes: list[str] = field(default_factory=list)


def _value(v) -> float:
    """A drawable number: hidden ("<5") and missing (None) values draw nothing."""
    return 0.0 if isinstance(v, str) or v is None else float(v)


def _label(v, percent: bool) -> str:
    if isinstance(v, str):  # "<5", or "[c]" hidden so that a total cannot reveal one
        return v
    if percent:
        return f"{float(v) * 100:.0f}%"
    return f"{int(v):,}"


def _figure(chart: Chart) -> Figure:
    n = len(chart.categories)
    groups = len(chart.series)
    if chart.kind in ("bar", "stacked"):
        rows = n * (groups if chart.kind == "bar" else 1)
        height = 0.9 + 0.3 * rows + (0.3 if groups > 1 else 0)
        fig = Figure(figsize=(6.3, max(1.6, height)))
    else:
        # Line charts sit two to a row on the dashboard: narrower, so their text stays large.
        fig = Figure(figsize=(5.0, 2.9) if chart.kind == "line" else (6.3, 2.9))
    ax = fig.subplots()
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    {"bar": _bars, "stacked": _stacked, "column": _columns, "line": _line}[chart.kind](ax, chart)
    if groups > 1:
        ax.legend(
            frameon=False,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=groups,
            handlelength=1.6,
            handleheight=1.1,
        )
    fig.tight_layout(pad=0.4)
    return fig


def _bars(ax, chart: Chart) -> None:
    n, groups = len(chart.categories), len(chart.series)
    height = 0.8 / groups
    top = max((_value(v) for _, vals in chart.series for v in vals), default=0) or 1
    for g, (name, values) in enumerate(chart.series):
        ys = [i + (g - (groups - 1) / 2) * height for i in range(n)]
        widths = [_value(v) for v in values]
        ax.barh(
            ys,
            widths,
            height=height * 0.92,
            color=FILLS[g % 4],
            hatch=HATCHES[g % 4],
            edgecolor="#0b0c0c",
            linewidth=0.6,
            label=name,
        )
        for y, w, v in zip(ys, widths, values, strict=True):
            ax.text(
                w + top * 0.01,
                y,
                _label(v, chart.percent),
                va="center",
                ha="left",
                fontsize=LABEL_SIZE,
            )
    ax.set_yticks(range(n), chart.categories)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _stacked(ax, chart: Chart) -> None:
    n = len(chart.categories)
    lefts = [0.0] * n
    totals = [
        sum(_value(v) for v in col) for col in zip(*(s[1] for s in chart.series), strict=True)
    ]
    top = max(totals, default=0) or 1
    for g, (name, values) in enumerate(chart.series):
        widths = [_value(v) for v in values]
        ax.barh(
            range(n),
            widths,
            left=lefts,
            height=0.7,
            color=FILLS[g % 4],
            hatch=HATCHES[g % 4],
            edgecolor="#0b0c0c",
            linewidth=0.6,
            label=name,
        )
        for i, (w, v) in enumerate(zip(widths, values, strict=True)):
            if w >= top * 0.05:
                ax.text(
                    lefts[i] + w / 2,
                    i,
                    _label(v, False),
                    va="center",
                    ha="center",
                    fontsize=LABEL_SIZE,
                    color="#0b0c0c" if HATCHES[g % 4] else TEXT_ON[g % 4],
                    # a white patch keeps the number readable on top of the hatching
                    bbox={"boxstyle": "square,pad=0.15", "fc": "#ffffff", "ec": "none"}
                    if HATCHES[g % 4]
                    else None,
                )
            lefts[i] += w
    for i, col in enumerate(zip(*(s[1] for s in chart.series), strict=True)):
        hidden = [v for v in col if isinstance(v, str)]
        text = f"{int(totals[i]):,}" + "".join(f" + {v}" for v in hidden)
        ax.text(lefts[i] + top * 0.01, i, text, va="center", ha="left", fontsize=LABEL_SIZE)
    ax.set_yticks(range(n), chart.categories)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.18)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _columns(ax, chart: Chart) -> None:
    n, groups = len(chart.categories), len(chart.series)
    width = 0.8 / groups
    top = max((_value(v) for _, vals in chart.series for v in vals), default=0) or 1
    for g, (name, values) in enumerate(chart.series):
        xs = [i + (g - (groups - 1) / 2) * width for i in range(n)]
        heights = [_value(v) for v in values]
        ax.bar(
            xs,
            heights,
            width=width * 0.92,
            color=FILLS[g % 4],
            hatch=HATCHES[g % 4],
            edgecolor="#0b0c0c",
            linewidth=0.6,
            label=name,
        )
        for x, h, v in zip(xs, heights, values, strict=True):
            ax.text(
                x,
                h + top * 0.015,
                _label(v, chart.percent),
                ha="center",
                va="bottom",
                fontsize=LABEL_SIZE - 1 if n * groups > 16 else LABEL_SIZE,
            )
    ax.set_xticks(range(n), chart.categories, fontsize=LABEL_SIZE)
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="x", length=0)


def _line(ax, chart: Chart) -> None:
    markers = ["o", "s", "^", "D"]
    styles = ["-", "--", ":", "-."]
    top = max((_value(v) for _, vals in chart.series for v in vals), default=0) or 1
    for g, (name, values) in enumerate(chart.series):
        # None is "no data" (a quarter before any record): a gap in the line, never a zero.
        runs, run = [], []
        for i, v in enumerate(values):
            if v is None or isinstance(v, str):
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((i, _value(v)))
        if run:
            runs.append(run)
        for k, points in enumerate(runs):
            ax.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                color="#0b0c0c",
                linestyle=styles[g % 4],
                marker=markers[g % 4],
                markersize=4,
                linewidth=1.2,
                label=name if k == 0 else None,
            )
        for i, v in enumerate(values):
            ax.text(
                i,
                _value(v) + top * 0.04,
                "no data" if v is None else _label(v, chart.percent),
                ha="center",
                va="bottom",
                fontsize=LABEL_SIZE - 1 if v is None else LABEL_SIZE,
                color="#505a5f" if v is None else "#0b0c0c",
            )
    ax.set_xticks(range(len(chart.categories)), chart.categories, fontsize=LABEL_SIZE)
    ax.set_ylim(0, top * 1.2)
    ax.set_xlim(-0.5, len(chart.categories) - 0.5)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="x", length=0)


def chart_svg(chart: Chart) -> str:
    """The chart as an <svg> element, ready to put inline in HTML."""
    return _cached_svg(json.dumps(asdict(chart), default=str))


@lru_cache(maxsize=512)
def _cached_svg(spec: str) -> str:
    """Drawing is the slow part of a dashboard; the same figures give the same picture."""
    chart = Chart(**json.loads(spec))
    chart.series = [(name, values) for name, values in chart.series]
    buf = io.StringIO()
    _figure(chart).savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    # Ids must stay unique when several charts sit inline on one page.
    prefix = f"chart-{chart.key}-"
    svg = re.sub(r'id="', f'id="{prefix}', svg)
    svg = re.sub(r"url\(#", f"url(#{prefix}", svg)
    svg = re.sub(r'href="#', f'href="#{prefix}', svg)
    return svg.replace(
        "<svg ", f'<svg role="img" aria-label="{_attr(chart.description or chart.title)}" ', 1
    )


def chart_png(chart: Chart, *, dpi: int = 150) -> bytes:
    """The chart as a PNG picture, for Word."""
    buf = io.BytesIO()
    _figure(chart).savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
