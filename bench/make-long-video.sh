#!/usr/bin/env bash
# make-long-video.sh — generate a long 720p H.264 test video for benchmarks (NOT committed output).
#
# Makes a 1280x720, 25 fps CFR, H.264 (ultrafast, ~300 kb/s, yuv420p) MP4 with exactly one keyframe
# per second (-g 25 -keyint_min 25 -sc_threshold 0) and +faststart, default length one hour, plus
# a mono AAC 440 Hz sine track (16 kHz, 24 kb/s). Picture: ffmpeg's testsrc2 with a running time
# (HH:MM:SS.mmm) and frame number burnt in at the bottom-left, so a seek can be checked by eye/OCR.
# At the end it checks with ffprobe that there are 25*d frames and keyframes exactly at 0, 1, 2, ...
# s, prints a summary and the time taken, and prints the output path on stdout.
#
# Usage: bench/make-long-video.sh [-o OUT.mp4] [-d SECONDS] [-s WxH] [--full] [--no-audio]
#   -s WxH       frame size (default 1280x720; e.g. 1920x1080 for the five-hour 1080p check)
#   -o OUT.mp4   output file (default: ${TMPDIR:-/tmp}/triangulate-bench/long-720p-<d>s.mp4)
#   -d SECONDS   duration, whole seconds (default 3600); a multiple of 60 unless --full
#   (default)    fast mode: encode one 60 s chunk and stream-copy it d/60 times with the concat
#                demuxer. Container timestamps, frame count, keyframes and seeking are those of a
#                real one-hour file, but the burnt-in clock/frame number restart every minute
#                (they show the position within the minute). The audio is encoded in one piece so
#                it has no gaps at the chunk joins.
#   --full       encode the whole duration directly: burnt-in time and frame number are absolute
#                (frame n shows n and n/25 s). Slower.
#   --no-audio   video only.
#
# Measured on a shared 2-core box (ffmpeg 5.1, Debian 12), one hour, ~150 MB:
#   default (concat) ~9 s, --no-audio ~3 s; --full ~2 min (~30x real time; up to ~4.5 min when
#   the cores are busy with other work).
set -euo pipefail

DUR=3600
SIZE=1280x720
OUT=""
MODE=concat
AUDIO=1
while [ $# -gt 0 ]; do
  case "$1" in
    -o) OUT="$2"; shift 2 ;;
    -d) DUR="$2"; shift 2 ;;
    -s) SIZE="$2"; shift 2 ;;
    --full) MODE=direct; shift ;;
    --no-audio) AUDIO=0; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "make-long-video: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$DUR" =~ ^[0-9]+$ ]] && [ "$DUR" -gt 0 ] || { echo "make-long-video: -d wants whole seconds" >&2; exit 2; }
[[ "$SIZE" =~ ^[0-9]+x[0-9]+$ ]] || { echo "make-long-video: -s wants WIDTHxHEIGHT" >&2; exit 2; }
if [ "$MODE" = concat ] && [ $((DUR % 60)) -ne 0 ]; then
  echo "make-long-video: concat mode needs a duration that is a multiple of 60 s (or use --full)" >&2; exit 2
fi
OUT="${OUT:-${TMPDIR:-/tmp}/triangulate-bench/long-720p-${DUR}s.mp4}"
mkdir -p "$(dirname "$OUT")"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
[ -f "$FONT" ] || { echo "make-long-video: missing $FONT (apt-get install fonts-dejavu-core)" >&2; exit 1; }

FPS=25
VENC=(-c:v libx264 -preset ultrafast -tune zerolatency -b:v 300k -maxrate 300k -bufsize 600k
      -g $FPS -keyint_min $FPS -sc_threshold 0 -pix_fmt yuv420p)
AENC=(-c:a aac -b:a 24k -ac 1 -ar 16000)
VF="drawtext=fontfile=$FONT:text='%{pts\\:hms}  frame %{eif\\:n\\:d\\:6}':x=20:y=h-56:fontsize=36:fontcolor=white:box=1:boxcolor=black@0.8:boxborderw=6"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
t0=$(date +%s.%N)

if [ "$MODE" = direct ]; then
  ain=(); amap=(); aenc=()
  if [ "$AUDIO" = 1 ]; then ain=(-f lavfi -i "sine=f=440:r=16000:d=$DUR"); amap=(-map 1:a); aenc=("${AENC[@]}"); fi
  ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=s=$SIZE:r=$FPS:d=$DUR" "${ain[@]}" \
    -map 0:v -vf "$VF" "${VENC[@]}" "${amap[@]}" "${aenc[@]}" -t "$DUR" -movflags +faststart "$TMP/out.mp4"
else
  ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=s=$SIZE:r=$FPS:d=60" -vf "$VF" "${VENC[@]}" "$TMP/chunk.mp4"
  for _ in $(seq $((DUR / 60))); do printf "file '%s'\n" "$TMP/chunk.mp4"; done > "$TMP/list.txt"
  if [ "$AUDIO" = 1 ]; then
    ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$TMP/list.txt" -f lavfi -i "sine=f=440:r=16000:d=$DUR" \
      -map 0:v -map 1:a -c:v copy "${AENC[@]}" -t "$DUR" -movflags +faststart "$TMP/out.mp4"
  else
    ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$TMP/list.txt" -c copy -movflags +faststart "$TMP/out.mp4"
  fi
fi
mv "$TMP/out.mp4" "$OUT"
t1=$(date +%s.%N)

# Verify: keyframe packets exactly at 0, 1, 2, ... s.
ffprobe -v error -select_streams v:0 -show_entries packet=pts_time,flags -of csv=p=0 "$OUT" |
  awk -F, -v D="$DUR" '
    { n++ } $2 ~ /K/ { k++; t = $1 + 0; if (t != k - 1) bad++ }
    END { printf "frames %d, keyframes %d (expected %d), off-grid keyframes %d\n", n, k, D, bad + 0; exit !(k == D && !bad && n == D * 25) }' >&2 \
  || { echo "make-long-video: keyframe check FAILED for $OUT" >&2; exit 1; }
ffprobe -v error -show_entries format=duration,size:stream=codec_name,width,height,r_frame_rate -of compact "$OUT" >&2
awk -v a="$t0" -v b="$t1" -v m="$MODE" 'BEGIN { printf "make-long-video: %s mode took %.1f s\n", m, b - a }' >&2
echo "$OUT"
