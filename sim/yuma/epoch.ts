/**
 * The exact Yuma Consensus epoch: subtensor's production `epoch_mechanism` (sparse,
 * `pallets/subtensor/src/epoch/run_epoch.rs` RE:566–1075 @14bc6f9), step by step as in shared
 * spec/yuma.md §4. Pure: no I/O, no clock, no randomness.
 *
 * Representation: I32F32 values are raw bits in JS numbers (sim/fixed/fixnum.ts, exact), stake is
 * I64F64 bigint (sim/yuma/stake.ts), u64 amounts bigint. Stored weights and Yuma2 bonds are u16
 * integers `w` whose I32F32 value is `w << 32`; their row/column normalisations are done on the
 * integers (`trunc(w·2^32 / Σw)` equals `safe_div(w << 32, Σw << 32)` bit for bit), which keeps
 * every intermediate below 2^53.
 */
import { clamp, I32F32, U64_MAX } from "../fixed/fixed.ts";
import { fixedProportionToU16, fromBits, intDiv, mul, ONE, U16_PROPORTION } from "../fixed/fixnum.ts";
import { registerBondStorage } from "./compact.ts";
import { lazyProperty } from "./lazy.ts";
import { liquidAlpha } from "./liquid-alpha.ts";
import {
  colClipRowSumMatmul,
  colNormalizedMatVecRowSum,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceMaskVector,
  inplaceNormalize,
  inplaceNormalizeUsingSum,
  interpolateSparse,
  isTopkNonzero,
  matEmaAlphaSparseWith,
  matEmaSparse,
  matmulTransposeSparse,
  rowHadamardSparse,
  vecMul,
  walkVisible,
  weightedMedianColSparse,
} from "./math.ts";
import { epochScratch } from "./scratch.ts";
import { type Csr, csrToPairs, nnz } from "./sparse.ts";
import { epochStake, i64f64ToU64 } from "./stake.ts";
import type { CompactEpochInput, EpochOutput, SparseU16 } from "./types.ts";
import { type MechanismState, type SubnetParams, validateEpochInput } from "./validate.ts";

const TWO31 = 2147483648;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Block numbers as order-preserving numbers: the masks only compare them. When every block fits
 * in 2^53 they are used as is; otherwise they are replaced by their rank among all blocks compared.
 * A missing commit (`u64::MAX` on chain) becomes +Infinity, above every block.
 */
