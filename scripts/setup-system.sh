#!/usr/bin/env bash
# Installs the Debian packages swift-nlp builds against, once; a no-op when they are present.
set -euo pipefail
packages=(libopenblas-dev libicu-dev libutf8proc-dev libedit-dev unicode-data pkg-config bzip2)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
