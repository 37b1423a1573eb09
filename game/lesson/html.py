"""Self-contained printable HTML: escaping, one page template with print styles, and SVG charts.

No scripts and no external files: a page opens from a USB stick on any browser and prints as it
looks. Every text from a scenario or a record is escaped here, so a hostile file cannot inject markup.
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence

#: colours of the two sides and of the reference lines (print well in grey too: different dashes)
SIDE_COLOURS = ("#b8322c", "#1f5fa8")
HISTORY_COLOUR = "#222222"
BAND_COLOURS = ("#f3c9c5", "#c7d8ef")
OUTCOME_PALETTE = ("#b8322c", "#e07b39", "#d9b23a", "#6a9f4b", "#2f8f83", "#1f5fa8", "#6b4fa0",
                   "#a04f86", "#7a7a7a", "#444444", "#9c6b3c", "#3c7a9c")

CSS = """
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #111; max-width: 190mm;
       margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 3mm 0 1mm; }
p { margin: 1mm 0 2mm; } ul, ol { margin: 1mm 0 2mm; padding-left: 6mm; } li { margin: 0.5mm 0; }
.sub { color: #555; margin-bottom: 4mm; }
.quote { border-left: 3px solid #b8322c; background: #faf4f2; padding: 1.5mm 3mm; margin: 1.5mm 0; }
.quote cite { display: block; font-style: normal; font-size: 8.5pt; color: #555; margin-top: 1mm; }
.origin { font-size: 8.5pt; color: #555; }
.tag { display: inline-block; font-size: 7.5pt; padding: 0 1.5mm; border-radius: 2mm; color: #fff;
       background: #777; vertical-align: 1px; }
.tag.article { background: #b8322c; } .tag.history { background: #1f5fa8; } .tag.invented { background: #777; }
.tag.held { background: #2f7d32; } .tag.broken { background: #b8322c; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; } td.num, th.num { text-align: right; white-space: nowrap; }
.mark { background: #fff4cc; }
.cols { display: flex; gap: 5mm; } .cols > div { flex: 1; min-width: 0; }
.box { border: 1px solid #bbb; padding: 2mm 3mm; margin: 2mm 0; break-inside: avoid; }
.small { font-size: 8.5pt; } .muted { color: #666; }
svg { display: block; max-width: 100%; height: auto; margin: 1mm 0 2mm; }
.pagebreak { break-before: page; }
pre { background: #f4f4f4; padding: 2mm 3mm; font-size: 8.5pt; white-space: pre-wrap; break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 90%; }
.chart, .box, table, tr { break-inside: avoid; }
@media print { a { color: inherit; text-decoration: none; } .noprint { display: none; } }
"""


def esc(text) -> str:
    """Text as HTML (quotes too)."""
    return html.escape(str(text), quote=True)


def page(title: str, body: Iterable[str], *, lang: str = "en") -> str:
    """A whole HTML document: `body` is already-escaped HTML."""
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def tag(kind: str, text: str) -> str:
    return f'<span class="tag {esc(kind)}">{esc(text)}</span>'


def ul(items: Iterable[str], ordered: bool = False) -> str:
    """A list of already-escaped items ('' when there are none)."""
    items = list(items)
    if not items:
        return ""
    name = "ol" if ordered else "ul"
    return f"<{name}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{name}>"


def table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = (),
          row_class: Sequence[str] | None = None) -> str:
    """A table of already-escaped cells; columns in `numeric` are right-aligned."""
    numeric = set(numeric)
    out = ["<table><thead><tr>"]
    out += [f'<th{" class=num" if i in numeric else ""}>{h}</th>' for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for k, row in enumerate(rows):
        cls = f' class="{esc(row_class[k])}"' if row_class and row_class[k] else ""
        out.append(f"<tr{cls}>" + "".join(f'<td{" class=num" if i in numeric else ""}>{c}</td>'
                                         for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def quote(text: str, cite: str = "", url: str = "") -> str:
    """A marked quotation with its source."""
    source = esc(cite)
    if url:
        source += f' <span class="muted">({esc(url)})</span>'
    return f'<blockquote class="quote">“{esc(text)}”' + (f"<cite>— {source}</cite>" if cite else "") + "</blockquote>"


# ---------------------------------------------------------------------------- charts

def _nice_range(low: float, high: float) -> tuple[float, float, float]:
    """Axis limits and a tick step that give 4–8 round ticks."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        low, high = (low - 1, low + 1) if math.isfinite(low) else (0.0, 1.0)
    span = high - low
    raw = span / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def line_chart(series: Sequence[Mapping], *, x_labels: Sequence[str] = (), bands: Sequence[Mapping] = (),
               width: int = 640, height: int = 240, y_title: str = "", x_title: str = "",
               marks: Sequence[tuple[float, str]] = ()) -> str:
    """An SVG line chart. `series`: {"values": [y per x], "label", "colour", "dash"?, "width"?};
    `bands`: {"low": [...], "high": [...], "colour", "label"} drawn below; `marks`: (x index, label)
    vertical lines (e.g. the real dates 21 and 24 February). x runs 1..n."""
    values = [v for s in series for v in s["values"] if v is not None]
    values += [v for b in bands for v in (*b["low"], *b["high"]) if v is not None]
    n = max([len(s["values"]) for s in series] + [len(b["low"]) for b in bands] + [len(x_labels), 2])
    low, high, step = _nice_range(min(values + [0.0]), max(values + [0.0]))
    left, right, top, bottom = 48, 14, 12, 38
    pw, ph = width - left - right, height - top - bottom

    def px(i: float) -> float:
        return left + (i - 1) / max(n - 1, 1) * pw

    def py(y: float) -> float:
        return top + (high - y) / (high - low) * ph

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg" role="img" font-size="10" font-family="sans-serif">']
    y = low
    while y <= high + step / 2:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{py(y):.1f}" y2="{py(y):.1f}" '
                   f'stroke="{"#888" if y == 0 else "#ddd"}" stroke-width="1"/>')
        out.append(f'<text x="{left - 4}" y="{py(y) + 3:.1f}" text-anchor="end" fill="#444">{_fmt(y)}</text>')
        y += step
    for band in bands:
        pts = [(px(i + 1), py(v)) for i, v in enumerate(band["high"]) if v is not None]
        pts += [(px(i + 1), py(v)) for i, v in reversed(list(enumerate(band["low"]))) if v is not None]
        if pts:
            out.append(f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" '
                       f'fill="{esc(band["colour"])}" fill-opacity="0.55" stroke="none"/>')
    for x, label in marks:
        out.append(f'<line x1="{px(x):.1f}" x2="{px(x):.1f}" y1="{top}" y2="{top + ph}" stroke="#c9a000" '
                   f'stroke-dasharray="2,2"/>')
        out.append(f'<text x="{px(x) + 2:.1f}" y="{top + 9}" fill="#8a6d00">{esc(label)}</text>')
    for s in series:
        pts = [(px(i + 1), py(v)) for i, v in enumerate(s["values"]) if v is not None]
        if not pts:
            continue
        dash = f' stroke-dasharray="{esc(s["dash"])}"' if s.get("dash") else ""
        out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="none" '
                   f'stroke="{esc(s["colour"])}" stroke-width="{s.get("width", 2)}"{dash}/>')
    step_x = max(1, math.ceil(n / 12))
    for i in range(1, n + 1, step_x):
        label = x_labels[i - 1] if i - 1 < len(x_labels) else str(i)
        out.append(f'<text x="{px(i):.1f}" y="{top + ph + 13}" text-anchor="middle" fill="#444">{esc(label)}</text>')
    if x_title:
        out.append(f'<text x="{left + pw / 2:.1f}" y="{height - 4}" text-anchor="middle" fill="#444">{esc(x_title)}</text>')
    if y_title:
        out.append(f'<text x="10" y="{top + ph / 2:.1f}" transform="rotate(-90 10 {top + ph / 2:.1f})" '
                   f'text-anchor="middle" fill="#444">{esc(y_title)}</text>')
    out.append("</svg>")
    legend = [f'<span style="color:{esc(s["colour"])}">{"╌" if s.get("dash") else "━"}</span> {esc(s["label"])}'
              for s in series if s.get("label")]
    legend += [f'<span style="color:{esc(b["colour"])}">█</span> {esc(b["label"])}' for b in bands if b.get("label")]
    return "".join(out) + (f'<p class="small">{" &nbsp; ".join(legend)}</p>' if legend else "")


def bar_chart(items: Sequence[tuple[str, float, str]], *, width: int = 640, unit: str | tuple[str, str] = "") -> str:
    """Horizontal bars: (label, value, colour) per row; `unit` after each value, or (one, many):
    (" game", " games") reads "1 game", "3 games"."""
    one, many = (unit, unit) if isinstance(unit, str) else unit
    if not items:
        return ""
    top = max(v for _, v, _ in items) or 1
    row, label_w = 20, 230
    height = row * len(items) + 6
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg" role="img" font-size="10" font-family="sans-serif">']
    for k, (label, value, colour) in enumerate(items):
        y = 3 + k * row
        w = (width - label_w - 60) * value / top
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" fill="#222">{esc(label[:40])}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{max(w, 1):.1f}" height="{row - 6}" fill="{esc(colour)}"/>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" fill="#222">{_fmt(value)}{esc(one if value == 1 else many)}</text>')
    out.append("</svg>")
    return "".join(out)
