# Sourced by .ci/run and ./run-local: the suite needs Java 21 or newer (virtual threads; see docs/adr/0005).
# Keeps a JAVA_HOME or java on the PATH that is new enough; otherwise takes the newest JDK under /usr/lib/jvm.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
current_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$current_java" >/dev/null 2>&1 || [ "$(java_major "$current_java")" -lt 21 ] 2>/dev/null; then
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if [ -x "${candidate}bin/java" ] && [ "$(java_major "${candidate}bin/java")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="${candidate%/}"
      export PATH="$JAVA_HOME/bin:$PATH"
      break
    fi
  done
fi
if [ "$(java_major "${JAVA_HOME:+$JAVA_HOME/bin/}java")" -lt 21 ] 2>/dev/null; then
  echo "Java 21 or newer is needed; set JAVA_HOME to a JDK 21+ (found: $(java -version 2>&1 | head -1))" >&2
  exit 1
fi
