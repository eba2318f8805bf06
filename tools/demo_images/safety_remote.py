"""Draw the text-free flat illustrations used by the demo courses
"safe-internet" (safety-*.png) and "remote-work" (remote-*.png).

Run:  .venv/bin/python tools/demo_images/safety_remote.py
"""

import math
from functools import partial

from drawing import OUT, Canvas, H, W

# Calm palette
CREAM = (250, 246, 238)
SKY = (226, 239, 245)
MINT = (222, 241, 232)
PEACH = (252, 234, 222)
NAVY = (38, 62, 92)
SLATE = (92, 112, 134)
TEAL = (38, 150, 140)
TEAL_L = (150, 210, 200)
CORAL = (236, 116, 96)
CORAL_L = (248, 190, 176)
MUSTARD = (242, 184, 70)
MUSTARD_L = (250, 222, 160)
GREEN = (96, 170, 100)
GREEN_L = (176, 220, 170)
WHITE = (255, 255, 255)
GREY_L = (214, 221, 228)
GREY = (170, 180, 192)
WOOD = (196, 146, 102)
WOOD_D = (156, 108, 72)

# Fewer colours for these calmer pictures; box corners in whole pixels, as they were first drawn.
canvas = partial(Canvas, colors=48, whole_pixels=True)


def check(c, cx, cy, size, fill, width):
    c.line(
        [(cx - size * 0.5, cy), (cx - size * 0.15, cy + size * 0.35), (cx + size * 0.55, cy - size * 0.4)],
        fill,
        width,
        round_caps=True,
    )


def soft_blobs(c, blobs):
    for cx, cy, r, col in blobs:
        c.circle(cx, cy, r, col)


def ground(c, y, col):
    c.rect((60, y, W - 60, y + 18), col, 9)


def phone(c, x, y, w, h, body=NAVY, screen=WHITE):
    c.rect((x, y, x + w, y + h), body, 34)
    c.rect((x + 14, y + 40, x + w - 14, y + h - 40), screen, 14)
    c.rect((x + w / 2 - 30, y + 16, x + w / 2 + 30, y + 24), SLATE, 4)
    c.circle(x + w / 2, y + h - 20, 9, SLATE)


def padlock(c, cx, cy, w, body=MUSTARD, shackle=SLATE):
    h = w * 0.8
    sw = w * 0.62
    # shackle
    c.ellipse((cx - sw / 2, cy - h / 2 - sw * 0.75, cx + sw / 2, cy - h / 2 + sw * 0.55), None, shackle, int(w * 0.11))
    c.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), body, int(w * 0.12))
    c.circle(cx, cy - h * 0.08, w * 0.09, NAVY)
    c.poly(
        [
            (cx - w * 0.05, cy - h * 0.05),
            (cx + w * 0.05, cy - h * 0.05),
            (cx + w * 0.07, cy + h * 0.24),
            (cx - w * 0.07, cy + h * 0.24),
        ],
        NAVY,
    )


def shield(c, cx, cy, w, fill=TEAL, inner=None):
    h = w * 1.15
    pts = [
        (cx, cy - h / 2),
        (cx + w / 2, cy - h / 2 + h * 0.16),
        (cx + w / 2, cy + h * 0.02),
        (cx + w * 0.36, cy + h * 0.24),
        (cx, cy + h / 2),
        (cx - w * 0.36, cy + h * 0.24),
        (cx - w / 2, cy + h * 0.02),
        (cx - w / 2, cy - h / 2 + h * 0.16),
    ]
    c.poly(pts, fill)
    if inner:
        k = 0.78
        c.poly([(cx + (px - cx) * k, cy + (py - cy) * k) for px, py in pts], inner)


def laptop(c, x, y, w, body=SLATE, screen=WHITE):
    h = w * 0.62
    c.rect((x, y, x + w, y + h), body, 18)
    c.rect((x + 16, y + 16, x + w - 16, y + h - 16), screen, 8)
    c.poly(
        [(x - w * 0.08, y + h + 4), (x + w * 1.08, y + h + 4), (x + w * 1.02, y + h + 30), (x - w * 0.02, y + h + 30)],
        NAVY,
    )
    return (x + 16, y + 16, x + w - 16, y + h - 16)


def dots(c, x, y, n, r, gap, col):
    for i in range(n):
        c.circle(x + i * gap, y, r, col)


