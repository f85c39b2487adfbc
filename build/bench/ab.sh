#!/usr/bin/env bash
# Interleaved A/B of the VerifyLockedPackages task time in two work directories made by build/bench/run.sh (each with
# its own KeyLock build, app/ and private packages folder), so both sides see the same host load: on a shared 2-core
# machine, numbers taken minutes apart differ more than most changes do.
# Usage: build/bench/ab.sh BASELINE_WORK EXPERIMENT_WORK MODE [N]      (N rounds, default 8)
#   MODE  change   the pass record deleted before each build: a build after a change, every verdict reusable
#         newpkg   one archive touched as well (its verdicts no longer apply): a restore that brought one new package
#         scratch  -p:KeyLockVerificationCache=false: nothing reused (a fresh CI agent; macOS on every build)
#         nosig    scratch with -p:KeyLockVerifySignatures=false
#         contentchange  change with content digests (-p:KeyLockChangeDetection=content: Windows after a change)
set -euo pipefail
BASELINE=$1; EXPERIMENT=$2; MODE=$3; N=${4:-8}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

task_ms() {
  dotnet build -nologo --no-restore -clp:PerformanceSummary "$@" |
    awk '/Task Performance Summary/ { t = 1 } t && /VerifyLockedPackages/ { print $1; exit }'
}

one_build() {
  local work=$1
  cd "$work/app"
  export NUGET_PACKAGES="$work/packages"
  case $MODE in
    change) rm -f obj/Debug/net10.0/keylock.verdicts.pass; task_ms ;;
    newpkg)
      touch "$NUGET_PACKAGES"/microsoft.semantickernel.core/*/*.nupkg
      sleep 2.2 # past the verdict cache's settling time, so the touched archive is not trusted as unchanged
      rm -f obj/Debug/net10.0/keylock.verdicts.pass
      task_ms ;;
    scratch) task_ms -p:KeyLockVerificationCache=false ;;
    nosig) task_ms -p:KeyLockVerificationCache=false -p:KeyLockVerifySignatures=false ;;
    contentchange) rm -f obj/Debug/net10.0/keylock.verdicts.pass; task_ms -p:KeyLockChangeDetection=content ;;
    *) echo "unknown mode $MODE" >&2; exit 2 ;;
  esac
}

# One untimed build each, so neither side pays a first run after its files were written.
one_build "$BASELINE" >/dev/null
one_build "$EXPERIMENT" >/dev/null
baseline=""; experiment=""
for _ in $(seq 1 "$N"); do
  baseline="$baseline $(one_build "$BASELINE")"
  experiment="$experiment $(one_build "$EXPERIMENT")"
done

echo "$MODE baseline (ms):  $baseline"
echo "$MODE experiment (ms):$experiment"
python3 -c "
import statistics as s
b = [int(x) for x in '$baseline'.split()]; e = [int(x) for x in '$experiment'.split()]
print(f'median baseline {s.median(b):.0f} ms, experiment {s.median(e):.0f} ms')"
