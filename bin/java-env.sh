# Sourced by bin/vlmscope and .ci/run: picks a JDK 25 and the allocator settings every vlmscope JVM needs.
# JAVA_HOME is kept when it already points at a JDK >= 25; otherwise the Temurin 25 JDK beside the default is used.
vlmscope_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}
vlmscope_pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    local major
    major=$(vlmscope_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "vlmscope: no JDK 25 found (JAVA_HOME=${JAVA_HOME:-unset}, nothing under /usr/lib/jvm/*25*). Fix: install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
vlmscope_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# docs/backend.md#malloc: glibc would otherwise mmap/munmap every large tensor (1.75x slower training).
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}"
# libtorch gives its CPU buffers transparent huge pages (madvise) only when this is set; on hosts whose THP mode is
# madvise, weight-bound suffix runs are otherwise ~3x slower (4 KiB pages).
export THP_MEM_ALLOC_ENABLE="${THP_MEM_ALLOC_ENABLE:-1}"