def warning_triangle(c, cx, cy, size, fill=CORAL):
    h = size * 0.88
    c.poly([(cx, cy - h / 2), (cx + size / 2, cy + h / 2), (cx - size / 2, cy + h / 2)], fill)
    c.rect((cx - size * 0.045, cy - h * 0.18, cx + size * 0.045, cy + h * 0.2), WHITE, int(size * 0.04))
    c.circle(cx, cy + h * 0.33, size * 0.05, WHITE)


def plant(c, x, y, scale=1.0):
    c.rect((x - 40 * scale, y - 60 * scale, x + 40 * scale, y), CORAL, int(10 * scale))
    for ox, oy, rx, ry in ((-34, -120, 26, 50), (30, -125, 26, 52), (0, -150, 24, 60)):
        c.ellipse((x + (ox - rx) * scale, y + (oy - ry) * scale, x + (ox + rx) * scale, y + (oy + ry) * scale), GREEN)
    c.line([(x, y - 60 * scale), (x, y - 130 * scale)], (70, 130, 76), int(6 * scale), round_caps=True)


# ---------------------------------------------------------------- safety --


def safety_cover():
    c = canvas(SKY)
    soft_blobs(c, [(230, 170, 150, MINT), (1000, 640, 220, MINT), (1040, 160, 90, WHITE), (160, 660, 70, WHITE)])
    ground(c, 700, GREY_L)
    phone(c, 420, 120, 330, 580)
    shield(c, 585, 390, 200, TEAL, TEAL_L)
    check(c, 585, 390, 110, WHITE, 20)
    # padlock on the right, key on the left
    padlock(c, 900, 520, 170)
    c.circle(270, 470, 62, CORAL)
    c.circle(270, 470, 26, SKY)
    c.rect((320, 458, 410, 482), CORAL, 10)
    c.rect((370, 480, 386, 510), CORAL, 5)
    c.rect((395, 480, 410, 500), CORAL, 5)
    dots(c, 850, 250, 3, 10, 40, SLATE)
    c.save("safety-cover.png")


def safety_passphrase():
    c = canvas(CREAM)
    soft_blobs(c, [(600, 360, 300, MUSTARD_L), (140, 140, 80, PEACH), (1080, 660, 110, PEACH)])
    padlock(c, 600, 340, 250, TEAL, SLATE)
    # four "word" blocks joined together = a passphrase
    cols = [CORAL, MUSTARD, GREEN, SLATE]
    x = 170
    for i, colour in enumerate(cols):
        c.rect((x, 580, x + 180, 660), colour, 40)
        dots(c, x + 45, 620, 4, 9, 30, WHITE)
        if i < 3:
            c.rect((x + 192, 612, x + 220, 628), NAVY, 8)
        x += 232
    check(c, 1105, 620, 60, GREEN, 14)
    c.save("safety-passphrase.png")


def safety_two_step():
    c = canvas(MINT)
    soft_blobs(c, [(300, 380, 250, WHITE), (950, 380, 220, WHITE)])
    ground(c, 660, GREY_L)
    scr = laptop(c, 120, 260, 440)
    x0, y0, x1, y1 = scr
    c.rect((x0 + 40, y0 + 60, x1 - 40, y0 + 120), GREY_L, 14)
    dots(c, x0 + 75, y0 + 90, 6, 10, 36, NAVY)
    c.rect((x0 + 120, y0 + 150, x1 - 120, y0 + 200), TEAL, 25)
    # dashed arc towards the phone
    for i in range(7):
        t = i / 6
        xx = 600 + t * 190
        yy = 240 - 80 * (1 - (2 * t - 1) ** 2)
        c.circle(xx, yy, 9, SLATE)
    phone(c, 820, 180, 250, 470)
    c.circle(945, 400, 82, TEAL)
    check(c, 945, 400, 90, WHITE, 18)
    dots(c, 885, 540, 3, 11, 60, GREY)
    c.save("safety-two-step.png")


def safety_scam_sms():
    c = canvas(PEACH)
    soft_blobs(c, [(560, 400, 320, CREAM), (120, 700, 120, CORAL_L), (1100, 120, 100, CREAM)])
    phone(c, 390, 90, 340, 620)
    # incoming message bubbles
    c.rect((430, 170, 640, 240), GREY_L, 24)
    c.poly([(430, 220), (412, 250), (460, 235)], GREY_L)
    c.rect((430, 270, 690, 420), CORAL_L, 24)
    c.poly([(430, 400), (412, 430), (460, 415)], CORAL_L)
    # chain-link symbol inside the suspicious bubble
    c.ellipse((470, 320, 570, 370), None, CORAL, 12)
    c.ellipse((545, 320, 645, 370), None, CORAL, 12)
    c.rect((455, 445, 690, 490), GREY_L, 22)
    # big warning sign and a "stop" hand-like shield on the side
    warning_triangle(c, 900, 330, 260)
    c.circle(240, 320, 95, WHITE)
    c.circle(240, 320, 95, None, CORAL, 14)
    c.line([(176, 384), (304, 256)], CORAL, 14, round_caps=True)
    c.save("safety-scam-sms.png")


