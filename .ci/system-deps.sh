#!/usr/bin/env bash
# System packages that some tests drive for real: Debian's chromium (HTML reports in a headless
# browser) and Mesa >= 25 lavapipe from bookworm-backports (a software Vulkan adapter for the
# WebGPU code path). Best effort: a test whose part is missing reports itself skipped, with why.
set -u
have_lavapipe() { ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1; }
if command -v chromium >/dev/null 2>&1 && have_lavapipe; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: not root or no apt-get; browser/WebGPU tests may be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [ "$codename" = bookworm ] && [ ! -f /etc/apt/sources.list.d/plexus-backports.sources ]; then
  cat >/etc/apt/sources.list.d/plexus-backports.sources <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
apt-get update -qq >/dev/null 2>&1 || echo "system-deps: apt-get update failed" >&2
command -v chromium >/dev/null 2>&1 ||
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 ||
  echo "system-deps: chromium could not be installed" >&2
if ! have_lavapipe; then
  if [ "$codename" = bookworm ]; then
    apt-get install -y -qq --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1 >/dev/null 2>&1
  else
    apt-get install -y -qq --no-install-recommends mesa-vulkan-drivers libvulkan1 >/dev/null 2>&1
  fi || echo "system-deps: mesa-vulkan-drivers could not be installed" >&2
fi
exit 0
