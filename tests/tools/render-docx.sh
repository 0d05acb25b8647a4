#!/usr/bin/env bash
# Renders a bulletin's Word document to a PNG of its first page, for the README, the way an office would see it
# opened: LibreOffice (Debian's libreoffice-writer-nogui) converts it to PDF headless, poppler's pdftoppm draws the page.
# Not part of the test command (LibreOffice takes a while to start); the tests check the document with OpenXmlValidator.
#   bash tests/tools/render-docx.sh bulletin.docx web/screenshots/bulletin-docx.png
set -euo pipefail
docx="$1"; png="$2"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk" >&2; exit 1; }
done
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
soffice --headless -env:UserInstallation="file://$work/profile" --convert-to pdf --outdir "$work" "$docx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/$(basename "${docx%.*}").pdf" "${png%.png}"
echo "wrote $png"
