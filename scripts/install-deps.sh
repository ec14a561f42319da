#!/usr/bin/env bash
# The one list of Debian 12 packages Limen needs to build, test and benchmark.
# Idempotent: when everything is present it only runs dpkg-query and exits in well under a second.
set -euo pipefail

PACKAGES=(
  # Toolchain
  g++ cmake ninja-build ccache pkg-config clang clang-format clang-tidy libclang-rt-14-dev
  # Libraries
  libboost1.81-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libicu-dev libssl-dev
  libargon2-dev libjemalloc-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # Data: ISO 3166-1 country codes for the document engine
  iso-codes
  # Tools used by tests and benchmarks
  curl wrk sqlite3 postgresql python3
)

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done

# Node.js and npm (benchmark peers) may come from another packaging; only the commands matter.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
