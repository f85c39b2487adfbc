#!/usr/bin/env bash
# KeyLock's main job: pack KeyLock, build the sample chat gateway with it, and show what it catches.
#   1. a clean build passes and prints the verification summary;
#   2. a hardcoded OpenAI key (generated fresh for this run, never committed) breaks the build with KL1001;
#   3. a "diagnostics" helper that prints the whole environment (every provider key) is flagged with KL2001;
#   4. a byte flipped in a cached package after restore breaks the build with KL5003.
# Needs only the .NET SDK. Everything it writes stays under artifacts/demo (the packages folder too).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out="$repo/artifacts/demo"
feed="$out/feed"
app="$out/ChatGateway"
packages="$out/packages"   # the sample's private packages folder: the demo never touches yours
version="0.1.0-demo.$(date -u +%Y%m%d%H%M%S)"  # fresh version: a re-packed version would fail NU1403

step() { printf '\n== %s\n' "$*"; }
fail() { printf '\nDEMO FAILED: %s\n' "$*" >&2; exit 1; }

# Runs `dotnet build` in the sample copy; prints KeyLock's lines; stores the exit code in $status.
build_app() {
  local log="$out/build.log"
  set +e
  NUGET_PACKAGES="$packages" dotnet build "$app" -c Release -p:KeyLockVersion="$version" -nologo >"$log" 2>&1
  status=$?
  set -e
  grep -E 'KeyLock:|error KL|warning KL' "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u || true
  echo "(exit code $status; full log: ${log#"$repo/"})"
}

rm -rf "$out" && mkdir -p "$feed"

step "Packing KeyLock $version"
dotnet pack "$repo/nupkg" -c Release -o "$feed" -p:Version="$version" -nologo -v:q >"$out/pack.log" 2>&1 \
  || { cat "$out/pack.log"; fail "dotnet pack failed"; }
ls "$feed"

step "Copying the sample and pointing it at the local feed"
cp -r "$repo/samples/ChatGateway" "$app"
cp "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Packages.props" "$out/"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="keylock-local" value="$feed" />
  </packageSources>
</configuration>
XML

step "1. Clean build: every locked package is re-hashed before compile"
build_app
[ "$status" -eq 0 ] || fail "the clean sample should build"

step "2. Someone pastes an OpenAI key into the code"
# 74 random key characters (4 KiB of random bytes keep ~1 KiB after filtering; no early pipe close).
half() { local chars; chars=$(head -c 4096 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9_-'); printf '%s' "${chars:0:74}"; }
key="sk-proj-$(half)T3Bl""bkFJ$(half)"
cat >"$app/QuickTest.cs" <<CS
namespace ChatGateway;

internal static class QuickTest
{
    // "just for a quick test" - the way most leaked keys start
    internal const string OpenAIKey = "$key";
}
CS
build_app
[ "$status" -ne 0 ] || fail "the build with a hardcoded key should fail"
grep -q "error KL1001" "$out/build.log" || fail "expected KL1001"
! grep -qF "$key" "$out/build.log" || fail "the build log must not contain the key"
echo "The build log does not contain the key: it shows only a redacted form."
rm "$app/QuickTest.cs"

step "3. Someone adds a diagnostics dump of the environment (what the LiteLLM payload harvested)"
cat >"$app/EnvironmentReport.cs" <<'CS'
using System.Collections;

namespace ChatGateway;

internal static class EnvironmentReport
{
    // "print everything so we can debug the container": every provider key goes to the log.
    internal static void PrintAll()
    {
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            Console.WriteLine($"{variable.Key}={variable.Value}");
        }
    }

    // Names only: stays quiet.
    internal static void PrintNames() =>
        Console.WriteLine(string.Join(", ", Environment.GetEnvironmentVariables().Keys.Cast<string>().Order()));
}
CS
build_app
[ "$status" -eq 0 ] || fail "KL2001 is a warning: the build should still pass"
[ "$(grep -E 'warning KL2001' "$out/build.log" | sed -E 's/ \[[^]]*\]$//' | sort -u | wc -l)" -eq 1 ] \
  || fail "expected exactly one KL2001 (PrintAll), none for PrintNames"
echo "KL2001 points at the line that writes values; the names-only dump is not reported."
rm "$app/EnvironmentReport.cs"

step "4. A cached package is tampered with after restore (poisoned CI cache, shared build agent)"
nupkg="$packages/openai/2.15.0/openai.2.15.0.nupkg"
cp "$nupkg" "$out/openai.backup"
size=$(stat -c %s "$nupkg")
printf '\xff' | dd of="$nupkg" bs=1 seek=$((size / 2)) conv=notrunc status=none
echo "flipped one byte in ${nupkg#"$repo/"}"
build_app
[ "$status" -ne 0 ] || fail "the build with a tampered package should fail"
grep -q "error KL5003" "$out/build.log" || fail "expected KL5003"
mv "$out/openai.backup" "$nupkg"

step "KeyLock caught the hardcoded key (KL1001), the environment dump (KL2001) and the tampered package (KL5003); the clean build passed."
