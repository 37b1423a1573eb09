"""Just enough Markdown for the teacher's guide to print as a page: headings, paragraphs, lists,
tables, fenced code, `code`, **bold**, *italic* and [links](url). Everything is escaped first, so a
guide can hold no markup of its own (no dependency on a Markdown package)."""
from __future__ import annotations

import re

from game.lesson.html import esc

_INLINE = [
    (re.compile(r"`([^`]+)`"), lambda m: f"<code>{m.group(1)}</code>"),
    (re.compile(r"\*\*(.+?)\*\*"), lambda m: f"<b>{m.group(1)}</b>"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), lambda m: f"<i>{m.group(1)}</i>"),
    (re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)"), lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>'),
]


def inline(text: str) -> str:
    """One line of Markdown as HTML (escaped; code spans are left as they are written)."""
    parts = re.split(r"(`[^`]+`)", esc(text))
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{part[1:-1]}</code>")
            continue
        for pattern, repl in _INLINE[1:]:
            part = pattern.sub(repl, part)
        out.append(part)
    return "".join(out)


_ITEM = re.compile(r"^(\s*)([-*]|\d+\.)\s+(.*)$")


def _list(lines: list[str], i: int) -> tuple[str, int]:
    """A list starting at line `i` (items indented deeper form a list inside the item above);
    returns its HTML and the index of the first line after it."""
    first = _ITEM.match(lines[i])
    base, ordered = len(first.group(1)), first.group(2)[0].isdigit()
    items: list[list[str]] = []         # per item: its text, then any nested lists' HTML
    while i < len(lines):
        m = _ITEM.match(lines[i])
        if m and len(m.group(1)) > base and items:
            nested, i = _list(lines, i)
            items[-1].append(nested)
            continue
        if m and len(m.group(1)) == base:
            items.append([m.group(3)])
        elif lines[i].strip() and lines[i].startswith((" ", "\t")) and items and not m:
            items[-1][0] += " " + lines[i].strip()     # a wrapped list item
        else:
            break
        i += 1
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{inline(text)}{''.join(nested)}</li>" for text, *nested in items) \
        + f"</{tag}>", i


def to_html(text: str) -> str:
    """The HTML body of a Markdown document."""
    lines = text.splitlines()
    out: list[str] = []
    para: list[str] = []
    i = 0

    def flush():
        if para:
            out.append(f"<p>{inline(' '.join(para))}</p>")
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith("```"):
                j += 1
            out.append("<pre><code>" + esc("\n".join(lines[i + 1:j])) + "</code></pre>")
            i = j + 1
            continue
        heading = re.match(r"^(#{1,4})\s+(.*)$", stripped)
        if heading:
            flush()
            level = len(heading.group(1))
            slug = re.sub(r"[^\w\- ]", "", heading.group(2).lower()).replace(" ", "-")
            out.append(f'<h{level} id="{esc(slug)}">{inline(heading.group(2))}</h{level}>')
            i += 1
            continue
        if stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            head, *body = rows or [[]]
            out.append("<table><thead><tr>" + "".join(f"<th>{inline(c)}</th>" for c in head) + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in body)
                       + "</tbody></table>")
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            html, i = _list(lines, i)
            out.append(html)
            continue
        if not stripped:
            flush()
        elif stripped == "---":
            flush()
            out.append("<hr>")
        else:
            para.append(stripped)
        i += 1
    flush()
    return "\n".join(out)
