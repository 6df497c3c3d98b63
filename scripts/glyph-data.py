#!/usr/bin/env python3
"""Writes data/glyph-list.txt: the Adobe Glyph List For New Fonts (glyph name
to Unicode) and the one-byte font encodings PDFs name (Standard, MacRoman,
WinAnsi) as glyph names per code, for the certificate reader's /Differences
and base encodings (src/certificate/glyphs.rs).

Source: fontTools (pip install fonttools), which ships the AGLFN and the
Standard and MacRoman encodings; WinAnsi is Windows code page 1252, named
through the same list. Run once; the output is committed."""
import codecs, sys
from fontTools import agl
from fontTools.encodings.StandardEncoding import StandardEncoding
from fontTools.encodings.MacRoman import MacRoman

names = dict(agl.AGL2UV)
# Names the base encodings use that the AGLFN leaves to the full list: the
# fi and fl ligatures (read back as letters), superscripts, the no-break space.
for n in ("fi", "fl", "onesuperior", "twosuperior", "threesuperior", "nbspace"):
    names[n] = agl.LEGACY_AGL2UV[n][0]
by_uv = {}
for n, uv in sorted(names.items()):
    by_uv.setdefault(uv, n)

def winansi():
    out = []
    for code in range(256):
        try:
            ch = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            out.append(".notdef")
            continue
        if code < 32 or code == 127:
            out.append(".notdef")
            continue
        out.append(by_uv.get(ord(ch), "uni%04X" % ord(ch)))
    return out

lines = [
    "# Glyph names to Unicode, and one-byte font encodings as glyph names per code.",
    "# Written by scripts/glyph-data.py from fontTools %s: the Adobe Glyph List For" % __import__("fontTools").version,
    "# New Fonts 1.7 (AGLFN), the Standard and MacRoman encodings of the PDF",
    "# reference (annex D), and WinAnsi as Windows code page 1252. As of 2026-11-23.",
    "# `g <name> <hex>` is a glyph; `e <encoding> <code> <name>` a code of an encoding.",
]
for n in sorted(names, key=lambda s: s.encode()):
    lines.append("g %s %04X" % (n, names[n]))
for enc, table in (("standard", StandardEncoding), ("macroman", MacRoman), ("winansi", winansi())):
    for code, n in enumerate(table):
        if n != ".notdef":
            lines.append("e %s %d %s" % (enc, code, n))
open(sys.argv[1] if len(sys.argv) > 1 else "data/glyph-list.txt", "w").write("\n".join(lines) + "\n")
