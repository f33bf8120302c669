#!/usr/bin/env bash
# Builds a minimal Java runtime base image WITHOUT Docker or network access, as a `docker save`
# style tar (manifest.json + config + one layer tar) that Jib accepts as
# -Dquarkus.jib.base-jvm-image=tar:///abs/path/to/base.tar
#
# Contents: a jlink runtime of the local JDK in /opt/java (java on PATH), the shared libraries it
# and ONNX Runtime need (copied from this machine, found with ldd), /etc/passwd with user 185,
# /tmp (1777) and /home/default (owned by 185). Runs as user 185. It stands in for the default
# UBI OpenJDK runtime image where that image cannot be pulled.
#
# usage: jre-base-image.sh OUTPUT.tar
# env:   JAVA_HOME (default: from `java` on PATH), JRE_MODULES (comma-separated, default below)
set -euo pipefail

out="${1:?usage: jre-base-image.sh OUTPUT.tar}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

# The modules the services need at run time: what `jdeps --print-module-deps` finds in their jars
# (deploy-check's ImagesTest checks every image against it), plus providers that are only loaded
# as services and so invisible to jdeps (EC and PKCS#11 crypto, JNDI DNS, zip file system,
# locale data, JAAS login modules).
DEFAULT_MODULES="java.base,java.logging,java.management,java.naming,java.net.http,java.rmi,\
java.security.jgss,java.security.sasl,java.sql,java.xml,java.desktop,java.instrument,java.scripting,\
jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.security.auth,\
jdk.zipfs,jdk.localedata"
modules="${JRE_MODULES:-$DEFAULT_MODULES}"

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
jlink="$JAVA_HOME/bin/jlink"
[ -x "$jlink" ] || { echo "error: no jlink in $JAVA_HOME/bin (a full JDK is needed)" >&2; exit 1; }
[ -d "$JAVA_HOME/jmods" ] || { echo "error: $JAVA_HOME/jmods is missing (install the JDK's jmods)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/home/default"

"$jlink" --module-path "$JAVA_HOME/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java"
# Distributions link some runtime files (cacerts, policies) to /etc; keep the real files.
find "$root/opt/java" -type l | while read -r link; do
  target="$(readlink -f "$link" || true)"
  rm -f "$link"
  if [ -n "$target" ] && [ -f "$target" ]; then cp "$target" "$link"; fi
done

# A server needs no display, sound or image codecs: drop the natives that link X11, ALSA, freetype
# and friends (java.desktop stays for java.beans; headless AWT keeps working).
for native in libawt_xawt.so libjsound.so libsplashscreen.so libfontmanager.so liblcms.so libjavajpeg.so; do
  rm -f "$root/opt/java/lib/$native"
done

# Shared libraries of the JVM, its native libraries, and what ONNX Runtime's native library needs.
copy_lib() {
  local lib="$1"
  [ -e "$root$lib" ] && return 0
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
}
while read -r lib; do copy_lib "$lib"; done < <(
  find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
    | LD_LIBRARY_PATH="$root/opt/java/lib:$root/opt/java/lib/server" xargs -0 ldd 2>/dev/null \
    | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | grep -v "^$root" | sort -u)
ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
for extra in libstdc++.so.6 libgcc_s.so.1 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1; do
  # awk reads to the end: leaving early would kill ldconfig with SIGPIPE, which pipefail turns
  # into a silent exit of this script whenever ldconfig had not finished writing.
  path="$("$ldconfig" -p 2>/dev/null | awk -v n="$extra" '!found && $1 == n && /x86-64|x86_64|AArch64|aarch64/ {print $NF; found = 1}')" || path=""
  [ -n "$path" ] && copy_lib "$path"
done

cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
default:x:185:0:Java runtime user:/home/default:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat > "$root/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
EOF
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"

# One layer, entries without a leading "./", fixed owners and times so the digest is stable.
layer="$work/layer.tar"
common=(--format=gnu --numeric-owner --mtime=@0 --sort=name)
(cd "$root" && tar "${common[@]}" --owner=0 --group=0 --mode=u+w -cf "$layer" \
  $(find . -mindepth 1 -maxdepth 1 ! -name tmp ! -name home -printf '%P\n' | sort))
(cd "$root" && tar "${common[@]}" --owner=0 --group=0 --mode=1777 --no-recursion -rf "$layer" tmp)
(cd "$root" && tar "${common[@]}" --owner=0 --group=0 --no-recursion -rf "$layer" home)
(cd "$root" && tar "${common[@]}" --owner=185 --group=0 --mode=0775 --no-recursion -rf "$layer" home/default)

diff_id="$(sha256sum "$layer" | cut -d' ' -f1)"
java_version="$("$root/opt/java/bin/java" -XshowSettings:properties -version 2>&1 \
  | awk -F'= ' '/java.runtime.version/ {print $2}')"
arch="$(uname -m)"; case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac

cat > "$work/config.json" <<EOF
{
  "architecture": "$arch",
  "os": "linux",
  "created": "1970-01-01T00:00:00Z",
  "config": {
    "User": "185",
    "Env": [
      "PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin",
      "JAVA_HOME=/opt/java",
      "LANG=C.UTF-8"
    ],
    "WorkingDir": "/home/default",
    "Labels": {
      "io.mlops.base.image": "mlops-jre (deploy/images/jre-base-image.sh)",
      "io.mlops.base.java-version": "${java_version}",
      "io.mlops.base.java-modules": "$modules"
    }
  },
  "rootfs": { "type": "layers", "diff_ids": ["sha256:$diff_id"] },
  "history": [ { "created": "1970-01-01T00:00:00Z", "created_by": "deploy/images/jre-base-image.sh" } ]
}
EOF
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/$config_id.json"
mv "$layer" "$work/$diff_id.tar"
cat > "$work/manifest.json" <<EOF
[ { "Config": "$config_id.json", "RepoTags": ["mlops/jre:17"], "Layers": ["$diff_id.tar"] } ]
EOF
(cd "$work" && tar --format=gnu --numeric-owner --owner=0 --group=0 --mtime=@0 \
  -cf "$out" manifest.json "$config_id.json" "$diff_id.tar")
echo "$out: jlink runtime of Java $java_version ($(du -h "$out" | cut -f1)), modules: $modules"
