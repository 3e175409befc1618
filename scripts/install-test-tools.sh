#!/usr/bin/env bash
# Install the command-line tools the test suite needs beyond the Python venv.
#
# `docker-compose`: tests/deployment/test_docker_compose.py runs
# `docker-compose config -q` to validate docker-compose.yml. Debian's
# `docker-compose` package (the Python 1.29.x tool) does that without a Docker
# engine, so it works on CI machines that have no Docker at all.
# `chromium` and `chromium-driver`: the site test opens every page in headless Chromium.
#
# Idempotent: a tool already on PATH is left alone. Uses sudo only when not root.
# Called by `make test`; safe to run by hand.
set -euo pipefail

log() { printf 'install-test-tools: %s\n' "$*"; }

if [[ "$(id -u)" -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    SUDO=()
fi

apt_updated=0
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        log "ERROR: apt-get not found; install these packages by hand: $*" >&2
        exit 1
    fi
    if [[ "$(id -u)" -ne 0 && ${#SUDO[@]} -eq 0 ]]; then
        log "ERROR: not root and sudo is not available; install these packages by hand: $*" >&2
        exit 1
    fi
    if [[ $apt_updated -eq 0 ]]; then
        log "running: ${SUDO[*]:+${SUDO[*]} }apt-get update"
        "${SUDO[@]}" apt-get update -qq
        apt_updated=1
    fi
    log "running: ${SUDO[*]:+${SUDO[*]} }apt-get install -y --no-install-recommends $*"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@"
}

if command -v docker-compose >/dev/null 2>&1; then
    log "docker-compose already installed: $(command -v docker-compose) ($(docker-compose version --short 2>/dev/null || echo 'version unknown')); nothing to do"
else
    log "docker-compose not found; installing Debian package 'docker-compose'"
    apt_install docker-compose
    if ! command -v docker-compose >/dev/null 2>&1; then
        log "ERROR: docker-compose still not on PATH after install" >&2
        exit 1
    fi
    log "installed docker-compose: $(command -v docker-compose) ($(docker-compose version --short 2>/dev/null || echo 'version unknown'))"
fi

# Headless Chromium and its WebDriver: tests/site/test_site_in_browser.py opens every page
# of the data-quality site in a real browser. Debian's chromium-driver matches its chromium,
# so selenium never downloads a driver.
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    log "chromium and chromedriver already installed: $(chromium --version 2>/dev/null || echo 'version unknown'); nothing to do"
else
    log "chromium or chromedriver not found; installing Debian packages 'chromium' and 'chromium-driver'"
    apt_install chromium chromium-driver
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
        log "ERROR: chromium or chromedriver still not on PATH after install" >&2
        exit 1
    fi
    log "installed $(chromium --version 2>/dev/null || echo chromium)"
fi
