#!/usr/bin/env bash
# make-demo-assets.sh — regenerate the embedded demo project's media in assets/demo/.
#
# What it makes (all synthetic, public domain / CC0):
#   assets/demo/workshop.mp4       120.000 s, 640x360, 25 fps CFR (3000 frames), H.264 Main yuv420p,
#                                  one keyframe every 25 frames (= every second, closed GOPs at
#                                  t = 0, 1, 2, ... s), +faststart; AAC-LC mono 48 kHz.
#                                  Picture: a 2x2 "workshop" grid of the four speakers; the active
#                                  speaker's tile lights up during their turn; a bottom bar burns in
#                                  the running time (HH:MM:SS.mmm), the SMPTE timecode (25 fps) and
#                                  the frame number (0-based, frame n shows t = n/25 s) so tests can
#                                  check frame-exact seeking by looking at the picture.
#                                  Sound: an espeak-ng dialogue, one voice per speaker, each turn
#                                  time-stretched (atempo) to start and end exactly at the times in
#                                  the TURNS table below.
#   assets/demo/workshop.vtt       the transcript, WebVTT, one cue per turn with a <v Name> voice tag.
#   assets/demo/workshop.srt       the same cues as SRT, text prefixed "NAME: " (upper-case speaker).
#   assets/demo/workshop-vp9.webm  the first 10 s as VP9 + Opus (-avoid_negative_ts disabled), kept
#                                  only if it is under 500 KB — for codec tests.
#
# The TURNS table below is the single source of truth for the cue times, the panel changes and the
# audio placement, so the cue times do not depend on the espeak-ng version. The coders' CSVs in
# assets/demo/coders/ were written by hand against these turn times (they are not generated here).
#
# Requirements: bash, awk, ffmpeg/ffprobe (with libx264, libvpx-vp9, libopus, drawtext),
# espeak-ng, fonts-dejavu-core.   Debian: apt-get install -y ffmpeg espeak-ng fonts-dejavu-core
# Usage:  scripts/make-demo-assets.sh [OUTDIR]      (default OUTDIR: <repo>/assets/demo)
# Takes ~30 s on 2 cores. Output is deterministic for a given ffmpeg/x264/espeak-ng build
# (-threads 1, -fflags +bitexact); other builds give equivalent but not byte-identical files.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$REPO/assets/demo}"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
FONTB=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
FONTM=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
DURATION=120          # seconds, exact
FPS=25
SR=48000              # audio sample rate

for tool in ffmpeg ffprobe espeak-ng awk; do
  command -v "$tool" >/dev/null || { echo "make-demo-assets: missing $tool" >&2; exit 1; }
