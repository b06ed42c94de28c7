"""The font for Chinese labels in pictures, and keeping matplotlib's font list honest.

matplotlib lists the system fonts once and keeps the list in a cache file it
never revisits, so a font installed afterwards (``apt-get install
fonts-noto-cjk``) stays invisible to it and every picture was refused for want
of a font that was there.  When fontconfig knows a CJK font that matplotlib
does not, the cache is rebuilt.
"""
from __future__ import annotations

import subprocess

from kg.errors import ViewError, require

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "AR PL UMing CN", "Droid Sans Fallback", "Microsoft YaHei", "SimHei")


def _matplotlib_fonts() -> set[str]:
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist}


def fontconfig_cjk_files() -> list[str]:
    """Font files fontconfig knows with Chinese glyphs (``fc-list :lang=zh``); [] without fontconfig."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(":", 1)[0].strip() for line in out.splitlines() if line.strip()})


def _pick(names: set[str]) -> str | None:
    for name in CJK_FONTS:
        if name in names:
            return name
    return next((n for n in sorted(names) if "CJK" in n or "Han" in n), None)


def refresh_font_cache() -> bool:
    """Rebuild matplotlib's font cache when fontconfig has a CJK font matplotlib does not know;
    True when it did."""
    from matplotlib import font_manager

    if _pick(_matplotlib_fonts()) or not fontconfig_cjk_files():
        return False
    rebuild = getattr(font_manager, "_load_fontmanager", None)  # matplotlib's own rebuild (3.x), not public
    if rebuild is not None:
        font_manager.fontManager = rebuild(try_read_cache=False)  # also rewrites the cache file
    if not _pick(_matplotlib_fonts()):  # a font outside matplotlib's search paths: add the files themselves
        for f in fontconfig_cjk_files():
            try:
                font_manager.fontManager.addfont(f)
            except (OSError, RuntimeError, ValueError):
                continue
    return True


def cjk_font() -> str:
    """The name of an installed font that has Chinese glyphs."""
    require("matplotlib", "views")
    found = _pick(_matplotlib_fonts())
    if found is None and refresh_font_cache():
        found = _pick(_matplotlib_fonts())
    if found is None:
        raise ViewError("no font with Chinese characters is installed, so labels would be empty boxes; "
                        "install one (Debian: apt-get install fonts-noto-cjk)")
    return found
