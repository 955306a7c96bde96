#!/usr/bin/env bash
# A plexus sweep as a Slurm job array: one array task per shard, then a merge job that starts
# when every task has succeeded.
#
#   bash docs/examples/sweep-slurm.sh     # submits the array (this file) and the merge job after it
#
# (`sbatch docs/examples/sweep-slurm.sh` alone submits only the array; merge by hand afterwards.)
# Run it from the plexus repository (after `npm ci`) on a shared filesystem.
#SBATCH --job-name=plexus-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=12:00:00
#SBATCH --output=sweep-out/slurm-%A_%a.log
set -euo pipefail

SWEEP=${SWEEP:-examples/scenarios/sweep-cabal.yaml}
OUT=${OUT:-sweep-out}

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # Called by hand (not as an array task): submit the array, then the merge job after it.
  mkdir -p "$OUT"
  array=$(sbatch --parsable "$0")
  sbatch --dependency=afterok:"$array" --job-name=plexus-merge --cpus-per-task=1 --time=00:30:00 \
    --output="$OUT/slurm-merge-%j.log" \
    --wrap="node bin/plexus.js sim merge $OUT/shard-* --out $OUT/merged"
  exit 0
fi

node bin/plexus.js sim sweep "$SWEEP" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
  --workers "${SLURM_CPUS_PER_TASK:-2}" \
  --out "$OUT/shard-${SLURM_ARRAY_TASK_ID}"