done
for f in "$FONT" "$FONTB" "$FONTM"; do
  [ -f "$f" ] || { echo "make-demo-assets: missing font $f (apt-get install fonts-dejavu-core)" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------
# Speakers: key|display name|role|activity system|espeak-ng voice|tile x|tile y|tile colour|lit colour
SPEAKERS='lena|Lena|Researcher|Researchers|en-us+f3|8|40|0x2a3550|0x4f7be0
tomas|Tomas|Researcher|Researchers|en-gb+m3|324|40|0x2a3550|0x4f7be0
maya|Maya|STEM coach|Practitioners|en-gb-scotland+f4|8|180|0x4a3222|0xe08a3c
dev|Dev|STEM coach|Practitioners|en-us+m7|324|180|0x4a3222|0xe08a3c'

# Turns: start|end|speaker key|words. Times in seconds (ms precision); the speech fills [start, end).
TURNS='1.000|7.500|lena|Welcome back, everyone. Today we want to co-write the research brief with you, not for you.
8.000|14.500|maya|Good, because the last brief read like a journal article. None of our coaches finished it.
15.000|22.000|tomas|Fair point. We brought the brief template from the funder. It has sections for background, methods and findings.
22.500|29.500|dev|That template is the problem. Coaches want to know what to try on Monday, not the methods.
30.000|37.000|lena|But the funder expects a methods section. That is the rule we are held to, and our careers depend on it.
37.500|44.000|maya|So who is the brief for? The funder, or the teachers we coach every week?
44.500|51.000|tomas|Maybe both. What if coaches choose the topic, and we put the methods in an appendix?
51.500|58.000|dev|Then we should split the work. Coaches draft the practice section, and you review it.
58.500|65.500|lena|I would rather we write every section together, in pairs: one researcher and one coach.
66.000|72.500|maya|Pairs could work. But our district only gives us one hour a month for this.
73.000|79.500|tomas|Then let us use the sticky notes now. Each pair writes one key question for teachers.
80.000|87.000|dev|Here is ours: how do I get quiet students to explain their reasoning in science?
87.500|94.000|lena|Oh, that is it. That question is the brief. Everything else should serve it.
94.500|101.500|maya|Yes! Put the question on the first page, in our words, and the evidence after it.
102.000|109.000|tomas|I worry reviewers will say it is not rigorous. But we can cite the study in the appendix.
109.500|116.000|dev|And we will share the draft with the coaches in our school network before it goes anywhere else.
116.500|119.500|lena|Agreed. Let us start writing.'

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

spk() { # spk KEY FIELD -> field of the speaker row (1-based)
  printf '%s\n' "$SPEAKERS" | awk -F'|' -v k="$1" -v f="$2" '$1==k{print $f}'
}

# Sanity: turns ordered, non-overlapping, inside [0, DURATION].
printf '%s\n' "$TURNS" | awk -F'|' -v D="$DURATION" '
  { if ($1+0 >= $2+0 || $1+0 < prev || $2+0 > D) { print "bad turn " NR ": " $0 > "/dev/stderr"; bad=1 } prev=$2+0 }
  END { exit bad }'

# ---------------------------------------------------------------------------------------------
# 1. Audio: one WAV per "slot" (silence before turn i, then turn i's speech stretched to its exact
#    length), concatenated sample-exactly to DURATION seconds.
echo "make-demo-assets: speech" >&2
concat_inputs=()
n=0
prev_end=0
while IFS='|' read -r -u 3 start end key text; do
  n=$((n + 1))
  voice="$(spk "$key" 5)"
  # Two passes: speak at 160 wpm, then re-speak at the rate that roughly fills the turn (clamped to
  # 110..220 wpm); atempo below does the exact fit.
  rate=160
  for pass in 1 2; do
    espeak-ng -v "$voice" -s "$rate" -w "$TMP/raw$n.wav" "$text" </dev/null
    # Trim espeak's leading/trailing silence, then measure.
    ffmpeg -nostdin -v error -y -i "$TMP/raw$n.wav" -af \
      "silenceremove=start_periods=1:start_threshold=-50dB,areverse,silenceremove=start_periods=1:start_threshold=-50dB,areverse,aresample=$SR" \
      -ac 1 -c:a pcm_s16le "$TMP/trim$n.wav"
    spoken="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/trim$n.wav")"
    rate="$(awk -v r="$rate" -v d="$spoken" -v s="$start" -v e="$end" 'BEGIN { x = int(r*d/(e-s) + 0.5); if (x < 110) x = 110; if (x > 220) x = 220; print x }')"
  done
  read -r gap_samples turn_samples tempo < <(awk -v s="$start" -v e="$end" -v p="$prev_end" -v d="$spoken" -v sr="$SR" \
    'BEGIN { printf "%d %d %.6f\n", (s-p)*sr+0.5, (e-s)*sr+0.5, d/(e-s) }')
  awk -v t="$tempo" -v n="$n" 'BEGIN { if (t < 0.8 || t > 1.25) { printf "turn %d: tempo %.3f out of range, rewrite the turn\n", n, t > "/dev/stderr"; exit 1 } }'
  ffmpeg -nostdin -v error -y -f lavfi -i "anullsrc=r=$SR:cl=mono" -af "atrim=end_sample=$gap_samples" -c:a pcm_s16le "$TMP/gap$n.wav"
  ffmpeg -nostdin -v error -y -i "$TMP/trim$n.wav" -af \
    "atempo=$tempo,apad=whole_len=$turn_samples,atrim=end_sample=$turn_samples" -c:a pcm_s16le "$TMP/turn$n.wav"
  printf '  turn %2d %8.3f-%8.3f %-6s spoken %.3f s, atempo %.3f\n' "$n" "$start" "$end" "$key" "$spoken" "$tempo" >&2
  concat_inputs+=("$TMP/gap$n.wav" "$TMP/turn$n.wav")
  prev_end="$end"
