#!/usr/bin/env bash
# Debian packages the tests and the local VS Code need: Chromium (driven headless by
# playwright-core), ripgrep (VS Code's search; code-server would download it from GitHub),
# libkrb5-dev (code-server's kerberos module builds against it), emoji font (⏱ 🔥 in the UI),
# unzip (the project-shape tests run the runner of the unpacked .vsix).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
command -v ps >/dev/null || need+=(procps)
command -v curl >/dev/null || need+=(curl)
command -v unzip >/dev/null || need+=(unzip)   # the project-shape tests unpack the built .vsix
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
