# shellcheck shell=bash
# Shared helpers for podnet's scripts: cache location, logging, apt.

PODNET_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PODNET_CACHE=${PODNET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/podnet}
KERNELS="debian-6.1 debian-6.12 debug"

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# apt-get install only what is missing, so a second run does nothing.
apt_ensure() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing ${missing[*]}"
	apt_lists_fresh
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 ||
		die "apt-get install ${missing[*]} failed"
}

# Refresh the system package lists at most once a day.
apt_lists_fresh() {
	local stamp=/var/lib/apt/periodic/update-success-stamp
	if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -n1)" ] &&
	   [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
		log "apt-get update"
		apt-get update -q >&2 || die "apt-get update failed"
	fi
}