done 3<<< "$TURNS"
# trailing silence
tail_samples="$(awk -v p="$prev_end" -v D="$DURATION" -v sr="$SR" 'BEGIN { printf "%d", (D-p)*sr+0.5 }')"
ffmpeg -nostdin -v error -y -f lavfi -i "anullsrc=r=$SR:cl=mono" -af "atrim=end_sample=$tail_samples" -c:a pcm_s16le "$TMP/tail.wav"
concat_inputs+=("$TMP/tail.wav")
: > "$TMP/audio.txt"
for f in "${concat_inputs[@]}"; do printf "file '%s'\n" "$f" >> "$TMP/audio.txt"; done
ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$TMP/audio.txt" -c:a pcm_s16le "$TMP/dialogue.wav"

# ---------------------------------------------------------------------------------------------
# 2. Picture filter graph.
esc() { # escape text for a drawtext text='...' option inside the filter graph
  printf '%s' "$1" | sed -e "s/\\\\/\\\\\\\\/g" -e "s/'/\\\\'/g" -e 's/:/\\:/g' -e 's/,/\\,/g' -e 's/%/\\%/g'
}
G="drawbox=x=0:y=0:w=iw:h=32:color=0x1b1b1b:t=fill"
G+=",drawtext=fontfile=$FONTB:text='Triangulate demo · Workshop 3 · Co-writing the research brief':x=10:y=9:fontsize=15:fontcolor=white"
while IFS='|' read -r -u 3 key name role system voice tx ty dim lit; do
  # enable expression: any of this speaker's turns
  en="$(printf '%s\n' "$TURNS" | awk -F'|' -v k="$key" '$3==k { s = s (s ? "+" : "") "between(t\\," $1 "\\," $2 ")" } END { print s }')"
  G+=",drawbox=x=$tx:y=$ty:w=308:h=134:color=$dim:t=fill"
  G+=",drawbox=x=$tx:y=$ty:w=308:h=134:color=$lit:t=fill:enable='$en'"
  G+=",drawbox=x=$((tx + 124)):y=$((ty + 14)):w=60:h=60:color=0xffffff@0.35:t=fill"   # "head"
  G+=",drawtext=fontfile=$FONTB:text='$(esc "$name")':x=$((tx + 12)):y=$((ty + 84)):fontsize=22:fontcolor=white"
  G+=",drawtext=fontfile=$FONT:text='$(esc "$role · $system")':x=$((tx + 12)):y=$((ty + 110)):fontsize=14:fontcolor=white@0.85"
  G+=",drawtext=fontfile=$FONTB:text='speaking':x=$((tx + 220)):y=$((ty + 10)):fontsize=14:fontcolor=white:box=1:boxcolor=0x000000@0.4:boxborderw=4:enable='$en'"
