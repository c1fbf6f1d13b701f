"""The fonts that draw every script a patient can type, in the order they are tried.

Chart labels and report notes show the patient's own words (technique and medication names,
notes), in whatever script they write. DejaVu Sans, which matplotlib bundles, covers Latin,
Greek and Cyrillic; every other character falls back, character by character, along
``fallback_files()``: Noto, from two packages the project depends on (OFL-1.1, unmodified
Noto builds): ``manimgx-fonts`` (Noto Sans for Arabic, Hebrew, the Indic scripts, Thai, Lao,
Khmer, Myanmar, Georgian, Armenian, Ethiopic, plus Noto Sans Symbols and monochrome Noto
Emoji) and ``noto-cjk-sans-otc`` (static Noto Sans CJK Regular; its Simplified Chinese face
also carries every Japanese kana and Korean Hangul syllable). Monochrome emoji, because Agg and
PDF text draw outlines in one colour.

Both the chart (matplotlib, through FreeType with libraqm shaping) and the PDF report (fpdf2,
through HarfBuzz) use these same files, so a word that shows in one shows in the other.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

import manimgx_fonts
import noto_cjk_sans_otc
from matplotlib.font_manager import FontProperties, findfont, fontManager
from matplotlib.ft2font import FT2Font

PRIMARY_FAMILY = "DejaVu Sans"
_NOTO_DIR = Path(manimgx_fonts.__file__).parent
#: Face 2 of the collection is Noto Sans CJK SC (JP, KR, SC, TC, HK, then the Mono faces).
_CJK_FACE = 2
#: Noto Sans for scripts DejaVu lacks, by file stem; right-to-left and Indic first because
#: they are the likeliest after Latin/Cyrillic among our patients, CJK after, symbols and
#: emoji last so that DejaVu's own arrows, stars and suns keep their look.
_SCRIPT_FONTS = (
    "NotoSans",
    "NotoSansArabic",
    "NotoSansHebrew",
    "NotoSansDevanagari",
    "NotoSansBengali",
    "NotoSansGurmukhi",
    "NotoSansGujarati",
    "NotoSansOriya",
    "NotoSansTamil",
    "NotoSansTelugu",
    "NotoSansKannada",
    "NotoSansMalayalam",
    "NotoSansSinhala",
    "NotoSansThai",
    "NotoSansLao",
    "NotoSansKhmer",
    "NotoSansMyanmar",
    "NotoSansGeorgian",
    "NotoSansArmenian",
    "NotoSansEthiopic",
)
_LAST_FONTS = ("NotoSansSymbols", "NotoEmoji")
#: Characters that steer shaping (joiners, variation selectors) and need no glyph of their own.
_INVISIBLE = frozenset("\u200c\u200d\ufe0e\ufe0f")


@dataclass(frozen=True)
class FontFile:
    """One face in the fallback chain: its file, the face in a collection, its family name."""

    path: Path
    family: str
    face_index: int = 0


@functools.cache
def fallback_files() -> tuple[FontFile, ...]:
    """The faces after DejaVu Sans, in the order a missing character is looked up."""
    stems = (*_SCRIPT_FONTS, "CJK", *_LAST_FONTS)
    files = []
    for stem in stems:
        if stem == "CJK":
            files.append(_face(Path(str(noto_cjk_sans_otc.FONT_PATH)), _CJK_FACE))
        else:
            files.append(_face(_NOTO_DIR / f"{stem}[wght].ttf"))
    return tuple(files)


def primary_file(bold: bool = False) -> Path:
    """DejaVu Sans (or its bold) as bundled with matplotlib."""
    weight = "bold" if bold else "normal"
    return Path(findfont(FontProperties(family=PRIMARY_FAMILY, weight=weight)))


def _face(path: Path, face_index: int = 0) -> FontFile:
    if not path.is_file():
        raise FileNotFoundError(f"font file missing from its package: {path}")
    family = FT2Font(str(path), face_index=face_index).family_name
    return FontFile(path=path, family=family, face_index=face_index)


@functools.cache
def families() -> tuple[str, ...]:
    """The font family list for matplotlib ``Text``: DejaVu Sans, then every fallback.

    Registers the fallback files with matplotlib's font manager once per process. Each is
    also registered as bold: the Noto files hold one (regular) weight, and without a bold entry
    matplotlib would log a warning for every bold label that falls back to them; a bold label in
    Thai is better drawn regular than not at all.
    """
    for font in fallback_files():
        known = len(fontManager.ttflist)
        fontManager.addfont(font.path)
        added = fontManager.ttflist[known:]
        fontManager.ttflist.extend(dataclasses.replace(entry, weight=700) for entry in added)
    return (PRIMARY_FAMILY, *(font.family for font in fallback_files()))


@functools.cache
def _charmaps() -> tuple[frozenset[int], ...]:
    faces = [(primary_file(), 0)] + [(f.path, f.face_index) for f in fallback_files()]
    return tuple(
        frozenset(FT2Font(str(path), face_index=index).get_charmap()) for path, index in faces
    )


def missing_characters(text: str) -> set[str]:
    """The characters of ``text`` that no font of the chain can draw (whitespace aside)."""
    maps = _charmaps()
    return {
        char
        for char in set(text)
        if not char.isspace()
        and char not in _INVISIBLE
        and not any(ord(char) in charmap for charmap in maps)
    }


def faces_for(text: str) -> tuple[FontFile, ...]:
    """The fallback faces ``text`` needs beyond DejaVu Sans, in chain order.

    A document embeds (and a PDF library parses, ~0.4 s for CJK) only the faces its text uses,
    so a report in Latin letters loads no fallback at all.
    """
    primary, *rest = _charmaps()
    needed: set[int] = set()
    for char in set(text):
        code = ord(char)
        if code in primary or char.isspace():
            continue
        for index, charmap in enumerate(rest):
            if code in charmap:
                needed.add(index)
                break
    files = fallback_files()
    return tuple(files[index] for index in sorted(needed))
