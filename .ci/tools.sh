# Sourced by .ci/test and .ci/book: installs the pinned tools the book needs,
# each only when it is missing or of another version.

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# skeptic keeps every compiled snippet so a warm run only executes them. Its
# default cap (1 GiB) is smaller than the book's snippets (about 120 distinct
# programs of up to 9 MB), and a cap below the working set evicts every entry
# before it is used again.
export SKEPTIC_BINARY_CACHE_MB=${SKEPTIC_BINARY_CACHE_MB:-3072}

# ensure_tool BINARY "VERSION LINE" CRATE VERSION [cargo install flags...]
ensure_tool() {
    local bin=$1 want=$2 crate=$3 version=$4
    shift 4
    if [ "$("$bin" --version 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    echo "==> installing $crate $version (once; takes a few minutes)"
    cargo install --locked --quiet --version "$version" "$crate" "$@"
}

ensure_mdbook() {
    # Only the search feature: without the live-reload server mdBook builds in
    # about 2 minutes instead of about 7.
    ensure_tool mdbook "mdbook v0.5.4" mdbook 0.5.4 --no-default-features --features search
}

ensure_check_tools() {
    ensure_mdbook
    # Offline link checking needs none of lychee's optional network features.
    ensure_tool lychee "lychee 0.24.2" lychee 0.24.2 --no-default-features
    ensure_tool typos "typos-cli 1.52.0" typos-cli 1.52.0
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
