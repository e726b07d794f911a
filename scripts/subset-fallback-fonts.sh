#!/usr/bin/env bash
# Makes the two fallback faces of fonts/ (symbols Noto Sans lacks) from Debian's
# fonts-noto-core: Noto Sans Math and Noto Sans Symbols 2, SIL Open Font License 1.1,
# kept to the symbol blocks (U+2000–U+2BFF: punctuation, letterlike symbols, arrows, math
# operators, technical, geometric shapes, miscellaneous symbols, dingbats, supplemental
# arrows and math; U+1F780–U+1F8FF: geometric shapes extended, supplemental arrows C),
# their OpenType layout kept, hinting dropped (the PDF's renderers do not use it).
# The full files are 591 KB and 657 KB; the subsets 135 KB and 170 KB.
#
# Needs fontTools (pyftsubset): `target/venv/bin/python -m pip install fonttools`.
# Run from the repository's root: scripts/subset-fallback-fonts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download fonts-noto-core=20201225-1 >/dev/null && dpkg-deb -x fonts-noto-core_*.deb x)
python=target/venv/bin/python
[ -x "$python" ] || python=python3
for face in NotoSansMath-Regular NotoSansSymbols2-Regular; do
  "$python" -m fontTools.subset "$work/x/usr/share/fonts/truetype/noto/$face.ttf" \
    --unicodes="U+2000-2BFF,U+1F780-1F8FF" --layout-features='*' --no-hinting \
    --drop-tables+=DSIG --name-IDs='*' --name-languages='*' \
    --output-file="fonts/$face.ttf"
done
