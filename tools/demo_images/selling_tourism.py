"""Draw the text-free demo illustrations for the online-selling and
community-tourism demo courses.

Run from the project root:

    .venv/bin/python tools/demo_images/selling_tourism.py
"""

from drawing import OUT, Canvas, H, W

# Warm, high-contrast flat palette
CREAM = (253, 243, 224)
SAND = (246, 222, 180)
PEACH = (248, 196, 150)
ORANGE = (238, 133, 62)
DEEP_ORANGE = (214, 96, 45)
RED = (200, 70, 60)
YELLOW = (252, 200, 70)
GOLD = (232, 170, 40)
GREEN = (96, 166, 98)
DARK_GREEN = (58, 120, 78)
LEAF = (150, 196, 110)
TEAL = (52, 140, 150)
SKY = (150, 205, 225)
BLUE = (60, 110, 170)
NAVY = (40, 55, 90)
BROWN = (150, 96, 60)
DARK_BROWN = (105, 66, 45)
KRAFT = (206, 160, 110)
WHITE = (255, 255, 255)
GREY = (200, 200, 205)
CHARCOAL = (55, 55, 65)


# ---------------------------------------------------------------- helpers


def sun(c, cx, cy, r, rays=True):
    if rays:
        import math

        for i in range(12):
            a = i * math.pi / 6
            x1, y1 = cx + math.cos(a) * (r + 18), cy + math.sin(a) * (r + 18)
            x2, y2 = cx + math.cos(a) * (r + 48), cy + math.sin(a) * (r + 48)
            c.line([(x1, y1), (x2, y2)], YELLOW, 10)
    c.circle(cx, cy, r, YELLOW)
    c.circle(cx - r * 0.25, cy - r * 0.25, r * 0.45, (253, 216, 110))


def cloud(c, x, y, scale=1.0, colour=WHITE):
    s = scale
    c.ellipse((x, y + 20 * s, x + 120 * s, y + 70 * s), colour)
    c.ellipse((x + 25 * s, y, x + 85 * s, y + 60 * s), colour)
    c.ellipse((x + 60 * s, y + 10 * s, x + 115 * s, y + 60 * s), colour)


def phone(c, x, y, w, h, screen=SKY, body=NAVY):
    c.rect((x, y, x + w, y + h), body, radius=int(w * 0.14))
    m = w * 0.07
    c.rect((x + m, y + m * 2.2, x + w - m, y + h - m * 2.2), screen, radius=int(w * 0.05))
    c.rect((x + w * 0.38, y + m * 0.9, x + w * 0.62, y + m * 1.4), CHARCOAL, radius=4)
    return (x + m, y + m * 2.2, x + w - m, y + h - m * 2.2)


def jar(c, x, y, w, h, body=RED, lid=GOLD, label=CREAM):
    c.rect((x, y + h * 0.18, x + w, y + h), body, radius=int(w * 0.18))
    c.rect((x + w * 0.08, y, x + w * 0.92, y + h * 0.22), lid, radius=int(w * 0.08))
    c.rect((x + w * 0.12, y + h * 0.42, x + w * 0.88, y + h * 0.78), label, radius=int(w * 0.06))
    c.circle(x + w * 0.5, y + h * 0.6, w * 0.12, LEAF)


def box(c, x, y, w, h, colour=KRAFT):
    """A cardboard parcel seen slightly from above."""
    top = h * 0.28
    c.poly([(x, y + top), (x + w * 0.2, y), (x + w * 1.2, y), (x + w, y + top)], (226, 185, 135))
    c.poly([(x + w, y + top), (x + w * 1.2, y), (x + w * 1.2, y + h - top), (x + w, y + h)], (180, 135, 90))
    c.rect((x, y + top, x + w, y + h), colour)
    # tape
    c.poly([(x + w * 0.42, y + top), (x + w * 0.62, y), (x + w * 0.78, y), (x + w * 0.58, y + top)], (240, 225, 195))
    c.rect((x + w * 0.42, y + top, x + w * 0.58, y + h), (240, 225, 195))
    # address label (blank lines only)
    c.rect((x + w * 0.06, y + top + h * 0.12, x + w * 0.36, y + top + h * 0.42), WHITE, radius=6)
    for i in range(3):
        yy = y + top + h * (0.18 + i * 0.07)
        c.rect((x + w * 0.09, yy, x + w * (0.33 - 0.05 * i), yy + 6), GREY, radius=3)


