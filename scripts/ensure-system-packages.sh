#!/usr/bin/env bash
# Debian packages the tests run for real (no downloads at run time are possible here):
#   chromium       end-to-end and accessibility tests, PDF rendering (driven by playwright-core)
#   poppler-utils  pdftoppm renders a produced PDF's first page to PNG in the tests
#   kannel         a real SMS gateway (bearerbox + smsbox with the fake SMSC) for the SMS channel tests
#   libvoikko1, voikko-fi  Finnish morphology (base forms, compounds) for text analysis
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/sbin/bearerbox ] || need+=(kannel)
ls /usr/lib/x86_64-linux-gnu/libvoikko.so.1* >/dev/null 2>&1 || ls /usr/lib/*/libvoikko.so.1* >/dev/null 2>&1 || need+=(libvoikko1)
[ -d /usr/lib/voikko ] || [ -d /usr/share/voikko ] || need+=(voikko-fi)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${need[*]}…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
echo "The tests need these Debian packages: sudo apt-get install ${need[*]}" >&2
exit 1
