"""The map of the Cuban crisis, drawn in code from what the viewer may see: the Soviet missile sites
in Cuba (how many, how many ready), the US Navy's quarantine line, the American invasion force in
Florida and any fighting. Coarse hand-made outlines (longitude, latitude); no map data is loaded.
Every symbol has a legend entry with its number (never colour alone)."""
from __future__ import annotations

import math

import pygame

from game.ui import theme as th
from game.ui.mapview import Projection, _label, _unit
from game.ui.strings import t
from game.ui.text import ellipsize
from game.ui.words import num

VIEW = (-88.0, 19.5, -72.5, 31.0)
FLORIDA = [(-87.6, 31.0), (-87.6, 30.3), (-86.5, 30.4), (-85.3, 29.7), (-84.3, 30.0), (-83.5, 29.4), (-82.7, 28.2),
           (-82.8, 27.3), (-82.0, 26.5), (-81.7, 25.9), (-81.1, 25.2), (-80.4, 25.2), (-80.1, 26.0), (-80.0, 26.9),
           (-80.6, 28.3), (-81.2, 29.6), (-81.5, 30.7), (-81.4, 31.0)]
CUBA = [(-84.95, 21.85), (-84.0, 22.6), (-83.0, 22.95), (-82.0, 23.15), (-80.9, 23.15), (-79.9, 22.85),
        (-78.7, 22.5), (-77.7, 21.9), (-76.5, 21.3), (-75.6, 21.0), (-74.2, 20.25), (-74.5, 20.05), (-75.7, 19.9),
        (-77.7, 19.85), (-77.2, 20.6), (-78.3, 21.0), (-79.0, 21.55), (-80.4, 21.9), (-81.6, 22.15),
        (-82.9, 22.1), (-83.9, 22.05)]
BAHAMAS = [[(-78.4, 26.7), (-77.9, 26.9), (-77.0, 26.6), (-77.9, 26.5)], [(-78.2, 25.2), (-77.7, 25.3),
           (-77.6, 24.2), (-77.9, 24.0)], [(-76.3, 25.0), (-76.1, 25.4), (-75.7, 24.7), (-75.3, 23.6), (-75.6, 24.4)]]
HISPANIOLA = [(-74.4, 20.0), (-72.5, 19.9), (-72.5, 18.2), (-74.4, 18.4), (-73.3, 18.9)]
HAVANA = (-82.36, 23.13)
MIAMI = (-80.2, 25.77)
# the missile sites (San Cristóbal, Guanajay, Sagua la Grande, Remedios) and more spots nearby
SITES = [(-83.1, 22.7), (-82.6, 22.85), (-80.1, 22.75), (-79.6, 22.55), (-83.5, 22.45), (-82.2, 22.6),
         (-80.6, 22.6), (-79.2, 22.3), (-81.4, 22.6), (-78.4, 22.0)]
US_SPOTS = [(-80.6, 26.5), (-81.6, 27.5), (-82.3, 28.8), (-81.1, 28.0), (-84.3, 30.4), (-86.0, 30.6),
            (-80.5, 25.6), (-82.0, 29.8)]
QUARANTINE_CENTRE, QUARANTINE_RADIUS = (-79.0, 22.0), 5.2    # degrees: drawn as an arc east of Cuba
MISSILES_PER_SITE = 10
US_PER_ICON = 15


