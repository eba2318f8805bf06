"""Derive the certificate PDF fonts from Noto Sans Thai so that Thai text reads back exactly from the PDF.

    .venv/bin/python tools/thai_pdf_fonts.py           write static/fonts/CertThai-{Regular,Bold}.ttf
    .venv/bin/python tools/thai_pdf_fonts.py --check   exit 1 when the committed files differ from a fresh build

Input: the upstream static/fonts/NotoSansThai-{Regular,Bold}.ttf (kept unchanged). Output: CertThai-*.ttf,
committed, used by certificates/pdf.py. The build is byte-for-byte reproducible (no timestamps change).

Why. WeasyPrint writes one ToUnicode entry per glyph, taken from the first cluster the glyph is drawn in;
a cluster's text goes to its last glyph and the others get none. HarfBuzz's Thai shaper always splits SARA
AM into NIKHAHIT + SARA AA and moves the nikhahit before a preceding tone mark (น้ำ is shaped น ◌ํ ◌้ า, the
last three one cluster). So the one SARA AA glyph stood for both า and ำ and the tone glyph for both ้ and
nothing: คำ read back as คา, or every า as ำ, depending on which came first. Separately, pdftotext places a
zero-width mark at its origin: the small tone marks stacked on the upper vowels moved left for ป ฝ ฟ have
their origin far left of the consonant's end, so ปั๊ม read back as "ปั๊ ม" and ปื้น as two lines.

What changes (drawing stays the same: each new or redrawn glyph is the old one at the same place; only
Pango's rounding of offsets can move a mark by a fraction of a pixel):
1. ◌ํ + tone (the order HarfBuzz produces) ligates into the font's nikhahit_mai*thai glyphs, redrawn as exactly
   the stack GPOS made of ◌ํ and the small tone and anchored like ◌ํ; these glyphs only occur inside ำ.
2. A SARA AA after a nikhahit (alone or with a tone) becomes a copy of SARA AA made for that sequence, so
   its ToUnicode entry is "ำ", "่ำ", "้ำ", "๊ำ" or "๋ำ" and nothing else; the nikhahit right before it becomes
   a copy too (same outline and anchors), so a nikhahit written on its own (Pali สํ) keeps its own text.
3. A small tone mark on a .narrow upper vowel becomes a copy whose outline and anchors are moved left by the
   same amount, so it is drawn where it was but its origin sits at the consonant's end.

Noto Sans Thai is under the SIL Open Font License 1.1 (static/fonts/OFL.txt) with no Reserved Font Name;
the derived fonts are renamed "CDC Cert Thai" (Noto is a Google trademark) and carry the same licence.
"""

import argparse
import copy
import sys
from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
STYLES = ("Regular", "Bold")
FAMILY = "CDC Cert Thai"
SARA_AA = "uni0E32"
NIKHAHIT = ("uni0E4D", "uni0E4D.narrow")
# upper vowels after ป ฝ ฟ (the font's .narrow forms) and the small tone marks stacked on them
NARROW_VOWELS = ("uni0E31.narrow", "uni0E34.narrow", "uni0E35.narrow", "uni0E36.narrow", "uni0E37.narrow")
SMALL_TONES = ("uni0E48.small", "uni0E49.small", "uni0E4A.small", "uni0E4B.small", "uni0E4C.small")
# tone mark glyph -> (the font's nikhahit + tone ligature, suffix of the SARA AA copy after it)
TONES = {
    "uni0E48": ("nikhahit_maiEkthai", "ek"),
    "uni0E49": ("nikhahit_maiThothai", "tho"),
    "uni0E4A": ("nikhahit_maiTrithai", "tri"),
    "uni0E4B": ("nikhahit_maiChattawathai", "chattawa"),
}


def source_path(style):
    return FONTS / f"NotoSansThai-{style}.ttf"


def derived_path(style):
    return FONTS / f"CertThai-{style}.ttf"