function blockKeys(
  lastUpdate: readonly bigint[],
  registration: readonly bigint[],
  commits: ReadonlyArray<bigint | null>,
  lastTempo: bigint,
): { lu: number[]; reg: number[]; commit: number[]; lastTempo: number } {
  const all = [...lastUpdate, ...registration, lastTempo, ...commits.filter((c): c is bigint => c !== null)];
  let key: (b: bigint) => number;
  if (all.every((b) => b <= MAX_SAFE)) {
    key = Number;
  } else {
    const sorted = [...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const rank = new Map(sorted.map((b, i) => [b, i]));
    key = (b) => rank.get(b) as number;
  }
  return {
    lu: lastUpdate.map(key),
    reg: registration.map(key),
    commit: commits.map((c) => (c === null ? Number.POSITIVE_INFINITY : key(c))),
    lastTempo: key(lastTempo),
  };
}

/**
 * RE:711–776 in one compaction pass over the stored weights: `mask_rows_sparse(forbids)` (rows of
 * forbidden or missing-permit uids emptied), `mask_diag_sparse[_except_index](owner)`, the outdated
 * mask `vec_mask_sparse_matrix(last_update, block_at_registration, updated <= registered)` and,
 * with commit-reveal, `vec_mask_sparse_matrix(commit_blocks, block_at_registration, cb < reg)`.
 * Each is a filter on independent conditions, so applying them together keeps exactly the entries
 * the chain's sequence keeps, in the same order. Each kept row is then row-normalised (RE:779;
 * masked-out rows are empty, so normalising them is a no-op).
 */
function maskWeights(
  m: Csr,
  forbids: readonly boolean[],
  ownerUid: number | null,
  keys: { lu: number[]; reg: number[]; commit: number[] },
  commitReveal: boolean,
): Csr {
  const { lu, reg, commit } = keys;
  let w = 0;
  let start = 0;
  for (let i = 0; i < m.rows; i++) {
    const end = m.ptr[i + 1];
    if (!(forbids[i] ?? true)) {
      const diag = i === ownerUid ? -1 : i;
      const updated = lu[i];
      const committed = commitReveal ? commit[i] : Number.POSITIVE_INFINITY;
      for (let k = start; k < end; k++) {
        const j = m.col[k];
        const registered = reg[j];
        if (j !== diag && updated > registered && !(committed < registered)) {
          m.col[w] = j;
          m.val[w++] = m.val[k];
        }
      }
      rowNormalizeU16(m.val, m.ptr[i], w); // the row just written, still in cache
    }
    start = end;
    m.ptr[i + 1] = w;
  }
  return m;
}

/**
 * RE:835 / RE:881 `scalar_vec_mask_sparse_matrix(bonds, last_tempo, block_at_registration, <=)`:
 * bonds to uids registered at or after `last_tempo` are dropped (compacting in place). With
 * `table`, each kept u16 value is replaced by `table[value]` in the same pass (Yuma3's
 * `u16_proportion_to_fixed`). Columns are < n (validated), so every column has a block.
 */
function maskNewRegistrations(b: Csr, lastTempo: number, reg: readonly number[], table?: Float64Array): Csr {
  const keep = new Uint8Array(reg.length);
  for (let j = 0; j < reg.length; j++) keep[j] = lastTempo <= reg[j] ? 0 : 1;
  const { col, val } = b;
  let w = 0;
  let start = 0;
  for (let i = 0; i < b.rows; i++) {
    const end = b.ptr[i + 1];
    if (table === undefined) {
      for (let k = start; k < end; k++) {
        if (keep[col[k]] === 1) {
          col[w] = col[k];
          val[w++] = val[k];
        }
      }
    } else {
      for (let k = start; k < end; k++) {
        if (keep[col[k]] === 1) {
          col[w] = col[k];
          val[w++] = table[val[k]];
        }
      }
    }
    start = end;
    b.ptr[i + 1] = w;
  }
  return b;
}

/**
 * EM:325 row normalisation of the u16-valued row `val[start..end)`: `trunc(w·2^32 / Σw)` where
 * Σw > 0 (RE:779).
 * The quotient is taken as `x · (1/Σw)`: with x = w·2^32 < 2^48 the rounded product is within
 * 1/8 of x/Σw, so its floor is off by at most one, and the exact remainder `x − q·Σw` (< 2^49,
 * exact) corrects it, as `intDiv` does after a division.
 */
function rowNormalizeU16(val: Float64Array, start: number, end: number): void {
  let s = 0;
  for (let k = start; k < end; k++) s += val[k];
  if (s > 0) {
    const inv = 1 / s;
    for (let k = start; k < end; k++) {
      const x = val[k] * ONE;
      let q = Math.floor(x * inv);
      const r = x - q * s;
      if (r < 0) q--;
      else if (r >= s) q++;
      val[k] = q;
    }
  }
  // An all-zero row keeps its (zero) entries: 0 << 32 = 0.
}

/**
 * EM:355 column normalisation of u16-valued bonds (`u16_to_fixed`, RE:1156), as I32F32 bits.
 * The chain's column sums saturate at I32F32::MAX (only reachable with > 32767 full bond rows).
 */
function colNormalizeU16(m: Csr, columns: number): void {
  const colSum = new Float64Array(columns);
  const end = nnz(m);
  for (let k = 0; k < end; k++) colSum[m.col[k]] += m.val[k];
  for (let k = 0; k < end; k++) {
    const s = colSum[m.col[k]];
    const b = m.val[k];
    if (s === 0) {
      m.val[k] = b * ONE; // unchanged u16 << 32
    } else if (s < TWO31) {
      m.val[k] = intDiv(b * ONE, s);
    } else {
      m.val[k] = Number((BigInt(b) << 64n) / I32F32.max); // divisor saturated
    }
  }
}

/**
 * `1 − I32F32(I64F64(bma) / 1e6)` (RE:1236 / RE:1534): the fixed EMA alpha (bma ≤ 1e6 is
 * validated, so no conversion saturates: Yuma2's `saturating_from_num` and Yuma3's `from_num`
 * agree).
 */
function fixedAlpha(bondsMovingAverage: bigint): number {
  const q = (bondsMovingAverage << 64n) / 1_000_000n; // I64F64 truncating division
  return fromBits(clamp(I32F32, I32F32.one - clamp(I32F32, q >> 32n)));
}

/** RE:958–985: `floor(I96F32(x) · I96F32(rao))` saturated to u64. */
function raoOf(x: readonly number[], rao: bigint): bigint[] {
  const raoNum = Number(rao);
  const fast = rao < 2n ** 52n;
  return x.map((v) => {
    if (fast && v >= 0 && v <= ONE) return BigInt(mul(v, raoNum)); // ≤ rao < 2^52: exact
    const r = (BigInt(v) * rao) >> 32n;
    return r < 0n ? 0n : r > U64_MAX ? U64_MAX : r;
  });
}

const plainSum = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0);
const toBig = (x: readonly number[]): bigint[] => x.map(BigInt);

