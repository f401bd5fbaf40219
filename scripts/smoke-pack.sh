#!/usr/bin/env bash
# Pack smoke test (npm run test:pack; CI runs it): npm pack, install the tarball into an empty
# prefix, then from an empty folder run the installed `triangulate`: --help, demo, agreement,
# and open (web mode: fetch the printed address with its token, check the page and its script).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "pack smoke test FAILED: $*" >&2; exit 1; }

echo "== npm pack (prepack: npm run build)"
npm pack --pack-destination "$work" --loglevel=error >&2
tgz=$(ls "$work"/triangulate-*.tgz)
echo "   $(basename "$tgz"): $(du -h "$tgz" | cut -f1)"

echo "== npm install -g --prefix <empty> $(basename "$tgz") (compiles better-sqlite3 where no prebuilt binary is reachable)"
npm install -g --prefix "$work/prefix" "$tgz" --no-audit --no-fund --loglevel=error
pkg="$work/prefix/lib/node_modules/triangulate"
bin="$work/prefix/bin/triangulate"
for dev in tsx typescript vite vitest electron react esbuild; do
  [ ! -e "$pkg/node_modules/$dev" ] || fail "dev dependency $dev was installed"
done
[ ! -e "$pkg/src" ] || fail "the TypeScript sources were packed"

mkdir "$work/cwd" && cd "$work/cwd"
export TRIANGULATE_HOME="$work/home"
echo "== triangulate --help"
"$bin" --help | grep -q '^  open \[project\]' || fail "--help does not list open"
echo "== triangulate demo D"
"$bin" demo D
project="D/Demo workshop.triangulate"
echo "== triangulate agreement \"$project\""
"$bin" agreement "$project" --format json > agreement.json
node -e 'const r=JSON.parse(require("fs").readFileSync("agreement.json","utf8")); if (r.coders.join()!=="amina,ben,chen"||!(r.codes.length>0)) process.exit(1)' || fail "agreement output"
"$bin" agreement "$project" | head -3

echo "== triangulate open \"$project\""
"$bin" open "$project" > open.log 2>&1 &
server=$!
url=""
for _ in $(seq 1 60); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[A-Za-z0-9_-]*' open.log || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat open.log >&2; fail "open exited"; }
  sleep 0.5
done
[ -n "$url" ] || { cat open.log >&2; fail "open printed no address"; }
echo "   $url"
html=$(curl -sf "$url") || fail "GET $url"
grep -q '<div id="root"' <<<"$html" || fail "the page is not the app"
script=$(grep -o 'src="[^"]*\.js"' <<<"$html" | head -1 | sed 's/^src="\.\{0,1\}//; s/"$//')
base=${url%%/?token=*}
curl -sf -o /dev/null "$base$script" || fail "GET $base$script (the renderer's script)"
echo "pack smoke test: ok"
