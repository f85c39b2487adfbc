#!/usr/bin/env bash
# Benchmarks KeyLock's VerifyLockedPackages task on a real AI dependency graph
# (OpenAI 2.15.0 + Anthropic 13.14.0 + Microsoft.SemanticKernel 1.82.0, net10.0) against
# `sha512sum` over the same .nupkg bytes (the hashing floor) and `dotnet nuget verify --all`,
# and measures the overhead on a no-op `dotnet build`. Needs: .NET SDK 10, hyperfine.
# Usage: build/bench/run.sh [work-dir]      (results: docs/benchmarks.md)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-$(mktemp -d -t keylock-bench.XXXXXX)}"
RUNS="${RUNS:-10}"
export NUGET_PACKAGES="$WORK/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
mkdir -p "$WORK/feed" "$WORK/app"
VERSION="0.1.0-bench.$(date +%Y%m%d%H%M%S)"

echo "== pack KeyLock $VERSION"
NUGET_PACKAGES="$WORK/pack-packages" dotnet pack "$REPO/nupkg/KeyLock.csproj" -c Release -o "$WORK/feed" -p:PackageVersion="$VERSION" -nologo -v:q >/dev/null

cat > "$WORK/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="keylock-bench" value="$WORK/feed" /></packageSources></configuration>
XML
cat > "$WORK/app/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="KeyLock" Version="$VERSION" PrivateAssets="all" />
    <PackageReference Include="OpenAI" Version="2.15.0" />
    <PackageReference Include="Anthropic" Version="13.14.0" />
    <PackageReference Include="Microsoft.SemanticKernel" Version="1.82.0" />
  </ItemGroup>
</Project>
XML
echo 'System.Console.WriteLine("bench");' > "$WORK/app/Program.cs"
cd "$WORK/app"
echo "== restore + first build"
dotnet build -nologo -v:q >/dev/null

# The locked archives, as paths: third-party only (KeyLock itself excluded: the graph being measured), or all of them
# (what the task verifies, KeyLock's own archive included).
locked_nupkgs() {
  python3 - "$NUGET_PACKAGES" "$1" <<'PY'
import json, sys, os
root, which = sys.argv[1], sys.argv[2]
lock = json.load(open("packages.lock.json"))
seen = set()
for target in lock["dependencies"].values():
    for pid, entry in target.items():
        if entry.get("type") == "Project" or (which == "third-party" and pid.lower() == "keylock"):
            continue
        key = (pid.lower(), entry["resolved"].lower())
        if key not in seen:
            seen.add(key)
            print(os.path.join(root, key[0], key[1], f"{key[0]}.{key[1]}.nupkg"))
PY
}
NUPKGS=$(locked_nupkgs third-party)
ALL_NUPKGS=$(locked_nupkgs all)
COUNT=$(echo "$NUPKGS" | wc -l)
BYTES=$(cat $NUPKGS | wc -c)
echo "== $COUNT packages, $((BYTES / 1024 / 1024)) MiB of .nupkg ($(cat $ALL_NUPKGS | wc -c | awk '{printf "%.1f", $1 / 1048576}') MiB with KeyLock's own archive)"
echo "$NUPKGS" > "$WORK/nupkgs.txt"

task_ms() { # task time from MSBuild's performance summary, one no-op build
  dotnet build -nologo --no-restore -clp:PerformanceSummary "$@" | awk '/Task Performance Summary/{t=1} t && /VerifyLockedPackages/{print $1; exit}'
}
echo "== KeyLock task time in no-op builds (ms; fresh MSBuild process each, OS page cache warm)"
# The first builds wrote or restored every file less than 2 s ago: such files are never recorded for the fast path.
sleep 3; task_ms >/dev/null
times=""; for i in $(seq 1 5); do times="$times $(task_ms)"; done
echo "task (fast path: nothing changed since the last pass):$times"
times=""; for i in $(seq 1 5); do rm -f obj/Debug/net10.0/keylock.verdicts.pass; times="$times $(task_ms)"; done
echo "task (verdict cache only: pass record removed before each build):$times"
# Windows' fast path (content digests of every input, Incremental/ChangeDetection.cs), forced on this system: the first
# build records a pass (another mode is another parameter set), the next ones replay it.
task_ms -p:KeyLockChangeDetection=content >/dev/null
times=""; for i in $(seq 1 5); do times="$times $(task_ms -p:KeyLockChangeDetection=content)"; done
echo "task (fast path with content digests, Windows' mode: -p:KeyLockChangeDetection=content):$times"
python3 - obj/Debug/net10.0/keylock.verdicts.pass <<'PY'
import sys
files = [l.split("\t")[3] for l in open(sys.argv[1]) if l.startswith("input\t") and l.split("\t")[3].startswith("sha256:")]
print(f"  it digests {len(files)} files, {sum(int(f.split(':')[1]) for f in files) / 1048576:.1f} MiB on every no-op build")
PY
times=""; for i in $(seq 1 5); do rm -f obj/Debug/net10.0/keylock.verdicts.pass; times="$times $(task_ms -p:KeyLockChangeDetection=content)"; done
echo "task (content digests, pass record removed before each build: Windows after a change):$times"
task_ms -p:KeyLockChangeDetection=content >/dev/null
grep -P '^input\t' obj/Debug/net10.0/keylock.verdicts.pass | awk -F'\t' '$4 ~ /^sha256:/ {print $3}' > "$WORK/content-inputs.txt"
for mode in "-p:KeyLockVerificationCache=false" "-p:KeyLockVerificationCache=false -p:KeyLockVerifySignatures=false"; do
  times=""; for i in $(seq 1 5); do times="$times $(task_ms $mode)"; done
  echo "task ($mode):$times"