done 3<<< "$SPEAKERS"
G+=",drawbox=x=0:y=320:w=iw:h=40:color=0x000000:t=fill"
G+=",drawtext=fontfile=$FONTM:text='t=%{pts\\:hms}':x=10:y=330:fontsize=18:fontcolor=white"
G+=",drawtext=fontfile=$FONTM:text='TC':x=224:y=330:fontsize=18:fontcolor=0xffd24a"
G+=",drawtext=fontfile=$FONTM:timecode='00\\:00\\:00\\:00':rate=$FPS:x=254:y=330:fontsize=18:fontcolor=0xffd24a"
G+=",drawtext=fontfile=$FONTM:text='frame %{eif\\:n\\:d\\:5}':x=470:y=330:fontsize=18:fontcolor=0x7cffa0"
G+=",format=yuv420p"

# ---------------------------------------------------------------------------------------------
# 3. workshop.mp4
echo "make-demo-assets: workshop.mp4" >&2
ffmpeg -nostdin -v error -y -fflags +bitexact \
  -f lavfi -i "color=c=0x101418:s=640x360:r=$FPS:d=$DURATION" \
  -i "$TMP/dialogue.wav" \
  -filter_complex "[0:v]$G[v]" -map "[v]" -map 1:a \
  -c:v libx264 -preset medium -profile:v main -pix_fmt yuv420p -crf 30 -maxrate 400k -bufsize 800k \
  -g $FPS -keyint_min $FPS -sc_threshold 0 -threads 1 \
  -c:a aac -b:a 48k -ac 1 -ar $SR \
  -t $DURATION -movflags +faststart -map_metadata -1 -flags:v +bitexact -flags:a +bitexact \
  -metadata title="Triangulate demo workshop (synthetic)" \
  "$TMP/workshop.mp4"
mv "$TMP/workshop.mp4" "$OUT/workshop.mp4"

# ---------------------------------------------------------------------------------------------
# 4. Transcript: WebVTT and SRT
ts() { # ts SECONDS SEP -> HH:MM:SS<SEP>mmm
  awk -v s="$1" -v sep="$2" 'BEGIN { ms = int(s*1000 + 0.5); printf "%02d:%02d:%02d%s%03d", int(ms/3600000), int(ms/60000)%60, int(ms/1000)%60, sep, ms%1000 }'
}
{
  printf 'WEBVTT - Triangulate demo workshop (synthetic dialogue, CC0)\n\n'
  n=0
  while IFS='|' read -r -u 3 start end key text; do
    n=$((n + 1))
    printf '%d\n%s --> %s\n<v %s>%s\n\n' "$n" "$(ts "$start" .)" "$(ts "$end" .)" "$(spk "$key" 2)" "$text"
  done 3<<< "$TURNS"
} > "$OUT/workshop.vtt"
{
  n=0
  while IFS='|' read -r -u 3 start end key text; do
    n=$((n + 1))
    name="$(spk "$key" 2)"
    printf '%d\n%s --> %s\n%s: %s\n\n' "$n" "$(ts "$start" ,)" "$(ts "$end" ,)" "${name^^}" "$text"
  done 3<<< "$TURNS"
} > "$OUT/workshop.srt"

# ---------------------------------------------------------------------------------------------
# 5. workshop-vp9.webm: first 10 s as VP9/Opus, kept only if < 500 KB.
echo "make-demo-assets: workshop-vp9.webm" >&2
ffmpeg -nostdin -v error -y -i "$OUT/workshop.mp4" -t 10 \
  -c:v libvpx-vp9 -b:v 150k -deadline good -cpu-used 4 -row-mt 1 -g $FPS -keyint_min $FPS -pix_fmt yuv420p \
  -c:a libopus -b:a 48k -avoid_negative_ts disabled -map_metadata -1 \
  "$TMP/workshop-vp9.webm"
size="$(stat -c %s "$TMP/workshop-vp9.webm")"
if [ "$size" -lt 512000 ]; then
  mv "$TMP/workshop-vp9.webm" "$OUT/workshop-vp9.webm"
else
  echo "make-demo-assets: workshop-vp9.webm is $size bytes (>= 500 KB), not kept" >&2
  rm -f "$OUT/workshop-vp9.webm"
fi

ls -l "$OUT" >&2