def _missile(surface, centre, size: int, ready: bool) -> None:
    """A missile site: a triangle, filled when ready to fire, hollow while it is being built."""
    x, y = centre
    pts = [(x, y - size), (x - size * 3 // 4, y + size // 2), (x + size * 3 // 4, y + size // 2)]
    if ready:
        pygame.draw.polygon(surface, th.VERMILLION, pts)
    else:
        pygame.draw.polygon(surface, th.WHITE, pts)
    pygame.draw.polygon(surface, th.TEXT, pts, 2 if not ready else 1)


def _dashes(surface, points, colour, width: int) -> None:
    for i in range(0, len(points) - 1, 2):
        pygame.draw.line(surface, colour, points[i], points[i + 1], width)


def draw_cuba(painter, s, ctx, box: pygame.Rect, values: dict) -> None:
    """Paint the map into `s` (the MapPainter's surface); labels drawn go to `painter.labels`."""
    font, bold = ctx.theme.small, ctx.theme.small_bold
    line = font.get_linesize()
    entries = _entries(values)
    legend_h = line * max(1, len(entries)) + 8
    area = pygame.Rect(box.x, box.y, box.w, box.h - legend_h)
    s.fill(th.MAP_SEA)
    s.set_clip(area)
    p = Projection(area, VIEW)
    for poly, colour in ((FLORIDA, th.MAP_NATO), (CUBA, th.MAP_UKRAINE), (HISPANIOLA, th.MAP_LAND),
                         *((b, th.MAP_LAND) for b in BAHAMAS)):
        pts = p.poly(poly)
        pygame.draw.polygon(s, colour, pts)
        pygame.draw.polygon(s, th.BORDER, pts, 1)
    size = max(7, int(p.s * 0.35))
    quarantine = values.get("quarantine") or 0
    if quarantine > 0:
        cx, cy = QUARANTINE_CENTRE
        arc = [p(cx + QUARANTINE_RADIUS * math.cos(a) / math.cos(math.radians(cy)) * 0.75,
                 cy + QUARANTINE_RADIUS * math.sin(a) * 0.75)
               for a in [math.radians(d) for d in range(-70, 200, 6)]]
        _dashes(s, arc, th.BLUE, max(2, int(1 + quarantine / 25)))
        for i in range(int(math.ceil(quarantine / 20))):
            _unit(s, arc[(i * 7 + 3) % len(arc)], size, th.BLUE, "dot")
    combat = values.get("combat") or 0
    if combat > 0:
        cx, cy = p(-80.5, 22.4)
        radius = int(p.s * (0.8 + combat / 30))
        zone = pygame.Surface((radius * 2, radius * 2), pygame.SRCALPHA)
        pygame.draw.circle(zone, (*th.VERMILLION, 110), (radius, radius), radius)
        s.blit(zone, (cx - radius, cy - radius))
    missiles = values.get("missiles")
    if missiles is not None:
        sites = int(round(missiles / MISSILES_PER_SITE))
        ready = values.get("ready")
        n_ready = int(round(sites * ready / 100)) if ready is not None else 0
        for i in range(min(sites, len(SITES))):
            _missile(s, p(*SITES[i]), size, i < n_ready)
    invasion = values.get("invasion")
    if invasion is not None:
        for i in range(int(round(invasion / US_PER_ICON))):
            _unit(s, p(*US_SPOTS[i % len(US_SPOTS)]), size, th.BLUE, "cross")
    for where in (HAVANA, MIAMI):
        pygame.draw.circle(s, th.TEXT, p(*where), 3)
    for text, where, f in ((t("map.cuba.usa"), (-83.3, 30.4), bold), (t("map.cuba.cuba"), (-78.3, 21.25), bold),
                           (t("map.cuba.florida"), (-81.5, 28.6), font), (t("map.cuba.havana"), (-82.4, 23.55), font),
                           (t("map.cuba.miami"), (-79.3, 25.8), font), (t("map.cuba.gulf"), (-86.0, 25.5), font),
                           (t("map.cuba.atlantic"), (-74.8, 28.5), font)):
        painter.labels.append(_label(s, ctx, f, text, p(*where), area))
    if combat > 0:
        painter.labels.append(_label(s, ctx, bold, t("map.fighting", value=num(combat)), p(-80.5, 21.2), area))
    s.set_clip(None)
    _legend(painter, s, ctx, pygame.Rect(box.x, area.bottom, box.w, legend_h), entries, size)


def _entries(values: dict) -> list[tuple[str, str]]:
    out = []
    if values.get("missiles") is not None:
        out.append(("site", t("map.cuba.legend_missiles", n=MISSILES_PER_SITE, value=num(values["missiles"]))))
        if values.get("ready") is not None:
            out.append(("missile", t("map.cuba.legend_ready", ready=num(values["ready"]))))
    if values.get("quarantine") is not None:
        out.append(("ship", t("map.cuba.legend_quarantine", value=num(values["quarantine"]))))
    if values.get("invasion") is not None:
        out.append(("cross", t("map.cuba.legend_invasion", value=num(values["invasion"]), n=US_PER_ICON)))
    return out


def _legend(painter, s, ctx, r: pygame.Rect, entries, size: int) -> None:
    font = ctx.theme.small
    line = font.get_linesize()
    pygame.draw.rect(s, th.PANEL, r)
    pygame.draw.line(s, th.BORDER, r.topleft, r.topright)
    for i, (kind, text) in enumerate(entries):
        x, y = r.x + 4, r.y + 4 + i * line
        icon = pygame.Rect(x, y + 2, size + size // 2, line - 4)
        if kind in ("missile", "site"):
            _missile(s, icon.center, min(size, line // 2), kind == "missile")
        elif kind == "ship":
            _unit(s, icon.center, min(size, line - 4), th.BLUE, "dot")
        else:
            _unit(s, icon.center, min(size, line - 4), th.BLUE, "cross")
        label = ellipsize(font, text, r.w - icon.w - 20)
        rect = s.blit(ctx.cache.render(font, label, th.TEXT), (icon.right + 4, y))
        painter.labels.append((rect, label))