def _add_glyph_copy(font, source, name):
    """Append ``name`` as an exact copy of ``source`` (outline, instructions, advance, side bearing)."""
    order = font.getGlyphOrder() + [name]
    glyf = font["glyf"]
    glyf.glyphs[name] = copy.deepcopy(glyf[source])
    glyf.glyphOrder = order
    font["hmtx"].metrics[name] = font["hmtx"].metrics[source]
    font.setGlyphOrder(order)
    glyph_classes = font["GDEF"].table.GlyphClassDef
    if source in glyph_classes.classDefs:
        glyph_classes.classDefs[name] = glyph_classes.classDefs[source]


def _shift_anchor(anchor, dx):
    shifted = copy.deepcopy(anchor)
    shifted.XCoordinate += dx
    return shifted


def _insert(font, glyphs, records, name, record):
    """Put ``name`` and its ``record`` into a coverage list and its parallel records, in glyph id order."""
    index = sum(font.getGlyphID(glyph) < font.getGlyphID(name) for glyph in glyphs)
    glyphs.insert(index, name)
    records.insert(index, record)


def _copy_positioning(font, source, name, dx=0, as_base_mark=True):
    """Position mark ``name`` as ``source`` is positioned, every anchor moved by ``dx``.

    ``as_base_mark`` also lets other marks stack on it as they stack on ``source``.
    """
    for coverage in font["GDEF"].table.MarkGlyphSetsDef.Coverage:
        if source in coverage.glyphs:
            _insert(font, coverage.glyphs, [], name, None)
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            if lookup.LookupType == 4:
                roles = [(subtable.MarkCoverage, subtable.MarkArray, "MarkRecord")]
            elif lookup.LookupType == 6:
                roles = [(subtable.Mark1Coverage, subtable.Mark1Array, "MarkRecord")]
                if as_base_mark:
                    roles.append((subtable.Mark2Coverage, subtable.Mark2Array, "Mark2Record"))
            else:
                continue
            for coverage, array, field in roles:
                if source not in coverage.glyphs:
                    continue
                records = getattr(array, field)
                record = copy.deepcopy(records[coverage.glyphs.index(source)])
                if field == "MarkRecord":
                    record.MarkAnchor = _shift_anchor(record.MarkAnchor, dx)
                else:
                    record.Mark2Anchor = [_shift_anchor(a, dx) if a else None for a in record.Mark2Anchor]
                _insert(font, coverage.glyphs, records, name, record)
                setattr(array, field.replace("Record", "Count"), len(records))


def _add_shifted_mark(font, source, name, dx):
    """Append mark ``name``: ``source`` with outline and every anchor moved by ``dx`` (same look, new origin)."""
    _add_glyph_copy(font, source, name)
    glyf = font["glyf"]
    glyph = glyf[name]
    glyph.coordinates.translate((dx, 0))
    glyph.recalcBounds(glyf)
    advance, _ = font["hmtx"].metrics[name]
    font["hmtx"].metrics[name] = (advance, glyph.xMin)
    _copy_positioning(font, source, name, dx)


def _stack_like_gpos(font, ligature, nikhahit, tone):
    """Redraw the nikhahit + tone ligature exactly as GPOS stacks ``tone`` on ``nikhahit``, anchored like it.

    The font's own ligatures (made for another shaper's order) sit a few units off that stack and have no
    anchor, so using them unchanged would move the marks slightly.
    """
    ((dx, dy),) = _stacking_offsets(font, [nikhahit], tone)
    glyf = font["glyf"]
    glyph = glyf[ligature]
    first, second = (copy.deepcopy(glyph.components[0]) for _ in range(2))
    for component, name, x, y in ((first, nikhahit, 0, 0), (second, tone, dx, dy)):
        component.glyphName, component.x, component.y, component.flags = name, x, y, 0
    glyph.components = [first, second]
    if hasattr(glyph, "program"):
        del glyph.program
    glyph.recalcBounds(glyf)
    font["hmtx"].metrics[ligature] = (font["hmtx"].metrics[ligature][0], glyph.xMin)
    _copy_positioning(font, nikhahit, ligature, as_base_mark=False)


