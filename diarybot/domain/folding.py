"""Text without case or accents, the way patients type on any keyboard (pure)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`text` with case and accents dropped: "MORÍRME" reads as "morirme", "Überdosis" as
    "uberdosis", "ещё" as "еще", "ß" as "ss" (NFKD, then the combining marks left out).

    Whatever is compared must be folded alike: "й" becomes "и" too, which changes nothing when
    both sides are folded.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)
