# Shared by scripts/demo and scripts/test: the virtual environment, installed only when
# pyproject.toml changed since the last install (so a second run starts at once).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

# Server-rendered PDFs (kyodo/core/pdf.py, WeasyPrint) need pango and the Japanese fonts.
PDF_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk)

ensure_venv() {  # $1: pip extras ("" or "[test]")
    local extras="${1:-}"
    ensure_debian_packages "${PDF_PACKAGES[@]}"
    if [ ! -x "$PY" ]; then
        echo "==> creating the virtual environment (.venv)"
        python3 -m venv "$VENV"
    fi
    local stamp="$VENV/.kyodo-installed${extras//[^a-z]/-}"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        echo "==> installing Python packages ${extras}"
        "$PY" -m pip install --quiet --upgrade pip
        "$PY" -m pip install --quiet -e ".${extras}"
        touch "$stamp"
    fi
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
ensure_debian_packages() {  # names of Debian packages that must be installed
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> installing Debian packages: ${missing[*]}"
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A local PostgreSQL cluster with the role kyodo/kyodo; sets PG_PORT (tests and benchmarks).
start_postgres() {
    local version
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    if ! pg_lsclusters -h | grep -q "^$version main"; then
        as_root pg_createcluster "$version" main >/dev/null
    fi
    if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
        as_root pg_ctlcluster "$version" main start
    fi
    PG_PORT=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    as_root runuser -u postgres -- psql -p "$PG_PORT" -q -v ON_ERROR_STOP=1 -c "
        DO \$\$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kyodo') THEN
            CREATE ROLE kyodo LOGIN SUPERUSER PASSWORD 'kyodo';
          END IF;
        END \$\$;" >/dev/null
}