done
task_ms >/dev/null

cpu_s() { # whole-process CPU (user+sys, s) of one command
  /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.2f", $1+$2}' "$WORK/cpu.txt"
}
echo "== whole-process CPU (s) of no-op builds, KeyLock on/off interleaved; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
on=""; off=""
for i in $(seq 1 "$RUNS"); do
  on="$on $(cpu_s dotnet build -nologo --no-restore -v:q)"
  off="$off $(cpu_s dotnet build -nologo --no-restore -v:q -p:KeyLockVerifyPackages=false)"
done
echo "no-op build CPU, KeyLock on (fast path):$on"
echo "no-op build CPU, KeyLock off:$off"

echo "== hardened mode (KeyLock also as project SDK): whole dotnet build (restore + build) CPU (s)"
mkdir -p "$WORK/app-hardened"
cp nuget.config Program.cs packages.lock.json "$WORK/app-hardened/"
sed "s|<Project Sdk=\"Microsoft.NET.Sdk\">|<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"KeyLock\" Version=\"$VERSION\" />|" Bench.csproj > "$WORK/app-hardened/Bench.csproj"
(
  cd "$WORK/app-hardened"
  dotnet build -nologo -v:q >/dev/null; sleep 3; dotnet build -nologo -v:q >/dev/null
  on=""; off=""
  for i in $(seq 1 5); do
    on="$on $(cpu_s dotnet build -nologo -v:q)"
    off="$off $(cpu_s dotnet build -nologo -v:q -p:KeyLockVerifyPackages=false)"
  done
  echo "hardened restore+build CPU, KeyLock on:$on"
  echo "hardened restore+build CPU, KeyLock off:$off"
  echo "hardened task times (restore phase, then build phase; ms):"
  dotnet build -nologo -clp:PerformanceSummary | awk '/Task Performance Summary/{t=1} t && /VerifyLockedPackages/{print "  " $0}'
)

if [ -w /proc/sys/vm/drop_caches ]; then
  echo "== cold (page cache dropped before each run)"
  for i in 1 2 3; do sync; echo 3 > /proc/sys/vm/drop_caches; echo "task cold: $(task_ms)"; done
  for i in 1 2 3; do sync; echo 3 > /proc/sys/vm/drop_caches; /usr/bin/time -f "sha512sum cold: %e s" sha512sum $NUPKGS >/dev/null; done
fi

echo "== hashing floor, NuGet's verifier, no-op build overhead"
hyperfine -N --warmup 2 --runs "$RUNS" --export-markdown "$WORK/hyperfine.md" \
  -n "sha512sum (all .nupkg)" "sha512sum $(echo $NUPKGS)" \
  -n "sha512sum (every locked .nupkg, KeyLock's own too: the bytes the task verifies)" "sha512sum $(echo $ALL_NUPKGS)" \
  -n "sha512sum (every file the content-digest fast path reads)" "sha512sum $(tr '\n' ' ' < "$WORK/content-inputs.txt")" \
  -n "sha256sum (every file the content-digest fast path reads)" "sha256sum $(tr '\n' ' ' < "$WORK/content-inputs.txt")" \
  -n "dotnet nuget verify --all (one process)" "dotnet nuget verify --all $(echo $NUPKGS)" \
  -n "no-op dotnet build, KeyLock on (fast path)" "dotnet build -nologo --no-restore -v:q" \
  -n "no-op dotnet build, KeyLock on, no verdict cache" "dotnet build -nologo --no-restore -v:q -p:KeyLockVerificationCache=false" \
  -n "no-op dotnet build, KeyLock on (content-digest fast path, Windows' mode)" "dotnet build -nologo --no-restore -v:q -p:KeyLockChangeDetection=content" \
  -n "no-op dotnet build, KeyLock off" "dotnet build -nologo --no-restore -v:q -p:KeyLockVerifyPackages=false" \
  -n "no-op dotnet build, KeyLock without signatures" "dotnet build -nologo --no-restore -v:q -p:KeyLockVerifySignatures=false"
cat "$WORK/hyperfine.md"
echo "work dir: $WORK"
