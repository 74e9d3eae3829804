#!/usr/bin/env bash
# Builds the container image's base offline, from this Debian machine, as a tarball in `docker save` format that Jib
# takes as `tar://` base (docs/deploy.md, docs/adr/010-image-container-base-built-offline.md):
#   - a Java 17 runtime made by jlink with the modules the runnable jar needs (jdeps) and those it loads by name;
#   - the shared libraries that runtime and the jar's own native libraries need (ldd), copied from this system;
#   - a non-root user (65532), /tmp, the data directory /var/lib/atlas-ops owned by that user, CA certificates,
#     a font for the PNG export;
#   - the Debian packages every copied file came from, with their copyright files, in /usr/share/doc.
# Linux x86-64 with dpkg only: it copies this machine's libraries.
#
# usage: build-base.sh JAVA17_HOME RUNNABLE_JAR OUTPUT_DIR
set -euo pipefail

die() { echo "build-base.sh: $*" >&2; exit 2; }

[[ $# -eq 3 ]] || die "usage: build-base.sh JAVA17_HOME RUNNABLE_JAR OUTPUT_DIR"
jdk=$1 jar=$2 out=$3
# the output directory is emptied first: never the root, never an empty name (which would make the rootfs /rootfs)
[[ -n $out && $(realpath -m -- "$out") != / ]] || die "OUTPUT_DIR '$out' is empty or /: give a directory of its own, such as cli/target/container-base"
[[ $(uname -s)/$(uname -m) == Linux/x86_64 ]] || die "builds an amd64 base from this machine's libraries: Linux x86-64 only"
command -v dpkg-query >/dev/null || die "needs a Debian system (dpkg) to record where each copied file comes from"
[[ -f $jar ]] || die "no runnable jar at $jar: run the package phase of the cli module first"
grep -q '^JAVA_VERSION="17\.' "$jdk/release" 2>/dev/null \
  || die "$jdk is not a Java 17 JDK; the image's runtime is Java 17: run Maven with a JDK 17 (JAVA_HOME)"
[[ -f $jdk/jmods/java.base.jmod ]] \
  || die "$jdk has no jmods, which jlink needs: install Debian's openjdk-17-jdk-headless"
owner() {  # the package that installed a path, through the merged-/usr symlinks when needed
  dpkg-query -S "$1" 2>/dev/null | head -1 | cut -d: -f1 \
    || true
}
# the runtime is made from these jmods: their package is recorded with the others, so it must be a Debian one
jdk_package=$(owner "$jdk/jmods/java.base.jmod")
[[ -n $jdk_package ]] || jdk_package=$(owner "$(readlink -f "$jdk/jmods/java.base.jmod")")
[[ -n $jdk_package ]] \
  || die "the jmods of $jdk are from no Debian package, so the runtime's provenance cannot be recorded: install Debian's openjdk-17-jdk-headless and run Maven with it (JAVA_HOME)"

# Modules loaded by name that jdeps cannot see: EC keys and key exchange for TLS (SunEC), and the zip file system
# provider some libraries look up through FileSystems.
extra_modules=jdk.crypto.ec,jdk.zipfs
# Loaded with dlopen, so ldd of the runtime does not list it: fontconfig, which the PNG export's fonts go through.
dlopened=(libfontconfig.so.1)
# The user the image runs as, as in distroless images.
uid=65532

rm -rf "$out"
root=$out/rootfs
work=$out/work
mkdir -p "$root" "$work"

echo "== jdeps (modules the runnable jar needs)"
# jdeps reads every class of the jar (a minute or two): its answer is kept beside the output, keyed by the jar's
# entry names and content (a changed class of the same size is a changed jar; the entries' dates, new every
# build, are not), for the next build of an unchanged jar.
key=$({ unzip -Z1 "$jar"; unzip -p "$jar"; } | sha256sum | cut -d' ' -f1)
cache=$out.jdeps
if [[ -f $cache && $(head -1 "$cache") == "$key" ]]; then
  modules=$(sed -n 2p "$cache")
else
  modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
  printf '%s\n%s\n' "$key" "$modules" > "$cache"
fi
[[ $modules =~ ^[a-z.,]+$ ]] || die "jdeps printed no module list: $modules"
modules=$modules,$extra_modules
echo "$modules"

echo "== jlink"
# No window system, sound or splash screen in a server: their native libraries would pull X11 and ALSA in.
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --exclude-files='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so' \
  --output "$root/opt/java" >/dev/null

# Debian's CA certificates (ca-certificates-java) rather than the JDK's own list: the list Debian's security
# updates maintain.
cacerts=/etc/ssl/certs/java/cacerts
[[ -f $cacerts ]] || die "no $cacerts: install Debian's ca-certificates-java"
install -m 0644 "$cacerts" "$root/opt/java/lib/security/cacerts"

echo "== shared libraries (ldd)"
mkdir -p "$work/native"
# the jar's own native libraries for Linux x86-64 (ONNX Runtime, tokenizers, JNA, compression codecs)
unzip -Z1 "$jar" | grep -E '\.so$' | grep -iE 'linux' | grep -iE 'x86[-_]64|x64|amd64' > "$work/native.txt" || true
while read -r entry; do
  unzip -q -o -j "$jar" "$entry" -d "$work/native"
done < "$work/native.txt"
elves=()
while IFS= read -r -d '' f; do
  head -c 4 "$f" | grep -q 'ELF' && elves+=("$f")
done < <(find "$root/opt/java" "$work/native" -type f -print0)
for name in "${dlopened[@]}"; do
  path=$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ && !found {print $NF; found = 1}')
  [[ -n $path ]] || die "$name is not on this system: install Debian's libfontconfig1"
  elves+=("$path")
  echo "$path" >> "$work/libs.txt"
done
libpath="$root/opt/java/lib/server:$root/opt/java/lib:$work/native"
for f in "${elves[@]}"; do
  LD_LIBRARY_PATH=$libpath ldd "$f" > "$work/ldd.txt" 2>&1 || continue   # "not a dynamic executable"
  # a jar's native library may need a sibling by its versioned name (libonnxruntime.so.1): its loader loads the
  # sibling first, from the same jar
  while read -r missing _; do
    [[ -f $work/native/${missing%%.so.*}.so ]] \
      || die "$(basename "$f") needs a library this system lacks: $missing"
  done < <(grep 'not found' "$work/ldd.txt" || true)
  # "name => /path (addr)" and the loader "/lib64/ld-linux-x86-64.so.2 (addr)"
  awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' "$work/ldd.txt" >> "$work/libs.txt"
done
sort -u "$work/libs.txt" | grep -v -e "^$root/" -e "^$work/" > "$work/copy.txt"
while read -r lib; do
  install -D -m 0755 "$(readlink -f "$lib")" "$root$lib"
done < "$work/copy.txt"
cat "$work/copy.txt"

echo "== files"
# the C.UTF-8 locale (LANG below): without it the JVM falls back to ASCII for file names and the default charset
locale=/usr/lib/locale/C.utf8
[[ -d $locale ]] || die "no $locale: install Debian's libc-bin"
mkdir -p "$root/usr/lib/locale"
cp -R "$locale" "$root/usr/lib/locale/"
find "$locale" -type f >> "$work/copy.txt"
mkdir -p "$root/etc" "$root/tmp" "$root/var/lib/atlas-ops" "$root/etc/fonts" "$root/usr/share/fonts/truetype/dejavu"
cat > "$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
atlas-ops:x:$uid:$uid:atlas-ops:/var/lib/atlas-ops:/sbin/nologin
EOF
cat > "$root/etc/group" <<EOF
root:x:0:
nogroup:x:65534:
atlas-ops:x:$uid:
EOF
cat > "$root/etc/nsswitch.conf" <<EOF
passwd: files
group: files
hosts: files dns
EOF
# container runtimes mount their own /etc/hosts; this one is for runs without one
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
cat > "$root/etc/fonts/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>/tmp/fontconfig</cachedir>
</fontconfig>
EOF
fonts=$(dpkg-query -L fonts-dejavu-core 2>/dev/null | grep -E '/DejaVuSans(-Bold)?\.ttf$' || true)
[[ $(wc -w <<< "$fonts") -eq 2 ]] || die "DejaVu Sans is not on this system: install Debian's fonts-dejavu-core"
for f in $fonts; do
  install -m 0644 "$f" "$root/usr/share/fonts/truetype/dejavu/"
  echo "$f" >> "$work/copy.txt"
done

echo "== provenance (Debian packages)"
: > "$work/packages.txt"
while read -r f; do
  p=$(owner "$f"); [[ -n $p ]] || p=$(owner "$(readlink -f "$f")")
  [[ -n $p ]] || p=$(owner "${f/#\/lib/\/usr\/lib}")
  [[ -n $p ]] || die "no Debian package owns $f: cannot record its provenance and licence"
  echo "$p" >> "$work/packages.txt"
done < "$work/copy.txt"
echo "$jdk_package" >> "$work/packages.txt"
# the Java CA list is made at install time by ca-certificates-java, from the certificates of ca-certificates
echo ca-certificates-java >> "$work/packages.txt"
echo ca-certificates >> "$work/packages.txt"
doc=$root/usr/share/doc
mkdir -p "$doc/atlas-ops-base"
{
  echo "# Debian packages the files of this base image were copied from (the Java runtime was made by jlink"
  echo "# from the jmods of the OpenJDK package; its licences are in /opt/java/legal). package version source"
  sort -u "$work/packages.txt" | while read -r p; do
    dpkg-query -W -f='${Package} ${Version} ${source:Package}_${source:Version}\n' "$p"
    install -D -m 0644 "$(readlink -f "/usr/share/doc/$p/copyright")" "$doc/$p/copyright"
  done
} > "$doc/atlas-ops-base/packages.txt"
cat "$doc/atlas-ops-base/packages.txt"

echo "== layer"
chmod -R u+rwX,go+rX,go-w "$root"
chmod 1777 "$root/tmp"
chmod 0700 "$root/var/lib/atlas-ops"
tarred=(--sort=name --format=gnu --numeric-owner --mtime=@1)
# everything root's, then the data directory as the image's user (a named volume mounted there takes its owner)
tar -C "$root" "${tarred[@]}" --owner=0 --group=0 --exclude=./var/lib/atlas-ops -cf "$work/layer.tar" .
tar -C "$root" "${tarred[@]}" --owner=$uid --group=$uid --no-recursion -rf "$work/layer.tar" ./var/lib/atlas-ops
layer_sha=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)

cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:01Z",
 "config":{"User":"$uid:$uid","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created":"1970-01-01T00:00:01Z","created_by":"packaging/container/build-base.sh: jlink'd Java 17 runtime, Debian libraries"}]}
EOF
config_sha=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mkdir -p "$work/image/$layer_sha"
mv "$work/layer.tar" "$work/image/$layer_sha/layer.tar"
mv "$work/config.json" "$work/image/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["atlas-ops-base:17"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$layer_sha" > "$work/image/manifest.json"
tar -C "$work/image" "${tarred[@]}" --owner=0 --group=0 -cf "$out/base.tar" manifest.json "$config_sha.json" "$layer_sha"
rm -rf "$work"
echo "== $out/base.tar ($(du -h "$out/base.tar" | cut -f1))"