def coin(c, cx, cy, r):
    c.circle(cx, cy, r, GOLD)
    c.circle(cx, cy, r * 0.74, YELLOW)
    c.circle(cx - r * 0.2, cy - r * 0.2, r * 0.22, (255, 230, 150))


def coin_stack(c, x, y, n, r=46):
    for i in range(n):
        yy = y - i * 20
        c.ellipse((x - r, yy - r * 0.35, x + r, yy + r * 0.35), GOLD)
        c.ellipse((x - r, yy - r * 0.35 - 10, x + r, yy + r * 0.35 - 10), YELLOW)


def map_pin(c, cx, cy, r, colour=RED):
    """Pin whose tip is at (cx, cy + 1.9r)."""
    c.poly([(cx - r * 0.86, cy + r * 0.5), (cx + r * 0.86, cy + r * 0.5), (cx, cy + r * 1.9)], colour)
    c.circle(cx, cy, r, colour)
    c.circle(cx, cy, r * 0.42, WHITE)


def stilt_house(c, x, y, w, wall=BROWN, roof=DEEP_ORANGE):
    """Thai-style wooden house on stilts; (x, y) is the top-left of the wall."""
    h = w * 0.55
    c.poly([(x - w * 0.12, y + 4), (x + w * 0.5, y - w * 0.42), (x + w * 1.12, y + 4)], roof)
    c.poly([(x + w * 0.1, y - w * 0.02), (x + w * 0.5, y - w * 0.33), (x + w * 0.9, y - w * 0.02)], (236, 120, 70))
    c.rect((x, y, x + w, y + h), wall)
    c.rect((x + w * 0.15, y + h * 0.25, x + w * 0.38, y + h * 0.7), SAND)
    c.rect((x + w * 0.62, y + h * 0.25, x + w * 0.85, y + h * 0.7), SAND)
    for px in (0.05, 0.5, 0.92):
        c.rect((x + w * px - 6, y + h, x + w * px + 6, y + h + w * 0.3), DARK_BROWN)
    # ladder
    c.line([(x + w * 0.42, y + h), (x + w * 0.36, y + h + w * 0.3)], DARK_BROWN, 6)
    c.line([(x + w * 0.58, y + h), (x + w * 0.52, y + h + w * 0.3)], DARK_BROWN, 6)
    for i in range(1, 4):
        t = i / 4
        yy = y + h + w * 0.3 * t
        c.line([(x + w * 0.42 - w * 0.06 * t, yy), (x + w * 0.58 - w * 0.06 * t, yy)], DARK_BROWN, 5)


def palm(c, x, y, h):
    c.line([(x, y), (x + 10, y - h)], DARK_BROWN, 14)
    tx, ty = x + 10, y - h
    for dx, dy in ((-90, 20), (90, 20), (-70, -30), (70, -30), (0, -55)):
        c.line([(tx, ty), (tx + dx * 0.5, ty + dy * 0.5 - 18), (tx + dx, ty + dy)], DARK_GREEN, 18)


def tree(c, x, y, r, colour=GREEN):
    c.rect((x - 9, y, x + 9, y + r * 1.2), DARK_BROWN)
    c.circle(x, y - r * 0.2, r, colour)
    c.circle(x - r * 0.55, y + r * 0.15, r * 0.7, colour)
    c.circle(x + r * 0.55, y + r * 0.15, r * 0.7, colour)


