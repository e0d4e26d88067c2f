#!/usr/bin/env bash
# The operator command of the vendor-zoo runs (`--operator-command`): hands the suite's action
# (MOSWS_ACTION) to a zoo system's control endpoint (POST /action), the way a vendor's CI script
# would drive its product's API. bash's /dev/tcp keeps it cheap: the suite may call it dozens of
# times per run. Exit 0: done; 3: not possible (the endpoint answered 501); 1: anything else.
set -u
control="${1:?usage: MOSWS_ACTION=JSON vendor-zoo-trigger.sh http://HOST:PORT}"
hostport="${control#http://}"
host="${hostport%:*}"
port="${hostport##*:}"
body="${MOSWS_ACTION:?MOSWS_ACTION is not set}"
# The zoo's control API (its README) has roElementAction on stories only: item forms are not possible.
case "$body" in *'"form":"items"'*) echo "the zoo's control endpoint cannot act on items (roElementAction of stories only)" >&2; exit 3 ;; esac
exec 3<>"/dev/tcp/${host}/${port}" || { echo "control endpoint unreachable: ${control}" >&2; exit 1; }
printf 'POST /action HTTP/1.0\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' "$hostport" "${#body}" "$body" >&3
IFS=' ' read -r -t 5 _ status _ <&3 || { echo "no answer from ${control} within 5 s" >&2; exit 1; }
reply="$(timeout 5 cat <&3)"
exec 3<&-
case "$status" in
  200) exit 0 ;;
  501) echo "control endpoint answered 501: ${reply##*$'\r\n\r\n'}" >&2; exit 3 ;;
  *) echo "control endpoint answered ${status}: ${reply##*$'\r\n\r\n'}" >&2; exit 1 ;;
esac
