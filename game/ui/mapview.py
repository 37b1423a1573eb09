"""A stylised map of the region, drawn in code from the state the viewer may see: Russian troops
near Ukraine, NATO's extra forces on the eastern flank, sanctions on Russia, fighting in Ukraine.

Outlines are coarse hand-made polygons (longitude, latitude); no tiles or map data are loaded.
Every symbol has a label and a legend entry (never colour alone). The Cuban crisis has its own map
(game.ui.mapcuba); other scenarios have none and say so.
"""
from __future__ import annotations

import math

import pygame

from game.ui import theme as th
from game.ui.strings import t
from game.ui.words import num

# coarse outlines, (lon, lat)
UKRAINE = [(24.0, 51.9), (25.5, 51.9), (27.0, 51.6), (28.5, 51.6), (30.5, 51.3), (31.5, 52.1), (33.5, 52.3),
           (34.4, 51.7), (35.4, 51.0), (36.5, 50.4), (38.0, 50.0), (40.0, 49.6), (40.1, 48.9), (39.7, 47.8),
           (38.2, 47.1), (37.0, 46.9), (35.2, 46.4), (33.6, 46.2), (32.0, 46.5), (30.8, 46.4), (30.0, 45.8),
           (29.6, 45.3), (28.2, 45.5), (28.9, 46.4), (29.2, 47.0), (29.6, 47.9), (28.0, 48.3), (26.6, 48.3),
           (24.9, 47.8), (23.2, 48.1), (22.2, 48.4), (22.6, 49.1), (22.8, 49.9), (24.0, 50.7)]
CRIMEA = [(33.6, 46.1), (35.3, 45.4), (36.6, 45.4), (35.5, 44.9), (34.3, 44.4), (33.4, 44.6), (32.5, 45.4)]
BELARUS = [(23.2, 52.2), (23.6, 53.9), (25.8, 54.3), (26.8, 55.3), (28.2, 56.1), (30.9, 55.6), (32.7, 53.3),
           (31.5, 52.1), (30.5, 51.3), (28.5, 51.6), (27.0, 51.6), (25.5, 51.9), (24.0, 51.9)]
POLAND = [(14.0, 54.0), (19.7, 54.4), (22.8, 54.4), (23.6, 53.9), (23.2, 52.2), (24.0, 51.9), (24.0, 50.7),
          (22.8, 49.9), (22.6, 49.1), (19.0, 49.4), (14.0, 50.5)]
BALTICS = [(21.0, 55.3), (22.8, 54.4), (23.6, 53.9), (25.8, 54.3), (26.8, 55.3), (28.2, 56.1), (27.7, 57.5),
           (28.0, 59.4), (23.4, 59.3), (21.0, 57.5)]
ROMANIA = [(20.5, 46.2), (22.2, 48.0), (24.9, 47.8), (26.6, 48.2), (27.2, 47.7), (28.2, 46.5), (28.2, 45.5),
           (29.6, 45.3), (28.6, 43.8), (25.5, 43.7), (22.7, 44.2), (20.5, 44.8)]
MOLDOVA = [(26.6, 48.3), (28.0, 48.3), (29.6, 47.9), (29.2, 47.0), (28.9, 46.4), (28.2, 45.5), (28.2, 46.5),
           (27.2, 47.7)]
RUSSIA = [(28.0, 60.0), (27.7, 57.5), (28.2, 56.1), (30.9, 55.6), (32.7, 53.3), (31.5, 52.1), (33.5, 52.3),
          (34.4, 51.7), (35.4, 51.0), (36.5, 50.4), (38.0, 50.0), (40.0, 49.6), (40.1, 48.9), (39.7, 47.8),
          (38.2, 47.1), (39.3, 47.2), (38.5, 46.4), (37.8, 46.0), (38.3, 45.2), (37.5, 44.5), (40.0, 43.4),
          (45.0, 42.5), (45.0, 60.0)]
KALININGRAD = [(19.7, 54.4), (22.8, 54.4), (22.7, 55.1), (21.3, 55.3), (20.0, 54.9)]
BLACK_SEA = [(26.0, 41.0), (28.6, 43.8), (29.6, 45.3), (30.8, 46.6), (33.0, 46.6), (35.0, 46.8), (37.0, 47.3),
             (39.3, 47.3), (38.5, 46.0), (37.5, 44.5), (40.0, 43.4), (42.0, 41.0)]