def safety_shared_computer():
    c = canvas(SKY)
    soft_blobs(c, [(600, 330, 330, WHITE), (1060, 680, 120, MINT), (130, 150, 90, MINT)])
    ground(c, 690, WOOD)
    # desktop monitor
    c.rect((230, 120, 870, 540), NAVY, 22)
    c.rect((252, 142, 848, 518), WHITE, 10)
    c.rect((252, 142, 848, 190), GREY_L, 10)
    dots(c, 285, 166, 3, 9, 28, GREY)
    c.rect((520, 540, 580, 640), SLATE, 6)
    c.rect((430, 632, 670, 660), SLATE, 12)
    # page content lines
    for i, wdt in enumerate((380, 300, 340)):
        c.rect((300, 240 + i * 60, 300 + wdt, 264 + i * 60), GREY_L, 12)
    # sign-out: open door with an arrow leaving
    c.rect((700, 240, 800, 440), TEAL_L, 10)
    c.poly([(700, 240), (760, 262), (760, 462), (700, 440)], TEAL)
    c.circle(745, 360, 7, WHITE)
    c.line([(810, 340), (960, 340)], CORAL, 18, round_caps=True)
    c.poly([(950, 300), (1010, 340), (950, 380)], CORAL)
    # keyboard
    c.rect((300, 655, 800, 690), GREY, 10)
    c.save("safety-shared-computer.png")


# ---------------------------------------------------------------- remote --


def remote_cover():
    c = canvas(SKY)
    c.circle(1030, 150, 70, MUSTARD)
    soft_blobs(c, [(220, 130, 60, WHITE), (290, 150, 50, WHITE), (160, 150, 44, WHITE)])
    c.rect((0, 640, W, H), GREEN_L, 0)
    # trees
    for tx in (150, 1060):
        c.rect((tx - 14, 500, tx + 14, 650), WOOD_D, 6)
        c.circle(tx, 470, 80, GREEN)
    # house on stilts (Thai style)
    c.poly([(330, 300), (600, 130), (870, 300)], CORAL)
    c.rect((370, 290, 830, 560), WOOD, 6)
    for px in (390, 590, 790):
        c.rect((px, 560, px + 22, 660), WOOD_D, 4)
    # window showing a laptop
    c.rect((430, 340, 680, 520), CREAM, 10)
    laptop(c, 490, 380, 130, SLATE, SKY)
    # door
    c.rect((720, 360, 800, 560), WOOD_D, 8)
    c.circle(785, 460, 6, MUSTARD)
    # wifi arcs above the roof
    for r, wdt in ((40, 12), (75, 12), (110, 12)):
        c.arc((600 - r, 110 - r, 600 + r, 110 + r), 220, 320, TEAL, wdt)
    c.circle(600, 110, 10, TEAL)
    c.save("remote-cover.png")


def remote_workspace():
    c = canvas(CREAM)
    # window with daylight
    c.rect((760, 90, 1080, 400), WOOD, 14)
    c.rect((780, 110, 1060, 380), SKY, 8)
    c.rect((914, 110, 926, 380), WOOD, 0)
    c.circle(1000, 170, 34, MUSTARD_L)
    # desk
    c.rect((120, 520, 1080, 560), WOOD, 10)
    c.rect((160, 560, 190, 760), WOOD_D, 6)
    c.rect((1010, 560, 1040, 760), WOOD_D, 6)
    # laptop, lamp, mug, plant, notebook
    laptop(c, 420, 290, 320, SLATE, WHITE)
    c.rect((460, 330, 640, 350), TEAL_L, 10)
    c.rect((460, 370, 600, 386), GREY_L, 8)
    c.rect((460, 402, 620, 418), GREY_L, 8)
    c.line([(250, 520), (250, 330), (330, 260)], NAVY, 12, round_caps=True)
    c.poly([(300, 230), (390, 240), (360, 320)], MUSTARD)
    c.rect((200, 508, 300, 524), NAVY, 6)
    c.rect((820, 440, 880, 520), TEAL, 10)
    c.ellipse((866, 455, 906, 500), None, TEAL, 10)
    plant(c, 980, 520, 0.9)
    c.rect((300, 470, 400, 516), CORAL_L, 6)
    # chair back
    c.rect((500, 600, 700, 780), TEAL, 30)
    c.save("remote-workspace.png")