def hills(c, base, colours):
    c.ellipse((-300, base - 260, 700, base + 400), colours[0])
    c.ellipse((450, base - 330, 1500, base + 400), colours[1])


# ---------------------------------------------------------------- pictures


def selling_cover():
    c = Canvas(CREAM)
    c.circle(600, 420, 330, SAND)
    sun(c, 1040, 150, 60)
    cloud(c, 120, 90, 1.1)
    cloud(c, 760, 60, 0.8)
    # phone with a little shop on the screen
    sx1, sy1, sx2, sy2 = phone(c, 470, 150, 260, 500, screen=WHITE)
    # shop awning
    stripes = 5
    sw = (sx2 - sx1) / stripes
    for i in range(stripes):
        c.rect((sx1 + i * sw, sy1 + 40, sx1 + (i + 1) * sw, sy1 + 110), RED if i % 2 == 0 else WHITE)
        c.pieslice((sx1 + i * sw, sy1 + 80, sx1 + (i + 1) * sw, sy1 + 140), 0, 180, RED if i % 2 == 0 else CREAM)
    c.rect((sx1 + 20, sy1 + 150, sx2 - 20, sy2 - 70), SAND, radius=10)
    jar(c, sx1 + 35, sy1 + 190, 60, 85)
    jar(c, sx1 + 120, sy1 + 190, 60, 85, body=DARK_GREEN)
    c.rect((sx1 + 30, sy2 - 50, sx2 - 30, sy2 - 15), ORANGE, radius=18)  # a "buy" button
    # parcel, coins and a shopping bag around the phone
    box(c, 150, 460, 220, 190)
    coin_stack(c, 860, 640, 5)
    coin(c, 960, 520, 44)
    # shopping bag
    c.rect((820, 300, 1000, 470), TEAL, radius=14)
    c.line([(860, 300), (870, 240), (950, 240), (960, 300)], NAVY, 10)
    c.circle(910, 385, 26, CREAM)
    # heart (a happy customer)
    c.circle(300, 330, 34, RED)
    c.circle(352, 330, 34, RED)
    c.poly([(268, 345), (384, 345), (326, 410)], RED)
    c.rect((0, 700, W, H), PEACH)
    c.save("selling-cover.png")


def selling_lighting():
    c = Canvas((250, 236, 214))
    # wall and window with soft daylight
    c.rect((60, 70, 440, 560), WHITE, radius=10)
    c.rect((80, 90, 420, 540), SKY)
    sun(c, 320, 200, 55, rays=False)
    cloud(c, 110, 330, 0.9)
    c.rect((240, 90, 260, 540), WHITE)
    c.rect((80, 305, 420, 325), WHITE)
    # thin curtain
    c.poly([(60, 60), (150, 60), (120, 580), (60, 580)], (255, 250, 240))
    # light beam falling onto the table
    c.poly([(420, 120), (420, 520), (900, 640), (760, 380)], (255, 240, 200))
    # table
    c.rect((0, 600, W, H), BROWN)
    c.rect((0, 590, W, 620), DARK_BROWN)
    # white card backdrop curving from table to wall
    c.rect((560, 300, 1000, 600), WHITE, radius=30)
    # product: jar of chilli paste and a small basket
    jar(c, 640, 400, 130, 190)
    c.ellipse((810, 520, 960, 600), KRAFT)
    c.rect((810, 470, 960, 560), KRAFT, radius=18)
    for i in range(4):
        c.line([(820 + i * 40, 480), (820 + i * 40, 560)], (180, 135, 90), 5)
    # soft shadow on the side away from the window
    c.ellipse((720, 580, 900, 610), (225, 215, 205))
    # phone held in front, taking the photo
    sx1, sy1, sx2, sy2 = phone(c, 980, 300, 170, 330, screen=(255, 244, 222))
    jar(c, sx1 + 40, sy1 + 80, 70, 100)
    c.rect((sx1 + 12, sy1 + 12, sx2 - 12, sy2 - 12), None, outline=WHITE, width=3)
    c.circle((sx1 + sx2) / 2, sy2 + 22, 14, WHITE)
    c.save("selling-lighting.png")


