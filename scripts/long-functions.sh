#!/usr/bin/env bash
# Lists the functions in Sources/ longer than a limit, longest first, so the team's rule (no
# function over 100 lines, most under 60) can be checked:
#
#   scripts/long-functions.sh            # functions over 60 lines
#   scripts/long-functions.sh 100        # functions over 100 lines
#   scripts/long-functions.sh --check    # exit 1 when any function is over 100 lines
#
# A function is a `func`, `init`, `deinit`, `subscript` or computed `var`, from its declaration
# line to its closing brace (nested functions count in their own right and inside the outer one).
# Braces inside string literals and comments are ignored; generated files (Generated/) are skipped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

limit=60
check=false
case "${1:-}" in
  --check) check=true; limit=100 ;;
  '') ;;
  *) limit="$1" ;;
esac

report="$(find "$root/Sources" -name '*.swift' -not -path '*/Generated/*' -print0 | sort -z | xargs -0 awk -v limit="$limit" -v root="$root/" '
  # The line without string literals and comments (so their braces do not count).
  function code(line,    out, i, c, n, inString, raw) {
    out = ""; inString = 0; raw = 0; n = length(line)
    for (i = 1; i <= n; i++) {
      c = substr(line, i, 1)
      if (inString) {
        if (c == "\\" && !raw) { i++; continue }
        if (c == "\"") { inString = 0; if (raw && substr(line, i + 1, 1) == "#") i++ }
        continue
      }
      if (c == "/" && substr(line, i + 1, 1) == "/") break
      if (c == "#" && substr(line, i + 1, 1) == "\"") { inString = 1; raw = 1; i++; continue }
      if (c == "\"") { inString = 1; raw = 0; continue }
      out = out c
    }
    return out
  }
  FNR == 1 { depth = 0; top = 0; pending = ""; inBlock = 0 }
  {
    line = $0
    # Multi-line string literals: skip their bodies.
    if (inBlock) { if (line ~ /"""/) inBlock = 0; next }
    if (line ~ /"""[ \t]*$/ && line !~ /^[ \t]*"""/) { inBlock = 1 }
    text = code(line)
    if (text ~ /(^|[^A-Za-z0-9_])(func[ \t]+[^ \t(<]+|init[?!]?[ \t]*[(<]|deinit[ \t]*\{|subscript[ \t]*[(<])/ \
        || text ~ /(^|[ \t])var[ \t]+[A-Za-z0-9_]+[ \t]*:[^=]*\{[ \t]*$/) {
      name = text
      sub(/^[ \t]+/, "", name)
      sub(/[ \t]*\{.*$/, "", name)
      pending = name; pendingLine = FNR
    }
    n = length(text)
    for (i = 1; i <= n; i++) {
      c = substr(text, i, 1)
      if (c == "{") {
        depth++
        if (pending != "") { top++; startLine[top] = pendingLine; startDepth[top] = depth; names[top] = pending; pending = "" }
      } else if (c == "}") {
        if (top > 0 && startDepth[top] == depth) {
          size = FNR - startLine[top] + 1
          if (size > limit) { file = FILENAME; sub(root, "", file); printf "%5d  %s:%d  %s\n", size, file, startLine[top], names[top] }
          top--
        }
        depth--
      }
    }
    # A declaration without a body on its line (a protocol requirement, or a body further down).
    if (pending != "" && text ~ /\)[ \t]*(throws|rethrows|async)?[ \t]*(->[^{]*)?$/ && text !~ /[,(][ \t]*$/) {
      if (FNR > pendingLine + 3) pending = ""
    }
  }
' | sort -rn)"

if [[ -n "$report" ]]; then echo "$report"; fi
count="$(printf '%s' "$report" | grep -c . || true)"
echo "$count functions over $limit lines"
if $check && [[ "$count" -gt 0 ]]; then exit 1; fi