def remote_payment():
    c = canvas(MINT)
    soft_blobs(c, [(600, 400, 320, WHITE), (120, 120, 80, TEAL_L), (1100, 700, 100, TEAL_L)])
    ground(c, 690, GREY_L)
    # invoice sheet (left)
    c.poly([(150, 200), (400, 180), (430, 620), (180, 640)], WHITE)
    for i in range(6):
        y = 260 + i * 55
        wdt = 170 if i % 2 else 200
        c.poly(
            [(190 + i * 2.2, y), (190 + wdt + i * 2.2, y - 14), (191 + wdt + i * 2.2, y), (191 + i * 2.2, y + 14)],
            GREY_L,
        )
    check(c, 330, 570, 60, GREEN, 12)
    # phone with a QR-style square pattern
    phone(c, 480, 120, 300, 560)
    qx, qy, cell = 530, 230, 20
    pattern = [
        "1111111011",
        "1000001010",
        "1011101101",
        "1011101011",
        "1000001100",
        "1111111011",
        "0010010110",
        "1101101001",
        "0110110111",
        "1011011010",
    ]
    c.rect((qx - 14, qy - 14, qx + cell * 10 + 14, qy + cell * 10 + 14), WHITE, 10)
    for r, row in enumerate(pattern):
        for column, v in enumerate(row):
            if v == "1":
                box = (qx + column * cell, qy + r * cell, qx + (column + 1) * cell - 2, qy + (r + 1) * cell - 2)
                c.rect(box, NAVY, 3)
    c.rect((540, 500, 720, 550), TEAL, 25)
    # stack of coins (right)
    for i in range(5):
        y = 640 - i * 34
        c.ellipse((870, y - 26, 1050, y + 26), MUSTARD)
        c.ellipse((870, y - 36, 1050, y + 16), MUSTARD_L)
    c.circle(1000, 330, 60, MUSTARD)
    c.circle(1000, 330, 38, MUSTARD_L)
    c.save("remote-payment.png")


def remote_calendar():
    c = canvas(PEACH)
    soft_blobs(c, [(480, 410, 330, CREAM), (1060, 140, 90, CREAM)])
    ground(c, 700, CORAL_L)
    # calendar
    c.rect((170, 170, 760, 660), WHITE, 26)
    c.rect((170, 170, 760, 270), TEAL, 26)
    c.rect((170, 240, 760, 270), TEAL, 0)
    for rx in (290, 640):
        c.rect((rx - 12, 140, rx + 12, 210), NAVY, 10)
    for r in range(4):
        for column in range(5):
            x = 215 + column * 108
            y = 300 + r * 88
            col = GREY_L
            if (r, column) in ((0, 1), (1, 3), (2, 0), (3, 2)):
                col = MUSTARD_L
            c.rect((x, y, x + 80, y + 64), col, 12)
            if (r, column) in ((0, 0), (0, 1), (0, 2), (1, 0)):
                check(c, x + 40, y + 32, 40, GREEN, 9)
    # clock
    c.circle(950, 380, 150, NAVY)
    c.circle(950, 380, 128, WHITE)
    for i in range(12):
        a = math.radians(i * 30)
        c.circle(950 + 105 * math.sin(a), 380 - 105 * math.cos(a), 7, GREY)
    c.line([(950, 380), (950, 300)], NAVY, 14, round_caps=True)
    c.line([(950, 380), (1010, 410)], CORAL, 12, round_caps=True)
    c.circle(950, 380, 14, NAVY)
    # glass of water
    c.poly([(880, 580), (960, 580), (950, 700), (890, 700)], TEAL_L)
    c.poly([(886, 620), (955, 620), (950, 700), (890, 700)], (120, 190, 210))
    c.save("remote-calendar.png")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for fn in (
        safety_cover,
        safety_passphrase,
        safety_two_step,
        safety_scam_sms,
        safety_shared_computer,
        remote_cover,
        remote_workspace,
        remote_payment,
        remote_calendar,
    ):
        fn()