def selling_price():
    c = Canvas(CREAM)
    c.circle(300, 380, 250, SAND)
    c.circle(880, 430, 280, (250, 228, 196))
    # jar with a price tag (no text)
    jar(c, 200, 260, 200, 290)
    c.line([(390, 300), (470, 250)], CHARCOAL, 5)
    c.poly([(460, 230), (560, 180), (620, 270), (520, 320)], ORANGE)
    c.circle(484, 248, 10, CREAM)
    # coins and banknotes
    coin_stack(c, 780, 620, 7, r=60)
    coin_stack(c, 930, 620, 4, r=60)
    coin(c, 1060, 520, 50)
    for i, col in enumerate(((120, 170, 120), (110, 150, 200))):
        x, y = 700 + i * 40, 250 + i * 40
        c.rect((x, y, x + 300, y + 150), col, radius=14)
        c.circle(x + 150, y + 75, 40, (255, 255, 255))
        c.circle(x + 150, y + 75, 26, col)
    # simple calculator
    c.rect((470, 420, 640, 680), NAVY, radius=22)
    c.rect((490, 440, 620, 500), LEAF, radius=8)
    for r in range(3):
        for k in range(3):
            c.rect(
                (492 + k * 44, 520 + r * 50, 528 + k * 44, 556 + r * 50),
                ORANGE if (r, k) == (2, 2) else CREAM,
                radius=8,
            )
    c.rect((0, 720, W, H), PEACH)
    c.save("selling-price.png")


def selling_parcel():
    c = Canvas((232, 244, 240))
    sun(c, 1060, 130, 55)
    cloud(c, 90, 80, 1.0)
    cloud(c, 620, 60, 0.7)
    # road
    c.rect((0, 560, W, H), (120, 120, 130))
    for i in range(6):
        c.rect((40 + i * 210, 670, 160 + i * 210, 686), WHITE, radius=6)
    c.rect((0, 540, W, 565), (170, 200, 150))
    # delivery truck
    c.rect((520, 330, 900, 600), ORANGE, radius=20)
    c.rect((900, 410, 1080, 600), DEEP_ORANGE, radius=20)
    c.rect((930, 430, 1050, 500), SKY, radius=10)
    c.rect((560, 380, 860, 400), CREAM, radius=8)
    for wx in (620, 980):
        c.circle(wx, 610, 52, CHARCOAL)
        c.circle(wx, 610, 22, GREY)
    # parcel with a map pin on it (tracking)
    box(c, 110, 330, 270, 240)
    map_pin(c, 420, 190, 55)
    # dotted route from parcel to truck
    for i in range(8):
        c.circle(455 + i * 22, 330 - (i % 2) * 6, 6, TEAL)
    # phone showing a progress track (dots and a line)
    sx1, sy1, sx2, sy2 = phone(c, 960, 150, 130, 240, screen=WHITE, body=TEAL)
    cx = (sx1 + sx2) / 2
    c.line([(cx, sy1 + 20), (cx, sy2 - 20)], GREY, 6)
    for i, col in enumerate((GREEN, GREEN, ORANGE, GREY)):
        c.circle(cx, sy1 + 25 + i * ((sy2 - sy1 - 50) / 3), 12, col)
    c.save("selling-parcel.png")


