#!/usr/bin/env bash
# The Debian packages the project needs outside Python, in one list for `make run`,
# `make test`, `make test-postgres` and CI (.ci/run):
#
#   bash scripts/system-packages.sh run|test|postgres|ci
#
# As root with apt-get, whatever is missing is installed (apt-get update first, only
# when something is missing). Otherwise nothing is installed and one line says what is
# missing, what it costs and the command that installs it; the make target goes on, and
# the test run ends with one line naming what it skipped. CI must have everything:
# there a failed install is an error.
set -euo pipefail

# Evidence PDFs (WeasyPrint shapes Thai through Pango/HarfBuzz).
RUN=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
# Tests: read the PDFs back (poppler), Debian Chromium with a Thai font for the browser
# tests, redis-server for the multi-process cache test, gettext for the catalogue checks.
TEST=("${RUN[@]}" poppler-utils chromium fonts-thai-tlwg fontconfig redis-server gettext)
# The PostgreSQL test run starts a throwaway cluster (.ci/postgres.sh).
POSTGRES=(postgresql)

case "${1:-}" in
    run) wanted=("${RUN[@]}") what="the evidence PDFs" ;;
    test) wanted=("${TEST[@]}") what="the browser, PDF and Redis tests" ;;
    postgres) wanted=("${POSTGRES[@]}") what="the PostgreSQL test run" ;;
    ci) wanted=("${TEST[@]}" "${POSTGRES[@]}") what="CI" ;;
    *)
        echo "usage: $0 run|test|postgres|ci" >&2
        exit 2
        ;;
esac

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
if command -v dpkg-query >/dev/null; then
    for package in "${wanted[@]}"; do
        installed "$package" || missing+=("$package")
    done
fi
# axe-core for the accessibility test comes from npm; Node.js may come from elsewhere
# (nodesource bundles npm, and Debian's npm would conflict with it).
if [[ "$1" != run && "$1" != postgres ]] && ! command -v npm >/dev/null; then
    missing+=(nodejs npm)
fi
[[ ${#missing[@]} == 0 ]] && exit 0

if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing system packages for $what: ${missing[*]}" >&2
    if [[ "$1" == postgres || "$1" == ci ]]; then
        # The tests start their own cluster: keep the package from creating one on :5432.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/moit.conf
    fi
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null; then
        exit 0
    fi
    echo "Could not install: ${missing[*]}" >&2
    [[ "$1" == ci ]] && exit 1
    exit 0
fi

echo "Missing system packages for $what: ${missing[*]}." \
    "Install them with: sudo apt-get install ${missing[*]}" >&2
[[ "$1" == ci ]] && exit 1
exit 0
