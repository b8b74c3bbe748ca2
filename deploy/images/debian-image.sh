# Shared by build-base-image and build-prometheus-image (sourced, not run): a minimal Debian bookworm
# root filesystem from Debian packages alone (debootstrap --variant=minbase), trimmed to what a
# container runs, packed as a `docker save` archive (docker-archive) that jib reads as `tar://` base
# image and `podman load` / `docker load` read as they are. No registry other than Debian's is
# needed, and no Docker engine. Every image gets /usr/local/bin/glsmon-healthcheck (the compose
# healthchecks use it). Needs root: debootstrap and chroot.
#
# GLSMON_DEBIAN_MIRROR overrides the mirror, which otherwise comes from the machine's apt sources.

suite=bookworm
image_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { echo "$(basename "$0"): $*" >&2; }
# runs a command inside the root filesystem, with none of the caller's environment
in_root() { local root=$1; shift; env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot "$root" "$@"; }

# The Debian mirror apt uses here, from deb822 (.sources) or one-line (.list) sources; Debian's
# own on a machine that is not Debian (its apt sources name another distribution's archive).
debian_mirror() {
  if [ -n "${GLSMON_DEBIAN_MIRROR:-}" ]; then echo "$GLSMON_DEBIAN_MIRROR"; return; fi
  if ! grep -qx 'ID=debian' /etc/os-release 2>/dev/null; then echo http://deb.debian.org/debian; return; fi
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/ && $i !~ /security/) { print $i; exit } }')
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

require_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return
  [ "$(id -u)" -eq 0 ] || { log "debootstrap is missing: apt-get install debootstrap (as root)"; exit 1; }
  log "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  }
}

# debootstrap minbase with PACKAGES (comma-separated) into ROOT, plus the healthcheck script.
debootstrap_rootfs() {
  local root=$1 packages=$2 mirror
  [ "$(id -u)" -eq 0 ] || { log "run as root: debootstrap and chroot need it"; exit 1; }
  require_debootstrap
  mirror=$(debian_mirror)
  log "debootstrap $suite + $packages from $mirror (about a minute)"
  debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" > "$root.debootstrap.log" 2>&1 || {
    tail -n 30 "$root.debootstrap.log" >&2; exit 1; }
  install -m 0755 "$image_lib_dir/glsmon-healthcheck" "$root/usr/local/bin/glsmon-healthcheck"
}

# Debian's root filesystem trimmed to what a container runs: no package lists or caches, no docs
# (the copyright files stay), no man pages or translations, no host files debootstrap copied in.
trim_rootfs() {
  local root=$1
  rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old \
         "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/lintian "$root"/tmp/* "$root"/var/tmp/*
  find "$root"/usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete
  find "$root"/usr/share/doc -mindepth 1 -type d -empty -delete
  find "$root"/usr/share/locale -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  find "$root"/var/log -type f -delete
  # the container runtime provides these
  : > "$root"/etc/resolv.conf
  : > "$root"/etc/hostname
  rm -f "$root"/etc/machine-id "$root"/var/lib/dbus/machine-id
  find "$root"/dev "$root"/proc "$root"/sys -mindepth 1 -delete
}

# A directory as one uncompressed, reproducibly ordered layer tarball.
pack_layer() {
  local dir=$1 layer=$2
  tar --create --file "$layer" --directory "$dir" --numeric-owner --xattrs --sort=name \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime .
}

# docker-archive OUTPUT of the layer tarballs LAYERS (in order) with the image config CONFIG_JSON
# (its "config" object: Env, Entrypoint, Cmd, User, ExposedPorts...), tagged TAGS (comma-separated).
pack_image() {
  local output=$1 tags=$2 config_json=$3; shift 3
  local dir created diff_ids="" layers="" layer i=0
  dir=$(mktemp -d "$(dirname "$output")/pack.XXXXXX")
  created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for layer in "$@"; do
    ln "$layer" "$dir/layer$i.tar" 2>/dev/null || cp "$layer" "$dir/layer$i.tar"
    diff_ids+="${diff_ids:+,}\"sha256:$(sha256sum "$layer" | cut -d' ' -f1)\""
    layers+="${layers:+,}\"layer$i.tar\""
    i=$((i + 1))
  done
  cat > "$dir/config.json" <<JSON
{"architecture":"$(dpkg --print-architecture)","os":"linux","created":"$created",
 "config":$config_json,
 "rootfs":{"type":"layers","diff_ids":[$diff_ids]},
 "history":[{"created":"$created","created_by":"deploy/images/$(basename "$0")"}]}
JSON
  echo "[{\"Config\":\"config.json\",\"RepoTags\":[\"${tags//,/\",\"}\"],\"Layers\":[$layers]}]" > "$dir/manifest.json"
  tar --create --file "$output.partial" --directory "$dir" --sort=name manifest.json config.json $(cd "$dir" && ls layer*.tar)
  mv "$output.partial" "$output"
  rm -rf "$dir"
}

# Runs BUILD_FUNCTION CACHED_FILE unless the cache (keyed by the content of the calling script, this
# library and the healthcheck) already holds it, then links or copies it to OUTPUT. One build at a
# time per machine; concurrent callers wait and then find the cache filled. Archives of other keys
# stay (worktrees of other versions share the cache): delete them by hand to reclaim the space.
# GLSMON_BASE_IMAGE_REBUILD=1 builds anew (say, for Debian's security updates).
cached_build() {
  local name=$1 output=$2 build_function=$3 cache_dir key cached started
  cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/glsmon/base-image
  mkdir -p "$cache_dir"
  key=$(cat "$0" "$image_lib_dir/debian-image.sh" "$image_lib_dir/glsmon-healthcheck" | sha256sum | cut -c1-16)
  cached=$cache_dir/$name-$key.tar
  exec 9> "$cache_dir/.lock"
  flock 9
  if [ "${GLSMON_BASE_IMAGE_REBUILD:-0}" = 1 ] || [ ! -s "$cached" ]; then
    started=$SECONDS
    "$build_function" "$cached"
    log "built $cached ($(du -h "$cached" | cut -f1)) in $((SECONDS - started)) s"
  fi
  exec 9>&-
  mkdir -p "$(dirname "$output")"
  if [ ! "$cached" -ef "$output" ]; then
    ln -f "$cached" "$output" 2>/dev/null || cp "$cached" "$output"
  fi
}