def tourism_cover():
    c = Canvas((255, 226, 180))
    # evening sky bands
    c.rect((0, 0, W, 160), (253, 205, 150))
    c.rect((0, 160, W, 300), (255, 218, 168))
    sun(c, 880, 260, 90, rays=False)
    # mountains
    c.poly([(-50, 520), (260, 200), (560, 520)], (190, 120, 120))
    c.poly([(300, 520), (620, 230), (980, 520)], (170, 100, 110))
    c.poly([(700, 520), (1020, 260), (1300, 520)], (190, 120, 120))
    # rice fields
    c.rect((0, 500, W, H), LEAF)
    for i in range(5):
        c.rect((0, 540 + i * 55, W, 556 + i * 55), (130, 180, 95))
    c.rect((0, 640, W, 670), (120, 170, 200))  # a stream
    # houses, trees and palms
    stilt_house(c, 150, 360, 230)
    stilt_house(c, 480, 400, 180, wall=(170, 110, 70), roof=RED)
    tree(c, 780, 420, 70)
    palm(c, 900, 560, 230)
    palm(c, 1060, 580, 190)
    tree(c, 60, 470, 50, colour=DARK_GREEN)
    # map pin over the village
    map_pin(c, 1040, 150, 60)
    # birds
    for bx, by in ((330, 120), (390, 90), (450, 130)):
        c.line([(bx - 22, by - 8), (bx, by + 6), (bx + 22, by - 8)], DARK_BROWN, 5)
    c.save("tourism-cover.png")


def tourism_photo():
    c = Canvas((220, 236, 245))
    # golden-hour scene behind
    c.rect((0, 0, W, 420), (255, 214, 160))
    sun(c, 250, 330, 80, rays=False)
    c.poly([(-50, 470), (320, 250), (700, 470)], (200, 140, 120))
    c.poly([(500, 470), (860, 220), (1250, 470)], (180, 120, 115))
    c.rect((0, 450, W, H), (150, 196, 110))
    # a weaver at a loom (simple shapes)
    c.rect((120, 520, 470, 560), DARK_BROWN)
    c.rect((130, 560, 150, 720), DARK_BROWN)
    c.rect((440, 560, 460, 720), DARK_BROWN)
    for i, col in enumerate((RED, ORANGE, GOLD, TEAL, RED, ORANGE)):
        c.rect((170 + i * 45, 420, 200 + i * 45, 560), col)
    c.circle(560, 470, 42, (190, 130, 90))  # head
    c.pieslice((510, 420, 610, 480), 180, 360, CHARCOAL)  # hair
    c.rect((515, 515, 610, 660), TEAL, radius=30)  # body
    c.rect((480, 560, 540, 585), (190, 130, 90), radius=12)  # arm
    # big phone framing the scene
    sx1, sy1, sx2, sy2 = phone(c, 700, 110, 330, 600, screen=(255, 226, 186))
    c.rect((sx1, sy1, sx2, sy1 + (sy2 - sy1) * 0.45), (255, 214, 160))
    c.poly([(sx1, sy1 + 250), (sx1 + 120, sy1 + 160), (sx1 + 240, sy1 + 250)], (200, 140, 120))
    c.rect((sx1, sy1 + 240, sx2, sy2), (150, 196, 110))
    c.rect((sx1 + 30, sy1 + 320, sx2 - 30, sy1 + 340), DARK_BROWN)
    for i, col in enumerate((RED, ORANGE, GOLD, TEAL)):
        c.rect((sx1 + 50 + i * 50, sy1 + 260, sx1 + 80 + i * 50, sy1 + 330), col)
    # grid lines (rule of thirds)
    for t in (1 / 3, 2 / 3):
        x = sx1 + (sx2 - sx1) * t
        y = sy1 + (sy2 - sy1) * t
        c.line([(x, sy1), (x, sy2)], WHITE, 2)
        c.line([(sx1, y), (sx2, y)], WHITE, 2)
    c.circle((sx1 + sx2) / 2, sy2 - 50, 28, WHITE)
    c.circle((sx1 + sx2) / 2, sy2 - 50, 20, RED)
    c.save("tourism-photo.png")


