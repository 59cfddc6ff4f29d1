#!/bin/sh
# Stands in for powershell.exe in the process-plumbing test. $6 is the value after -File: a directory where it
# records its arguments, and from which it reads the answer it prints (after a noise line, like real modules).
dir="$6"
printf '%s\n' "$@" > "$dir/args.txt"
if [ -f "$dir/sleep" ]; then sleep 30; fi
read -r line
case "$line" in
  *domainPassword*) echo 'WARNING: imported commands include unapproved verbs.'; cat "$dir/answer.json"; exit 0 ;;
  *) echo '{"ok":false,"error":"no credentials arrived on standard input"}'; exit 1 ;;
esac
