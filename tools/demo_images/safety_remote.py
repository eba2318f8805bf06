"""Draw the text-free flat illustrations used by the demo courses
"safe-internet" (safety-*.png) and "remote-work" (remote-*.png).

Run:  .venv/bin/python tools/demo_images/safety_remote.py

Each picture is drawn at twice the final size and scaled down (for smooth
edges), then reduced to a small palette and saved as an optimised PNG of
1200x800 pixels, well under 80 KB.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "lessons" / "demo" / "images"
W, H = 1200, 800
S = 2  # supersampling factor

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


def canvas(bg):
    img = Image.new("RGB", (W * S, H * S), bg)
    return img, ImageDraw.Draw(img)


def s(*v):
    """Scale coordinates to the supersampled canvas."""
    return [int(x * S) for x in v]


def rrect(d, box, r, fill, outline=None, width=0):
    d.rounded_rectangle(s(*box), radius=r * S, fill=fill, outline=outline, width=width * S)


def ellipse(d, box, fill, outline=None, width=0):
    d.ellipse(s(*box), fill=fill, outline=outline, width=width * S)


def circle(d, cx, cy, r, fill, outline=None, width=0):
    ellipse(d, (cx - r, cy - r, cx + r, cy + r), fill, outline, width)


def poly(d, pts, fill, outline=None):
    d.polygon([(x * S, y * S) for x, y in pts], fill=fill, outline=outline)


def line(d, pts, fill, width):
    d.line([(x * S, y * S) for x, y in pts], fill=fill, width=width * S, joint="curve")
    for x, y in (pts[0], pts[-1]):  # round caps
        circle(d, x, y, width / 2, fill)


def check(d, cx, cy, size, fill, width):
    line(
        d,
        [(cx - size * 0.5, cy), (cx - size * 0.15, cy + size * 0.35), (cx + size * 0.55, cy - size * 0.4)],
        fill,
        width,
    )


def soft_blobs(d, blobs):
    for cx, cy, r, col in blobs:
        circle(d, cx, cy, r, col)


def ground(d, y, col):
    rrect(d, (60, y, W - 60, y + 18), 9, col)


def phone(d, x, y, w, h, body=NAVY, screen=WHITE):
    rrect(d, (x, y, x + w, y + h), 34, body)
    rrect(d, (x + 14, y + 40, x + w - 14, y + h - 40), 14, screen)
    rrect(d, (x + w / 2 - 30, y + 16, x + w / 2 + 30, y + 24), 4, SLATE)
    circle(d, x + w / 2, y + h - 20, 9, SLATE)


def padlock(d, cx, cy, w, body=MUSTARD, shackle=SLATE):
    h = w * 0.8
    sw = w * 0.62
    # shackle
    ellipse(d, (cx - sw / 2, cy - h / 2 - sw * 0.75, cx + sw / 2, cy - h / 2 + sw * 0.55), None, shackle, int(w * 0.11))
    rrect(d, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), int(w * 0.12), body)
    circle(d, cx, cy - h * 0.08, w * 0.09, NAVY)
    poly(
        d,
        [
            (cx - w * 0.05, cy - h * 0.05),
            (cx + w * 0.05, cy - h * 0.05),
            (cx + w * 0.07, cy + h * 0.24),
            (cx - w * 0.07, cy + h * 0.24),
        ],
        NAVY,
    )


def shield(d, cx, cy, w, fill=TEAL, inner=None):
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
    poly(d, pts, fill)
    if inner:
        k = 0.78
        poly(d, [(cx + (px - cx) * k, cy + (py - cy) * k) for px, py in pts], inner)


def laptop(d, x, y, w, body=SLATE, screen=WHITE):
    h = w * 0.62
    rrect(d, (x, y, x + w, y + h), 18, body)
    rrect(d, (x + 16, y + 16, x + w - 16, y + h - 16), 8, screen)
    poly(
        d,
        [(x - w * 0.08, y + h + 4), (x + w * 1.08, y + h + 4), (x + w * 1.02, y + h + 30), (x - w * 0.02, y + h + 30)],
        NAVY,
    )
    return (x + 16, y + 16, x + w - 16, y + h - 16)


def dots(d, x, y, n, r, gap, col):
    for i in range(n):
        circle(d, x + i * gap, y, r, col)


def warning_triangle(d, cx, cy, size, fill=CORAL):
    h = size * 0.88
    poly(d, [(cx, cy - h / 2), (cx + size / 2, cy + h / 2), (cx - size / 2, cy + h / 2)], fill)
    rrect(d, (cx - size * 0.045, cy - h * 0.18, cx + size * 0.045, cy + h * 0.2), int(size * 0.04), WHITE)
    circle(d, cx, cy + h * 0.33, size * 0.05, WHITE)


def plant(d, x, y, scale=1.0):
    rrect(d, (x - 40 * scale, y - 60 * scale, x + 40 * scale, y), int(10 * scale), CORAL)
    for ox, oy, rx, ry in ((-34, -120, 26, 50), (30, -125, 26, 52), (0, -150, 24, 60)):
        ellipse(d, (x + (ox - rx) * scale, y + (oy - ry) * scale, x + (ox + rx) * scale, y + (oy + ry) * scale), GREEN)
    line(d, [(x, y - 60 * scale), (x, y - 130 * scale)], (70, 130, 76), int(6 * scale))


def finish(img, name):
    small = img.resize((W, H), Image.LANCZOS)
    pal = small.quantize(colors=48, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = OUT / name
    pal.save(path, optimize=True)
    print(f"{name}: {path.stat().st_size // 1024} KB")


# ---------------------------------------------------------------- safety --


def safety_cover():
    img, d = canvas(SKY)
    soft_blobs(d, [(230, 170, 150, MINT), (1000, 640, 220, MINT), (1040, 160, 90, WHITE), (160, 660, 70, WHITE)])
    ground(d, 700, GREY_L)
    phone(d, 420, 120, 330, 580)
    shield(d, 585, 390, 200, TEAL, TEAL_L)
    check(d, 585, 390, 110, WHITE, 20)
    # padlock on the right, key on the left
    padlock(d, 900, 520, 170)
    circle(d, 270, 470, 62, CORAL)
    circle(d, 270, 470, 26, SKY)
    rrect(d, (320, 458, 410, 482), 10, CORAL)
    rrect(d, (370, 480, 386, 510), 5, CORAL)
    rrect(d, (395, 480, 410, 500), 5, CORAL)
    dots(d, 850, 250, 3, 10, 40, SLATE)
    finish(img, "safety-cover.png")


def safety_passphrase():
    img, d = canvas(CREAM)
    soft_blobs(d, [(600, 360, 300, MUSTARD_L), (140, 140, 80, PEACH), (1080, 660, 110, PEACH)])
    padlock(d, 600, 340, 250, TEAL, SLATE)
    # four "word" blocks joined together = a passphrase
    cols = [CORAL, MUSTARD, GREEN, SLATE]
    x = 170
    for i, c in enumerate(cols):
        rrect(d, (x, 580, x + 180, 660), 40, c)
        dots(d, x + 45, 620, 4, 9, 30, WHITE)
        if i < 3:
            rrect(d, (x + 192, 612, x + 220, 628), 8, NAVY)
        x += 232
    check(d, 1105, 620, 60, GREEN, 14)
    finish(img, "safety-passphrase.png")


def safety_two_step():
    img, d = canvas(MINT)
    soft_blobs(d, [(300, 380, 250, WHITE), (950, 380, 220, WHITE)])
    ground(d, 660, GREY_L)
    scr = laptop(d, 120, 260, 440)
    x0, y0, x1, y1 = scr
    rrect(d, (x0 + 40, y0 + 60, x1 - 40, y0 + 120), 14, GREY_L)
    dots(d, x0 + 75, y0 + 90, 6, 10, 36, NAVY)
    rrect(d, (x0 + 120, y0 + 150, x1 - 120, y0 + 200), 25, TEAL)
    # dashed arc towards the phone
    for i in range(7):
        t = i / 6
        xx = 600 + t * 190
        yy = 240 - 80 * (1 - (2 * t - 1) ** 2)
        circle(d, xx, yy, 9, SLATE)
    phone(d, 820, 180, 250, 470)
    circle(d, 945, 400, 82, TEAL)
    check(d, 945, 400, 90, WHITE, 18)
    dots(d, 885, 540, 3, 11, 60, GREY)
    finish(img, "safety-two-step.png")


def safety_scam_sms():
    img, d = canvas(PEACH)
    soft_blobs(d, [(560, 400, 320, CREAM), (120, 700, 120, CORAL_L), (1100, 120, 100, CREAM)])
    phone(d, 390, 90, 340, 620)
    # incoming message bubbles
    rrect(d, (430, 170, 640, 240), 24, GREY_L)
    poly(d, [(430, 220), (412, 250), (460, 235)], GREY_L)
    rrect(d, (430, 270, 690, 420), 24, CORAL_L)
    poly(d, [(430, 400), (412, 430), (460, 415)], CORAL_L)
    # chain-link symbol inside the suspicious bubble
    ellipse(d, (470, 320, 570, 370), None, CORAL, 12)
    ellipse(d, (545, 320, 645, 370), None, CORAL, 12)
    rrect(d, (455, 445, 690, 490), 22, GREY_L)
    # big warning sign and a "stop" hand-like shield on the side
    warning_triangle(d, 900, 330, 260)
    circle(d, 240, 320, 95, WHITE)
    circle(d, 240, 320, 95, None, CORAL, 14)
    line(d, [(176, 384), (304, 256)], CORAL, 14)
    finish(img, "safety-scam-sms.png")


def safety_shared_computer():
    img, d = canvas(SKY)
    soft_blobs(d, [(600, 330, 330, WHITE), (1060, 680, 120, MINT), (130, 150, 90, MINT)])
    ground(d, 690, WOOD)
    # desktop monitor
    rrect(d, (230, 120, 870, 540), 22, NAVY)
    rrect(d, (252, 142, 848, 518), 10, WHITE)
    rrect(d, (252, 142, 848, 190), 10, GREY_L)
    dots(d, 285, 166, 3, 9, 28, GREY)
    rrect(d, (520, 540, 580, 640), 6, SLATE)
    rrect(d, (430, 632, 670, 660), 12, SLATE)
    # page content lines
    for i, wdt in enumerate((380, 300, 340)):
        rrect(d, (300, 240 + i * 60, 300 + wdt, 264 + i * 60), 12, GREY_L)
    # sign-out: open door with an arrow leaving
    rrect(d, (700, 240, 800, 440), 10, TEAL_L)
    poly(d, [(700, 240), (760, 262), (760, 462), (700, 440)], TEAL)
    circle(d, 745, 360, 7, WHITE)
    line(d, [(810, 340), (960, 340)], CORAL, 18)
    poly(d, [(950, 300), (1010, 340), (950, 380)], CORAL)
    # keyboard
    rrect(d, (300, 655, 800, 690), 10, GREY)
    finish(img, "safety-shared-computer.png")


# ---------------------------------------------------------------- remote --


def remote_cover():
    img, d = canvas(SKY)
    circle(d, 1030, 150, 70, MUSTARD)
    soft_blobs(d, [(220, 130, 60, WHITE), (290, 150, 50, WHITE), (160, 150, 44, WHITE)])
    rrect(d, (0, 640, W, H), 0, GREEN_L)
    # trees
    for tx in (150, 1060):
        rrect(d, (tx - 14, 500, tx + 14, 650), 6, WOOD_D)
        circle(d, tx, 470, 80, GREEN)
    # house on stilts (Thai style)
    poly(d, [(330, 300), (600, 130), (870, 300)], CORAL)
    rrect(d, (370, 290, 830, 560), 6, WOOD)
    for px in (390, 590, 790):
        rrect(d, (px, 560, px + 22, 660), 4, WOOD_D)
    # window showing a laptop
    rrect(d, (430, 340, 680, 520), 10, CREAM)
    laptop(d, 490, 380, 130, SLATE, SKY)
    # door
    rrect(d, (720, 360, 800, 560), 8, WOOD_D)
    circle(d, 785, 460, 6, MUSTARD)
    # wifi arcs above the roof
    for r, wdt in ((40, 12), (75, 12), (110, 12)):
        d.arc(s(600 - r, 110 - r, 600 + r, 110 + r), 220, 320, fill=TEAL, width=wdt * S)
    circle(d, 600, 110, 10, TEAL)
    finish(img, "remote-cover.png")


def remote_workspace():
    img, d = canvas(CREAM)
    # window with daylight
    rrect(d, (760, 90, 1080, 400), 14, WOOD)
    rrect(d, (780, 110, 1060, 380), 8, SKY)
    rrect(d, (914, 110, 926, 380), 0, WOOD)
    circle(d, 1000, 170, 34, MUSTARD_L)
    # desk
    rrect(d, (120, 520, 1080, 560), 10, WOOD)
    rrect(d, (160, 560, 190, 760), 6, WOOD_D)
    rrect(d, (1010, 560, 1040, 760), 6, WOOD_D)
    # laptop, lamp, mug, plant, notebook
    laptop(d, 420, 290, 320, SLATE, WHITE)
    rrect(d, (460, 330, 640, 350), 10, TEAL_L)
    rrect(d, (460, 370, 600, 386), 8, GREY_L)
    rrect(d, (460, 402, 620, 418), 8, GREY_L)
    line(d, [(250, 520), (250, 330), (330, 260)], NAVY, 12)
    poly(d, [(300, 230), (390, 240), (360, 320)], MUSTARD)
    rrect(d, (200, 508, 300, 524), 6, NAVY)
    rrect(d, (820, 440, 880, 520), 10, TEAL)
    ellipse(d, (866, 455, 906, 500), None, TEAL, 10)
    plant(d, 980, 520, 0.9)
    rrect(d, (300, 470, 400, 516), 6, CORAL_L)
    # chair back
    rrect(d, (500, 600, 700, 780), 30, TEAL)
    finish(img, "remote-workspace.png")


def remote_payment():
    img, d = canvas(MINT)
    soft_blobs(d, [(600, 400, 320, WHITE), (120, 120, 80, TEAL_L), (1100, 700, 100, TEAL_L)])
    ground(d, 690, GREY_L)
    # invoice sheet (left)
    poly(d, [(150, 200), (400, 180), (430, 620), (180, 640)], WHITE)
    for i in range(6):
        y = 260 + i * 55
        wdt = 170 if i % 2 else 200
        poly(
            d,
            [(190 + i * 2.2, y), (190 + wdt + i * 2.2, y - 14), (191 + wdt + i * 2.2, y), (191 + i * 2.2, y + 14)],
            GREY_L,
        )
    check(d, 330, 570, 60, GREEN, 12)
    # phone with a QR-style square pattern
    phone(d, 480, 120, 300, 560)
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
    rrect(d, (qx - 14, qy - 14, qx + cell * 10 + 14, qy + cell * 10 + 14), 10, WHITE)
    for r, row in enumerate(pattern):
        for c, v in enumerate(row):
            if v == "1":
                rrect(d, (qx + c * cell, qy + r * cell, qx + (c + 1) * cell - 2, qy + (r + 1) * cell - 2), 3, NAVY)
    rrect(d, (540, 500, 720, 550), 25, TEAL)
    # stack of coins (right)
    for i in range(5):
        y = 640 - i * 34
        ellipse(d, (870, y - 26, 1050, y + 26), MUSTARD)
        ellipse(d, (870, y - 36, 1050, y + 16), MUSTARD_L)
    circle(d, 1000, 330, 60, MUSTARD)
    circle(d, 1000, 330, 38, MUSTARD_L)
    finish(img, "remote-payment.png")


def remote_calendar():
    img, d = canvas(PEACH)
    soft_blobs(d, [(480, 410, 330, CREAM), (1060, 140, 90, CREAM)])
    ground(d, 700, CORAL_L)
    # calendar
    rrect(d, (170, 170, 760, 660), 26, WHITE)
    rrect(d, (170, 170, 760, 270), 26, TEAL)
    rrect(d, (170, 240, 760, 270), 0, TEAL)
    for rx in (290, 640):
        rrect(d, (rx - 12, 140, rx + 12, 210), 10, NAVY)
    for r in range(4):
        for c in range(5):
            x = 215 + c * 108
            y = 300 + r * 88
            col = GREY_L
            if (r, c) in ((0, 1), (1, 3), (2, 0), (3, 2)):
                col = MUSTARD_L
            rrect(d, (x, y, x + 80, y + 64), 12, col)
            if (r, c) in ((0, 0), (0, 1), (0, 2), (1, 0)):
                check(d, x + 40, y + 32, 40, GREEN, 9)
    # clock
    circle(d, 950, 380, 150, NAVY)
    circle(d, 950, 380, 128, WHITE)
    for i in range(12):
        a = math.radians(i * 30)
        circle(d, 950 + 105 * math.sin(a), 380 - 105 * math.cos(a), 7, GREY)
    line(d, [(950, 380), (950, 300)], NAVY, 14)
    line(d, [(950, 380), (1010, 410)], CORAL, 12)
    circle(d, 950, 380, 14, NAVY)
    # glass of water
    poly(d, [(880, 580), (960, 580), (950, 700), (890, 700)], TEAL_L)
    poly(d, [(886, 620), (955, 620), (950, 700), (890, 700)], (120, 190, 210))
    finish(img, "remote-calendar.png")


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
