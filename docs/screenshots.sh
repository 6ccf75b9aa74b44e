#!/bin/sh
# Screenshots of the pod timeline page in headless Chromium (Debian: apt-get install chromium):
# the demo's loap pod and its latest OOMKilled pod, into docs/.
#   ./podlife demo &                     # wait until the loap pod was deleted (~20 s) and hungry OOMKilled
#   export READ=plt_…                    # the read token the demo's banner printed (its "export READ=… ADMIN=…" line)
#   docs/screenshots.sh http://127.0.0.1:8080
set -eu
api="${1:-http://127.0.0.1:8080}"
: "${READ:?set READ to a read token, e.g. the one the demo printed}"
out="$(dirname "$0")"
first_uid() { python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(items[0]["uid"] if items else "")'; }
get() { curl -fsS -H "Authorization: Bearer $READ" "$api$1"; }
loap="$(get "/api/v1/pods?workload=Deployment/loap&deleted=true&limit=1" | first_uid)"
oom="$(get "/api/v1/terminations?reason=OOMKilled&limit=1" | first_uid)"
[ -n "$loap" ] && [ -n "$oom" ] || { echo "no deleted loap pod or no OOMKilled pod yet at $api; wait and retry" >&2; exit 1; }
# a browser cannot send a bearer token: the pages take Basic credentials (any user, the token as password), which
# Chromium sends from the URL after the page's Basic challenge
pages="$(printf '%s' "$api" | sed "s#://#://podlife:$READ@#")/ui/pods"
shot() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,"$3" \
    --screenshot="$out/$1" "$pages/$2" 2>/dev/null
}
shot timeline-loap.png "$loap" 560
shot timeline-oomkilled.png "$oom" 480
echo "wrote $out/timeline-loap.png ($loap) and $out/timeline-oomkilled.png ($oom)"