def tourism_map_pin():
    c = Canvas(CREAM)
    # folded paper map
    c.poly([(120, 140), (440, 110), (440, 650), (120, 680)], (236, 240, 220))
    c.poly([(440, 110), (760, 140), (760, 680), (440, 650)], (222, 232, 208))
    c.poly([(760, 140), (1080, 110), (1080, 650), (760, 680)], (236, 240, 220))
    # river, roads, fields
    c.line([(140, 300), (320, 350), (520, 300), (700, 380), (900, 330), (1060, 420)], (120, 180, 215), 30)
    c.line([(300, 660), (380, 480), (620, 420), (820, 250), (1000, 200)], WHITE, 24)
    c.line([(300, 660), (380, 480), (620, 420), (820, 250), (1000, 200)], (240, 200, 120), 10)
    for fx, fy in ((180, 440), (520, 520), (860, 520)):
        c.rect((fx, fy, fx + 120, fy + 80), LEAF, radius=10)
    tree(c, 260, 200, 34)
    tree(c, 980, 560, 34)
    stilt_house(c, 560, 320, 110)
    # big pin over the village
    map_pin(c, 615, 130, 70)
    # phone with a small map and a call/clock symbol
    sx1, sy1, sx2, sy2 = phone(c, 930, 380, 190, 360, screen=WHITE, body=TEAL)
    c.rect((sx1 + 10, sy1 + 10, sx2 - 10, sy1 + 140), (222, 232, 208), radius=8)
    c.line([(sx1 + 10, sy1 + 110), (sx2 - 10, sy1 + 40)], (240, 200, 120), 8)
    map_pin(c, (sx1 + sx2) / 2, sy1 + 55, 22)
    c.circle(sx1 + 45, sy1 + 190, 24, GREEN)  # phone call dot
    c.circle(sx1 + 45, sy1 + 250, 24, ORANGE, outline=None)  # clock
    c.line([(sx1 + 45, sy1 + 250), (sx1 + 45, sy1 + 236)], WHITE, 4)
    c.line([(sx1 + 45, sy1 + 250), (sx1 + 56, sy1 + 256)], WHITE, 4)
    for i in range(2):
        c.rect((sx1 + 80, sy1 + 182 + i * 60, sx2 - 20, sy1 + 198 + i * 60), GREY, radius=6)
    c.save("tourism-map-pin.png")


def tourism_temple():
    c = Canvas((255, 236, 205))
    sun(c, 1030, 140, 60)
    cloud(c, 80, 90, 1.0)
    c.rect((0, 600, W, H), (220, 200, 170))
    # Thai temple hall (simple tiers)
    c.rect((160, 380, 560, 600), WHITE)
    c.poly([(120, 390), (360, 200), (600, 390)], DEEP_ORANGE)
    c.poly([(190, 300), (360, 150), (530, 300)], ORANGE)
    c.poly([(350, 160), (360, 90), (370, 160)], GOLD)
    c.rect((310, 470, 410, 600), GOLD, radius=8)
    c.rect((200, 440, 260, 520), SAND)
    c.rect((460, 440, 520, 520), SAND)
    # mosque (dome and minaret)
    c.rect((680, 420, 980, 600), WHITE)
    c.pieslice((720, 280, 940, 500), 180, 360, TEAL)
    c.rect((720, 388, 940, 420), WHITE)
    c.circle(830, 270, 10, GOLD)
    c.rect((1010, 280, 1060, 600), WHITE)
    c.poly([(1000, 290), (1035, 220), (1070, 290)], TEAL)
    c.pieslice((780, 490, 880, 600), 180, 360, DARK_GREEN)
    c.rect((780, 540, 880, 600), DARK_GREEN)
    # pairs of shoes left neatly outside
    for sx in (300, 420, 760, 860):
        c.ellipse((sx, 625, sx + 34, 645), CHARCOAL)
        c.ellipse((sx + 40, 625, sx + 74, 645), CHARCOAL)
    tree(c, 620, 520, 45)
    tree(c, 80, 520, 50, colour=DARK_GREEN)
    c.save("tourism-temple.png")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    selling_cover()
    selling_lighting()
    selling_price()
    selling_parcel()
    tourism_cover()
    tourism_photo()
    tourism_map_pin()
    tourism_temple()