def _stacking_offsets(font, vowels, tone):
    """How far (x, y in font units) the tone's origin is from each vowel's when stacked on it (mkmk)."""
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for subtable in lookup.SubTable if lookup.LookupType == 6 else ():
            marks, bases = subtable.Mark1Coverage.glyphs, subtable.Mark2Coverage.glyphs
            if tone in marks and all(vowel in bases for vowel in vowels):
                mark = subtable.Mark1Array.MarkRecord[marks.index(tone)]
                anchors = [subtable.Mark2Array.Mark2Record[bases.index(vowel)].Mark2Anchor for vowel in vowels]
                return [
                    (
                        anchor[mark.Class].XCoordinate - mark.MarkAnchor.XCoordinate,
                        anchor[mark.Class].YCoordinate - mark.MarkAnchor.YCoordinate,
                    )
                    for anchor in anchors
                ]
    raise SystemExit(f"no mark-to-mark positioning of {tone} on the narrow upper vowels")


def _lookup(lookup_type, subtables):
    lookup = otTables.Lookup()
    lookup.LookupType = lookup_type
    lookup.LookupFlag = 0
    lookup.SubTable = subtables
    lookup.SubTableCount = len(subtables)
    return lookup


def _single(mapping):
    subtable = otTables.SingleSubst()
    subtable.mapping = mapping
    return subtable


def _coverage(glyphs, font):
    coverage = otTables.Coverage()
    coverage.glyphs = sorted(glyphs, key=font.getGlyphID)
    return coverage


def _after(font, backtrack, lookup_index, inputs=(SARA_AA,), lookahead=()):
    """A chaining rule: one of ``inputs`` between ``backtrack`` and ``lookahead`` gets lookup ``lookup_index``."""
    subtable = otTables.ChainContextSubst()
    subtable.Format = 3
    subtable.BacktrackCoverage = [_coverage(backtrack, font)] if backtrack else []
    subtable.InputCoverage = [_coverage(inputs, font)]
    subtable.LookAheadCoverage = [_coverage(lookahead, font)] if lookahead else []
    record = otTables.SubstLookupRecord()
    record.SequenceIndex = 0
    record.LookupListIndex = lookup_index
    subtable.SubstLookupRecord = [record]
    return subtable


def _ligate_nikhahit_then_tone(gsub):  # change 1
    """Add ◌ํ + tone -> the font's nikhahit_tone ligature to the ccmp lookup that has tone + ◌ํ."""
    for lookup in gsub.LookupList.Lookup:
        for subtable in lookup.SubTable:
            ligatures = getattr(subtable, "ligatures", None)
            if ligatures and any(lig.Component == [NIKHAHIT[0]] for lig in ligatures.get("uni0E48", [])):
                added = []
                for tone, (ligature_glyph, _) in TONES.items():
                    ligature = otTables.Ligature()
                    ligature.Component = [tone]
                    ligature.LigGlyph = ligature_glyph
                    ligature.CompCount = 2
                    added.append(ligature)
                ligatures[NIKHAHIT[0]] = ligatures.get(NIKHAHIT[0], []) + added
                return
    raise SystemExit("the font has no tone + nikhahit ligature lookup; this script expects Noto Sans Thai 2.000")


def _rename(names):
    """A new family name (the derived font is not Noto Sans Thai) and a note of what was changed."""
    style = names.getDebugName(2)
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    version = names.getDebugName(5).split(";")[0].removeprefix("Version ")
    for name_id, text in {
        1: FAMILY,
        3: f"{version};CDC;{postscript}",
        4: FAMILY if style == "Regular" else f"{FAMILY} {style}",
        6: postscript,
        10: f"Derived from Noto Sans Thai {version} by tools/thai_pdf_fonts.py: Thai reads back from PDFs.",
    }.items():
        names.removeNames(nameID=name_id)
        names.setName(text, name_id, 3, 1, 0x409)