BALTIC_SEA = [(14.0, 60.0), (14.0, 54.0), (19.7, 54.4), (20.0, 54.9), (21.3, 55.3), (21.0, 57.5),
              (23.4, 59.3), (28.0, 60.0)]

VIEW = (16.0, 43.7, 45.0, 56.0)      # lon_min, lat_min, lon_max, lat_max (wide: the panel is wide)
KYIV = (30.5, 50.45)
DONBAS = (38.3, 48.2)
# where Russian units stand (Belarus, along the border, Crimea) and NATO's (Poland, Baltics, Romania)
RUSSIAN_SPOTS = [(27.6, 52.3), (29.6, 52.1), (33.6, 52.7), (35.6, 51.6), (37.4, 50.8), (39.4, 50.2),
                 (40.6, 48.9), (40.6, 47.9), (34.6, 45.6), (35.6, 45.4), (28.6, 52.7), (36.6, 51.2)]
NATO_SPOTS = [(22.2, 51.4), (21.3, 52.8), (24.3, 56.6), (25.4, 55.1), (25.8, 45.3), (24.2, 46.4), (22.6, 50.3),
              (26.2, 57.2)]
TROOPS_PER_ICON = 10
NATO_PER_ICON = 5


class Projection:
    """Equirectangular with the longitude squeezed by cos(latitude), fitted into a rectangle."""

    def __init__(self, rect: pygame.Rect, view: tuple[float, float, float, float] = VIEW):
        lon0, lat0, lon1, lat1 = view
        k = math.cos(math.radians((lat0 + lat1) / 2))
        w, h = (lon1 - lon0) * k, lat1 - lat0
        self.s = min(rect.w / w, rect.h / h)
        self.k = k
        self.x0 = rect.x + (rect.w - w * self.s) / 2
        self.y0 = rect.y + (rect.h - h * self.s) / 2
        self.lon0, self.lat1 = lon0, lat1

    def __call__(self, lon: float, lat: float) -> tuple[int, int]:
        return (round(self.x0 + (lon - self.lon0) * self.k * self.s), round(self.y0 + (self.lat1 - lat) * self.s))

    def poly(self, points):
        return [self(*p) for p in points]


def _label(surface, ctx, font, text, centre, box: pygame.Rect, colour=th.TEXT, plate=True):
    """A label centred at `centre`, moved inside `box` if needed, on a light plate for contrast."""
    image = ctx.cache.render(font, text, colour)
    r = image.get_rect(center=centre)
    r.clamp_ip(box.inflate(-4, -4))
    if plate:
        back = pygame.Surface(r.inflate(6, 2).size, pygame.SRCALPHA)
        back.fill((255, 255, 255, 170))
        surface.blit(back, r.inflate(6, 2).topleft)
    surface.blit(image, r.topleft)
    return r, text


def _hatch(surface, polygon, colour, spacing: int, width: int = 2):
    """Diagonal lines inside `polygon` (sanctions: the denser, the more sanctions)."""
    if len(polygon) < 3 or spacing <= 0:
        return
    bounds = pygame.Rect(polygon[0], (0, 0)).unionall([pygame.Rect(p, (1, 1)) for p in polygon])
    mask = pygame.Surface(bounds.size, pygame.SRCALPHA)
    lines = pygame.Surface(bounds.size, pygame.SRCALPHA)
    pygame.draw.polygon(mask, (255, 255, 255, 255), [(x - bounds.x, y - bounds.y) for x, y in polygon])
    for x in range(-bounds.h, bounds.w, spacing):
        pygame.draw.line(lines, colour, (x, bounds.h), (x + bounds.h, 0), width)
    lines.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(lines, bounds.topleft)


