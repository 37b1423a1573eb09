"""Small inline SVG charts for the balance report: no plotting library, no files, no network.

Each function returns one `<svg>` element as text, sized in CSS pixels, with a <title> on every
mark so a reader can hover for the exact number. Colours come from one fixed palette, so the same
outcome has the same colour in every chart of a report.
"""
from __future__ import annotations

from html import escape

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def colour(k: int) -> str:
    return PALETTE[k % len(PALETTE)]


def stacked_bars(rows: list[tuple[str, list[float]]], keys: list[str], width: int = 760, bar: int = 18) -> str:
    """One horizontal bar per row, split into the shares of `keys` (each row's values sum to 1)."""
    label_w, legend_h = 190, 22 * ((len(keys) + 3) // 4)
    plot_w = width - label_w - 10
    height = legend_h + len(rows) * (bar + 6) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" {FONT} role="img">']
    for k, key in enumerate(keys):
        x, y = 10 + (k % 4) * (width // 4), 6 + (k // 4) * 22
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour(k)}"/>'
                   f'<text x="{x + 16}" y="{y + 11}">{escape(key)}</text>')
    for r, (label, shares) in enumerate(rows):
        y = legend_h + r * (bar + 6)
        out.append(f'<text x="{label_w - 6}" y="{y + bar - 5}" text-anchor="end">{escape(label)}</text>')
        x = float(label_w)
        for k, share in enumerate(shares):
            w = share * plot_w
            if w <= 0:
                continue
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour(k)}">'
                       f'<title>{escape(label)}: {escape(keys[k])} {share:.0%}</title></rect>')
            if w > 28:
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + bar - 5}" text-anchor="middle" fill="#fff">'
                           f'{share:.0%}</text>')
            x += w
    out.append("</svg>")
    return "".join(out)


def lines(series: list[tuple[str, list[float]]], x_label: str, y_label: str, width: int = 760,
          height: int = 300) -> str:
    """A line per series over x = 1, 2, ... (turns)."""
    left, right, top, bottom = 56, 16, 28, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [y for _, ys in series for y in ys] or [0.0]
    lo, hi = min(0.0, min(values)), max(values)
    hi = hi if hi > lo else lo + 1
    n = max((len(ys) for _, ys in series), default=1)

    def px(i: int) -> float:
        return left + (i / max(n - 1, 1)) * plot_w

    def py(y: float) -> float:
        return top + plot_h - (y - lo) / (hi - lo) * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" {FONT} role="img">',
           f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#888"/>']
    for frac in (0, 0.25, 0.5, 0.75, 1):
        y = lo + frac * (hi - lo)
        out.append(f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.0f}</text>'
                   f'<line x1="{left}" y1="{py(y):.1f}" x2="{left + plot_w}" y2="{py(y):.1f}" stroke="#eee"/>')
    step = max(1, n // 10)
    for i in range(0, n, step):
        out.append(f'<text x="{px(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{i + 1}</text>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">{escape(x_label)}</text>'
               f'<text x="12" y="{top - 10}">{escape(y_label)}</text>')
    for k, (name, ys) in enumerate(series):
        if not ys:
            continue
        points = " ".join(f"{px(i):.1f},{py(y):.1f}" for i, y in enumerate(ys))
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour(k)}" stroke-width="2">'
                   f'<title>{escape(name)}</title></polyline>')
        out.append(f'<text x="{left + plot_w - (len(series) - k) * 150}" y="{top - 10}" fill="{colour(k)}">'
                   f'— {escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def bars(items: list[tuple[str, float]], width: int = 760, bar: int = 16, unit: str = "") -> str:
    """Horizontal bars around zero (positive right, negative left), one per item."""
    label_w, value_w = 240, 52          # value_w: room for the number beside the longest bar either way
    plot_w = width - label_w - 2 * value_w
    height = len(items) * (bar + 5) + 10
    values = [v for _, v in items] or [0.0]
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    span = (hi - lo) or 1.0
    zero = label_w + value_w + (-lo / span) * plot_w
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" {FONT} role="img">',
           f'<line x1="{zero:.1f}" y1="0" x2="{zero:.1f}" y2="{height}" stroke="#888"/>']
    for r, (label, v) in enumerate(items):
        y = 5 + r * (bar + 5)
        w = abs(v) / span * plot_w
        x = zero if v >= 0 else zero - w
        fill = colour(0) if v >= 0 else colour(2)
        out.append(f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end">{escape(label)}</text>'
                   f'<rect x="{x:.1f}" y="{y}" width="{max(w, 0.5):.1f}" height="{bar}" fill="{fill}">'
                   f'<title>{escape(label)}: {v:+.1f}{unit}</title></rect>'
                   f'<text x="{(x + w + 4) if v >= 0 else (x - 4):.1f}" y="{y + bar - 4}" '
                   f'text-anchor="{"start" if v >= 0 else "end"}">{v:+.1f}{unit}</text>')
    out.append("</svg>")
    return "".join(out)
