#!/usr/bin/env python3
"""Draws the app's icons (icons/*.png): a white speech bubble on Lytt's blue, with no image
library, so the icons can be remade anywhere. Run from the repository root."""
import struct
import zlib

BLUE = (0x17, 0x4A, 0x84)
WHITE = (0xFF, 0xFF, 0xFF)


def inside_bubble(x, y, size, scale):
    """The bubble: an ellipse and a small tail at its lower left, within `scale` of the icon."""
    cx, cy = size / 2, size * 0.46
    rx, ry = size * 0.34 * scale, size * 0.26 * scale
    if ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1:
        return True
    # The tail: a triangle below the ellipse.
    ax, ay = cx - rx * 0.55, cy + ry * 0.6
    bx, by = cx - rx * 0.05, cy + ry * 0.85
    tx, ty = cx - rx * 0.75, cy + ry * 1.45
    def side(px, py, qx, qy, rx_, ry_):
        return (qx - px) * (ry_ - py) - (qy - py) * (rx_ - px)
    d1, d2, d3 = side(ax, ay, bx, by, x, y), side(bx, by, tx, ty, x, y), side(tx, ty, ax, ay, x, y)
    return (d1 >= 0 and d2 >= 0 and d3 >= 0) or (d1 <= 0 and d2 <= 0 and d3 <= 0)


def png(size, scale):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # 4x4 supersampling for smooth edges.
            hits = sum(inside_bubble(x + (i + 0.5) / 4, y + (j + 0.5) / 4, size, scale) for i in range(4) for j in range(4))
            a = hits / 16
            row += bytes(round(BLUE[c] * (1 - a) + WHITE[c] * a) for c in range(3))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


for name, size, scale in [("favicon-32.png", 32, 1.0), ("icon-192.png", 192, 1.0), ("icon-512.png", 512, 1.0), ("maskable-512.png", 512, 0.75)]:
    with open(f"icons/{name}", "wb") as f:
        f.write(png(size, scale))