def _unit(surface, centre, size: int, fill, kind: str):
    """A unit symbol: a box with a cross (Russian troops) or a box with a dot (NATO)."""
    r = pygame.Rect(0, 0, size + size // 2, size)
    r.center = centre
    pygame.draw.rect(surface, fill, r)
    pygame.draw.rect(surface, th.TEXT, r, 1)
    if kind == "cross":
        pygame.draw.line(surface, th.TEXT, r.topleft, r.bottomright, 1)
        pygame.draw.line(surface, th.TEXT, r.bottomleft, r.topright, 1)
    else:
        pygame.draw.circle(surface, th.WHITE, r.center, max(2, size // 4))


def _spread(spots, n: int):
    """n positions spread over the spots, round-robin, each repeat nudged aside."""
    out = []
    for i in range(n):
        lon, lat = spots[i % len(spots)]
        ring = i // len(spots)
        out.append((lon + 0.55 * ring * (1 if ring % 2 else -1), lat - 0.35 * ring))
    return out


class MapPainter:
    """Paints the map of a state into a cached surface; `labels` keeps the texts drawn (for the
    layout check even when the picture comes from the cache)."""

    def __init__(self):
        self._key = None
        self._surface: pygame.Surface | None = None
        self.labels: list = []

    def paint(self, surface, ctx, rect: pygame.Rect, values: dict, names: dict, owner=None) -> None:
        key = (rect.size, tuple(sorted(values.items())), id(ctx.theme))
        if key != self._key or self._surface is None:
            self._surface = pygame.Surface(rect.size)
            self.labels = []
            self._draw(self._surface, ctx, pygame.Rect(0, 0, *rect.size), values, names)
            self._key = key
        surface.blit(self._surface, rect.topleft)
        if ctx.records is not None:
            for r, text in self.labels:
                ctx.records.append((owner or _Box(rect), r.move(rect.topleft), text))

    def _draw(self, s, ctx, box, values, names):
        if values.get("region") == "cuba":
            from game.ui.mapcuba import draw_cuba

            draw_cuba(self, s, ctx, box, values)
            return
        font, bold = ctx.theme.small, ctx.theme.small_bold
        legend_h = font.get_linesize() * 3 + 8
        area = pygame.Rect(box.x, box.y, box.w, box.h - legend_h)
        s.fill(th.MAP_LAND)
        s.set_clip(area)
        p = Projection(area)
        for poly, colour in ((BLACK_SEA, th.MAP_SEA), (BALTIC_SEA, th.MAP_SEA), (RUSSIA, th.MAP_RUSSIA),
                             (KALININGRAD, th.MAP_RUSSIA), (BELARUS, (232, 222, 214)), (POLAND, th.MAP_NATO),
                             (BALTICS, th.MAP_NATO), (ROMANIA, th.MAP_NATO), (MOLDOVA, th.MAP_LAND),
                             (UKRAINE, th.MAP_UKRAINE), (CRIMEA, (236, 226, 190))):
            pts = p.poly(poly)
            pygame.draw.polygon(s, colour, pts)
            pygame.draw.polygon(s, th.BORDER, pts, 1)
        sanctions = values.get("sanctions")
        if sanctions is not None and sanctions > 0:
            spacing = max(5, int(40 - sanctions * 0.33))
            _hatch(s, p.poly(RUSSIA), (*th.PURPLE, 255), spacing)
            _hatch(s, p.poly(KALININGRAD), (*th.PURPLE, 255), spacing)
        fighting = values.get("fighting") or 0
        if fighting > 0:
            cx, cy = p(*DONBAS)
            radius = int(p.s * (0.6 + fighting / 25))
            zone = pygame.Surface((radius * 2, radius * 2), pygame.SRCALPHA)
            pygame.draw.circle(zone, (*th.VERMILLION, 110), (radius, radius), radius)
            s.blit(zone, (cx - radius, cy - radius))
            for i in range(min(8, 1 + int(fighting // 10))):
                a = i * 2.4
                fx, fy = cx + int(math.cos(a) * radius * 0.6), cy + int(math.sin(a) * radius * 0.6)
                pygame.draw.line(s, th.TEXT, (fx - 5, fy - 5), (fx + 5, fy + 5), 2)
                pygame.draw.line(s, th.TEXT, (fx - 5, fy + 5), (fx + 5, fy - 5), 2)
        size = max(8, int(p.s * 0.45))
        troops = values.get("troops")
        if troops is not None:
            for lon, lat in _spread(RUSSIAN_SPOTS, int(round(troops / TROOPS_PER_ICON))):
                _unit(s, p(lon, lat), size, th.VERMILLION, "cross")
        nato = values.get("nato")
        if nato is not None:
            for lon, lat in _spread(NATO_SPOTS, int(math.ceil(nato / NATO_PER_ICON))):
                _unit(s, p(lon, lat), size, th.BLUE, "dot")
        pygame.draw.circle(s, th.TEXT, p(*KYIV), 4)
        for text, where, f in ((t("map.russia"), (37.5, 54.5), bold), (t("map.ukraine"), (31.0, 49.2), bold),
                               (t("map.belarus"), (28.0, 53.7), font), (t("map.poland"), (20.8, 51.6), font),
                               (t("map.baltics"), (24.5, 57.6), font), (t("map.romania"), (24.6, 45.2), font),
                               (t("map.crimea"), (34.0, 44.9), font), (t("map.kyiv"), (KYIV[0] + 0.2, KYIV[1] - 0.55), font),
                               (t("map.black_sea"), (32.0, 44.1), font)):
            self.labels.append(_label(s, ctx, f, text, p(*where), area))
        if fighting > 0:
            self.labels.append(_label(s, ctx, bold, t("map.fighting", value=num(fighting)),
                                      p(DONBAS[0] - 0.5, DONBAS[1] - 1.3), area))
        s.set_clip(None)
        self._legend(s, ctx, pygame.Rect(box.x, area.bottom, box.w, legend_h), values, names, size)

    def _legend(self, s, ctx, r, values, names, size):
        font = ctx.theme.small
        pygame.draw.rect(s, th.PANEL, r)
        pygame.draw.line(s, th.BORDER, r.topleft, r.topright)
        line = font.get_linesize()
        entries = []
        if values.get("troops") is not None:
            entries.append(("cross", th.VERMILLION, t("map.legend_troops", n=TROOPS_PER_ICON,
                                                       value=num(values["troops"]))))
        if values.get("nato") is not None:
            entries.append(("dot", th.BLUE, t("map.legend_nato", n=NATO_PER_ICON, value=num(values["nato"]))))
        if values.get("sanctions") is not None:
            entries.append(("hatch", th.PURPLE, t("map.legend_sanctions", value=num(values["sanctions"]))))
        col_w = r.w - 8
        for i, (kind, colour, text) in enumerate(entries):
            x = r.x + 4
            y = r.y + 4 + i * line
            icon = pygame.Rect(x, y + 2, size + size // 2, line - 4)
            if kind == "hatch":
                pygame.draw.rect(s, th.MAP_RUSSIA, icon)
                _hatch(s, [icon.topleft, icon.topright, icon.bottomright, icon.bottomleft], (*colour, 255), 5)
                pygame.draw.rect(s, th.TEXT, icon, 1)
            else:
                _unit(s, icon.center, min(size, line - 4), colour, kind)
            from game.ui.text import ellipsize
            label = ellipsize(font, text, col_w - icon.w - 12)
            image = ctx.cache.render(font, label, th.TEXT)
            rect = s.blit(image, (icon.right + 4, y))
            self.labels.append((rect, label))


class _Box:
    """Stands in for the map's widget in layout records."""

    def __init__(self, rect):
        self.rect = pygame.Rect(rect)
        self.key = "map"
        self.clip = None

    def visible_rect(self):
        return self.rect


def map_values(sc, variables: dict) -> tuple[dict, dict] | None:
    """The map's inputs from what the viewer sees (`values["region"]` says which map), or None if this
    scenario has no map."""
    if "troops_at_border" in sc.names:
        wanted = {"troops": "troops_at_border", "nato": "nato_forces_east", "sanctions": "sanctions_level",
                  "fighting": "fighting"}
        region = "ukraine"
    elif "missiles_in_cuba" in sc.names:
        wanted = {"missiles": "missiles_in_cuba", "ready": "missiles_ready", "quarantine": "quarantine",
                  "invasion": "invasion_readiness", "combat": "combat"}
        region = "cuba"
    else:
        return None
    values = {k: variables.get(v) for k, v in wanted.items()}
    values["region"] = region
    return values, wanted