def _sara_aa_copies(font, lookups):  # change 2
    """Add the SARA AA copies and a chaining lookup that picks them; return that lookup's index."""
    rules = [(list(NIKHAHIT), f"{SARA_AA}.sara_am")]
    for ligature, suffix in TONES.values():
        rules.append(([ligature, f"{ligature}.narrow"], f"{SARA_AA}.sara_am_{suffix}"))
    chain = []
    for backtrack, name in rules:
        _add_glyph_copy(font, SARA_AA, name)
        lookups.append(_lookup(1, [_single({SARA_AA: name})]))
        chain.append(_after(font, backtrack, len(lookups) - 1))
    lookups.append(_lookup(6, chain))
    return len(lookups) - 1


def _nikhahit_copies(font, lookups):  # change 2, after the SARA AA lookup (which looks for the originals)
    """Copies of ◌ํ for ำ, so that a nikhahit written on its own (Pali: สํ) keeps its own text; return index."""
    copies = {nikhahit: f"{nikhahit}.sara_am" for nikhahit in NIKHAHIT}
    for nikhahit, name in copies.items():
        _add_glyph_copy(font, nikhahit, name)
        _copy_positioning(font, nikhahit, name)
    lookups.append(_lookup(1, [_single(copies)]))
    lookups.append(_lookup(6, [_after(font, (), len(lookups) - 1, NIKHAHIT, lookahead=[f"{SARA_AA}.sara_am"])]))
    return len(lookups) - 1


def _narrow_small_tones(font, lookups):  # change 3
    """Add the moved copies of the small tones and a chaining lookup that picks them; return its index."""
    offsets = _stacking_offsets(font, NARROW_VOWELS, SMALL_TONES[0])
    dx = round(sum(x for x, _ in offsets) / len(offsets))
    narrow = {tone: f"{tone}.narrow" for tone in SMALL_TONES}
    for tone, name in narrow.items():
        _add_shifted_mark(font, tone, name, dx)
    lookups.append(_lookup(1, [_single(narrow)]))
    lookups.append(_lookup(6, [_after(font, NARROW_VOWELS, len(lookups) - 1, SMALL_TONES)]))
    return len(lookups) - 1


def derive(source):
    """The derived font's bytes for the upstream font file ``source``."""
    font = TTFont(source, recalcTimestamp=False)
    gsub = font["GSUB"].table
    _ligate_nikhahit_then_tone(gsub)
    for tone, (ligature, _) in TONES.items():
        _stack_like_gpos(font, ligature, NIKHAHIT[0], f"{tone}.small")
        _stack_like_gpos(font, f"{ligature}.narrow", NIKHAHIT[1], f"{tone}.small")
    lookups = gsub.LookupList.Lookup
    added = [_sara_aa_copies(font, lookups), _nikhahit_copies(font, lookups), _narrow_small_tones(font, lookups)]
    gsub.LookupList.LookupCount = len(lookups)
    ccmp = [record.Feature for record in gsub.FeatureList.FeatureRecord if record.FeatureTag == "ccmp"]
    if not ccmp:
        raise SystemExit("the font has no ccmp feature")
    for feature in ccmp:  # after the font's own ccmp lookups, which make the .narrow and .small forms
        feature.LookupListIndex.extend(added)
        feature.LookupCount = len(feature.LookupListIndex)

    if "DSIG" in font:
        del font["DSIG"]
    _rename(font["name"])
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for style in STYLES:
        data = derive(source_path(style))
        target = derived_path(style)
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(target.name)
        else:
            target.write_bytes(data)
            print(f"wrote {target.relative_to(FONTS.parent.parent)} ({len(data)} bytes)")
    if stale:
        print(f"out of date: {', '.join(stale)}; run tools/thai_pdf_fonts.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