/**
 * Runs one mechanism's epoch on validated inputs (used by `epochExact` and the mechanisms runner).
 * Consumes `m`: its weight and bond matrices are masked in place. Temporaries live in
 * `epochScratch`; every returned value is freshly allocated.
 */
export function runEpoch(p: SubnetParams, m: MechanismState, raoEmission: bigint): EpochOutput {
  const n = p.n;
  // RE:835 / RE:881: bonds to uids registered since the previous epoch are dropped.
  const lastTempo =
    p.lastMechanismStepBlock === 0n
      ? p.currentBlock > p.tempo
        ? p.currentBlock - p.tempo
        : 0n
      : p.lastMechanismStepBlock === U64_MAX
        ? U64_MAX
        : p.lastMechanismStepBlock + 1n;
  const keys = blockKeys(m.lastUpdate, p.blockAtRegistration, p.commitBlocks, lastTempo);

  // 1. Activity (RE:612): last_update + cutoff (saturating) < current_block is inactive.
  const inactive = m.lastUpdate.map((u) => {
    const s = u + p.activityCutoff;
    return (s > U64_MAX ? U64_MAX : s) < p.currentBlock;
  });
  const active = inactive.map((b) => !b);

  // 2. Stake (RE:630–655).
  const { total, stake } = epochStake(p.alphaStake, p.taoStake, p.taoWeight, p.stakeThreshold, p.ownerUid);

  // 3. Permits (RE:660–684): previous permits gate this epoch, new top-k permits gate bond storage.
  const validatorPermits = p.validatorPermit.slice();
  if (p.ownerUid !== null && p.ownerUid < validatorPermits.length) validatorPermits[p.ownerUid] = true;
  const forbids = validatorPermits.map((b) => !b);
  const newPermits = isTopkNonzero(stake, p.maxAllowedValidators);
  if (p.ownerUid !== null && p.ownerUid < newPermits.length) newPermits[p.ownerUid] = true;

  // 4. Active stake (RE:690–698). Note EM:487: an empty permit vector masks nothing here.
  const activeStake = stake.slice();
  inplaceMaskVector(inactive, activeStake);
  inplaceMaskVector(forbids, activeStake);
  inplaceNormalize(activeStake);

  // 5–6. Weights (RE:707–779): load, mask forbidden rows, diagonal (owner keeps its self-weight),
  // outdated (set at or before j's registration), commit-reveal, then row-normalise.
  const weights = maskWeights(m.weights, forbids, p.ownerUid, keys, p.commitRevealEnabled);

  // 7. Consensus (RE:788): kappa-weighted median per column.
  const consensus = weightedMedianColSparse(activeStake, weights, n, U16_PROPORTION[p.kappa], epochScratch);

  // 8. Clip at consensus, validator trust = row sums of the clipped weights (RE:794–799).
  // 9. Ranks → incentive (RE:806–809): the clipped matrix times the active stake (same pass).
  const {
    clipped,
    rowSums: validatorTrust,
    product: incentive,
  } = colClipRowSumMatmul(weights, consensus, activeStake, n, epochScratch);
  inplaceNormalize(incentive);

  // 10. Weights for bonds (RE:817–822): interpolate W → clipped W by the bonds penalty.
  const weightsForBonds = interpolateSparse(weights, clipped, n, U16_PROPORTION[p.bondsPenalty]);

  // 11. Bonds and dividends (RE:826–922).
  let dividends: number[];
  let emaBonds: Csr;
  let liquidAlphaUsed = false;
  if (p.yuma3) {
    // 11b. Yuma3: bonds are stored proportions (RE:1207 fixed_to_fixed_u16_proportion).
    const bonds = maskNewRegistrations(m.bonds, keys.lastTempo, keys.reg, U16_PROPORTION);
    liquidAlphaUsed = p.liquidAlpha && consensus.some((c) => c !== 0); // RE:1349
    if (liquidAlphaUsed) {
      // RE:1435/1505 + EM:1464: per-(i, j) alpha from the weight and bond the chain's column walk
      // sees (walkVisible), computed only where mat_ema_alpha_sparse reads it.
      const alphaOf = liquidAlpha(p.alphaLow, p.alphaHigh, p.alphaSigmoidSteepness);
      const w = new Float64Array(n);
      const b = new Float64Array(n);
      const setW = (j: number, v: number): void => {
        w[j] = v;
      };
      const setB = (j: number, v: number): void => {
        b[j] = v;
      };
      const clear = (m: Csr, i: number, dense: Float64Array): void => {
        if (i < m.rows) for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) if (m.col[k] < n) dense[m.col[k]] = 0;
      };
      let row = -1;
      emaBonds = matEmaAlphaSparseWith(weightsForBonds, bonds, n, (i, j) => {
        if (i !== row) {
          if (row >= 0) {
            clear(weightsForBonds, row, w);
            clear(bonds, row, b);
          }
          row = i;
          walkVisible(weightsForBonds, i, setW);
          walkVisible(bonds, i, setB);
        }
        return alphaOf(consensus[j], w[j], b[j]);
      });
    } else {
      emaBonds = matEmaSparse(weightsForBonds, bonds, fixedAlpha(p.bondsMovingAverage));
    }
    // EMA_norm = column-normalised copy of the EMA (EM:355), folded into the row sums of
    // mat_vec_mul_sparse(EMA_norm, incentive) (EM:1332) so the copy is never materialised.
    const totalBondsPerValidator = colNormalizedMatVecRowSum(emaBonds, n, incentive);
    dividends = vecMul(totalBondsPerValidator, activeStake);
    inplaceNormalize(dividends);
  } else {
    // 11a. Yuma2: column-normalised bonds, EMA toward the column-normalised ΔB = W∘S.
    const bonds = maskNewRegistrations(m.bonds, keys.lastTempo, keys.reg);
    colNormalizeU16(bonds, n);
    const delta = rowHadamardSparse(weightsForBonds, activeStake, epochScratch);
    inplaceColNormalizeSparse(delta, n);
    emaBonds = matEmaSparse(delta, bonds, fixedAlpha(p.bondsMovingAverage));
    inplaceColNormalizeSparse(emaBonds, n);
    dividends = matmulTransposeSparse(emaBonds, incentive);
    inplaceNormalize(dividends);
    inplaceColMaxUpscaleSparse(emaBonds, n); // storage form (RE:921)
  }

  // 12. Normalised emissions (RE:927–955).
  const combined = incentive.map((v, i) => v + dividends[i]);
  const emissionSum = plainSum(combined);
  const nServer = incentive.slice();
  let nValidator = dividends.slice();
  let nCombined = combined.slice();
  inplaceNormalizeUsingSum(nServer, emissionSum);
  inplaceNormalizeUsingSum(nValidator, emissionSum);
  inplaceNormalize(nCombined);
  if (emissionSum === 0) {
    const fallback = plainSum(activeStake) === 0 ? stake : activeStake;
    nValidator = fallback.slice();
    nCombined = fallback.slice();
  }

  // 14. Stored bond rows: new permit → every EMA entry quantised (zeros included), else [].
  const storage = emaBonds;
  const bondRows = (): SparseU16 =>
    csrToPairs(storage, fixedProportionToU16).map((row, i) => (newPermits[i] ? row : []));

  const out = {
    active,
    stake_i64f64_bits: total,
    raw_stake: total.map(i64f64ToU64),
    stake: toBig(stake),
    stake_weight: stake.map(fixedProportionToU16),
    validator_permit_used: validatorPermits,
    new_validator_permit: newPermits,
    active_stake: toBig(activeStake),
    consensus: toBig(consensus),
    consensus_u16: consensus.map(fixedProportionToU16),
    validator_trust: toBig(validatorTrust),
    validator_trust_u16: validatorTrust.map(fixedProportionToU16),
    incentive: toBig(incentive),
    incentive_u16: incentive.map(fixedProportionToU16),
    dividends: toBig(dividends),
    dividends_u16: dividends.map(fixedProportionToU16),
    normalized_server_emission: toBig(nServer),
    normalized_validator_emission: toBig(nValidator),
    normalized_combined_emission: toBig(nCombined),
    server_emission: raoOf(nServer, raoEmission),
    validator_emission: raoOf(nValidator, raoEmission),
    emission: raoOf(nCombined, raoEmission),
    liquid_alpha_used: liquidAlphaUsed,
  } as Omit<EpochOutput, "ema_bonds" | "bonds"> as EpochOutput;
  // The two matrices are converted to their public form on first read (a 4096-uid epoch holds a
  // million entries; most callers read only the vectors). Both are enumerable and memoised.
  lazyProperty(out, "ema_bonds", () => csrToPairs(storage, BigInt));
  lazyProperty(out, "bonds", bondRows);
  registerBondStorage(out, storage, newPermits);
  return out;
}

/**
 * One exact `epoch_mechanism` run (spec §4). Weights and bonds may be pair rows or compact CSR
 * (`CompactSparseU16`, types.ts). Throws `YumaInputError` on invalid input; otherwise
 * the output is bit-for-bit the chain's.
 */
export function epochExact(input: CompactEpochInput): EpochOutput {
  const { params, mechanism, raoEmission } = validateEpochInput(input, epochScratch);
  return runEpoch(params, mechanism, raoEmission);
}
