#!/bin/sh
# Generates the display's built-in voice pack: one short Ogg Vorbis clip per word, number word and
# letter, spoken by espeak-ng's Indonesian voice and trimmed of silence with sox, into
# ../src/main/resources/web/voice/. The display plays them back to back for a call:
#   nomor-antrean huruf-a tujuh belas silakan-menuju loket dua
# Needs the Debian packages espeak-ng and sox (with libsox-fmt-all or libsox-fmt-ogg).
# Rerun after changing a word; commit the clips. An office's own recordings of the same names
# (ANTREAN_VOICE_DIR) are served instead of these.
set -eu
here=$(dirname "$0")
out="$here/../src/main/resources/web/voice"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# clip name | what espeak-ng says
clips='
nomor-antrean|nomor antrean
silakan-menuju|silakan menuju
loket|loket
nol|nol
satu|satu
dua|dua
tiga|tiga
empat|empat
lima|lima
enam|enam
tujuh|tujuh
delapan|delapan
sembilan|sembilan
sepuluh|sepuluh
sebelas|sebelas
belas|belas
puluh|puluh
seratus|seratus
ratus|ratus
seribu|seribu
ribu|ribu
huruf-a|a
huruf-b|be
huruf-c|ce
huruf-d|de
huruf-e|e
huruf-f|ef
huruf-g|ge
huruf-h|ha
huruf-i|i
huruf-j|je
huruf-k|ka
huruf-l|el
huruf-m|em
huruf-n|en
huruf-o|o
huruf-p|pe
huruf-q|ki
huruf-r|er
huruf-s|es
huruf-t|te
huruf-u|u
huruf-v|fe
huruf-w|we
huruf-x|eks
huruf-y|ye
huruf-z|zet
'

echo "$clips" | while IFS='|' read -r name text; do
  [ -n "$name" ] || continue
  # -s 140: a little slower than espeak's default, for an echoing waiting room; -a 180: loud.
  espeak-ng -v id -s 140 -a 180 -w "$tmp/$name.wav" "$text"
  # Mono 16 kHz Vorbis at the lowest quality is clear for speech and a few KB per clip; the
  # silence espeak leaves at both ends is cut so the words join naturally, then 60 ms kept after.
  sox -G "$tmp/$name.wav" -r 16000 -c 1 -C 0 "$out/$name.ogg" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0 0.06
done
du -ch "$out"/*.ogg | tail -1
