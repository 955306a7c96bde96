import type { CommandModule } from "yargs";
import { formatTao, parseRao } from "../../../../sim/emission/amounts.ts";
import {
  MAX_FEE_RATE_U16,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  quoteSwap,
  SwapError,
  weightAllowed,
} from "../../../../sim/emission/index.ts";
import { InvalidInputError } from "../../../../sim/errors.ts";
import { toDecimal, U64F64 } from "../../../../sim/fixed/fixed.ts";

export interface PoolOptions {
  tao: string;
  alpha: string;
  weight: string;
  buy?: string;
  sell?: string;
  fee: number;
  limit?: string;
  json: boolean;
}

/** "0.5" → Perquintill parts (exact, at most 18 decimals). */
function parseWeight(text: string): bigint {
  const m = /^0?\.(\d{1,18})$|^(0|1)$/.exec(text.trim());
  if (m === null)
    throw new InvalidInputError("weight", `not a fraction: ${JSON.stringify(text)}`, "0.01 .. 0.99");
  const parts = m[2] !== undefined ? BigInt(m[2]) * 10n ** 18n : BigInt((m[1] as string).padEnd(18, "0"));
  if (!weightAllowed(parts))
    throw new InvalidInputError("weight", `${text} is outside the pool's bounds`, "0.01 .. 0.99");
  return parts;
}

/** Short decimal of a U64F64 price (TAO per alpha), 12 significant fraction digits. */
const priceText = (bits: bigint): string => {
  const d = toDecimal(U64F64, bits);
  const [i, f = ""] = d.split(".");
  return f === "" ? d : `${i}.${f.slice(0, 12)}`;
};

/** A swap quote on a balancer pool exactly as the chain computes it. Returns the text to print. */
export function runPool(opts: PoolOptions): string {
  const tao = parseRao("tao", opts.tao);
  const alpha = parseRao("alpha", opts.alpha);
  const quoteParts = parseWeight(opts.weight);
  if ((opts.buy === undefined) === (opts.sell === undefined)) {
    throw new InvalidInputError(
      "buy/sell",
      "give exactly one of --buy and --sell",
      "--buy TAO or --sell ALPHA",
    );
  }
  if (!Number.isInteger(opts.fee) || opts.fee < 0 || opts.fee > MAX_FEE_RATE_U16) {
    throw new InvalidInputError(
      "fee",
      `${opts.fee} is not a fee rate`,
      `integer 0..${MAX_FEE_RATE_U16} (/65535)`,
    );
  }
  const buy = opts.buy !== undefined;
  const amount = parseRao(buy ? "buy" : "sell", (buy ? opts.buy : opts.sell) as string);
  const limit =
    opts.limit === undefined ? (buy ? MAX_PRICE_RAO : MIN_PRICE_RAO) : parseRao("limit", opts.limit);
  const pool = { tao, alphaIn: alpha, quoteParts, feeRate: opts.fee };
  let q: ReturnType<typeof quoteSwap>;
  try {
    q = quoteSwap(pool, buy ? "tao_to_alpha" : "alpha_to_tao", amount, limit, false);
  } catch (err) {
    if (err instanceof SwapError)
      throw new InvalidInputError(
        buy ? "buy" : "sell",
        `the chain would reject this swap: ${err.reason} (${err.message})`,
      );
    throw err;
  }
  const [inUnit, outUnit] = buy ? ["TAO", "alpha"] : ["alpha", "TAO"];
  if (opts.json) {
    return JSON.stringify(
      {
        direction: q.direction,
        amount_in_rao: amount.toString(),
        paid_in_rao: q.paidIn.toString(),
        paid_out_rao: q.paidOut.toString(),
        fee_rao: q.fee.toString(),
        refund_rao: q.refund.toString(),
        price_before: toDecimal(U64F64, q.priceBefore),
        price_after: toDecimal(U64F64, q.priceAfter),
        tao_reserve_after_rao: q.taoAfter.toString(),
        alpha_reserve_after_rao: q.alphaInAfter.toString(),
      },
      null,
      2,
    );
  }
  return [
    `${buy ? "buy" : "sell"}: ${formatTao(amount)} ${inUnit} in`,
    `  output        ${formatTao(q.paidOut)} ${outUnit}`,
    `  fee           ${formatTao(q.fee)} ${inUnit}`,
    `  traded        ${formatTao(q.paidIn)} ${inUnit}${q.refund > 0n ? ` (limit reached, ${formatTao(q.refund)} refunded)` : ""}`,
    `  price before  ${priceText(q.priceBefore)} TAO/alpha`,
    `  price after   ${priceText(q.priceAfter)} TAO/alpha`,
    `  reserves      ${formatTao(q.taoAfter)} TAO, ${formatTao(q.alphaInAfter)} alpha`,
  ].join("\n");
}

export const pool: CommandModule<object, PoolOptions> = {
  command: "pool",
  describe: "Quote a swap on a subnet's weighted (balancer) pool, with fee and price limit",
  builder: (y) =>
    y
      .option("tao", { type: "string", demandOption: true, describe: "TAO reserve (TAO)" })
      .option("alpha", { type: "string", demandOption: true, describe: "alpha reserve (alpha)" })
      .option("weight", {
        type: "string",
        default: "0.5",
        describe: "quote (TAO) weight of the pool, 0.01..0.99",
      })
      .option("buy", { type: "string", describe: "TAO to swap for alpha" })
      .option("sell", { type: "string", describe: "alpha to swap for TAO" })
      .option("fee", { type: "number", default: 33, describe: "fee rate, /65535 (33 ≈ 0.05 %)" })
      .option("limit", { type: "string", describe: "limit price in TAO per alpha" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" })
      .example("$0 sim pool --tao 1000 --alpha 20000 --buy 10", "buy alpha with 10 TAO"),
  handler: async (args) => {
    process.stdout.write(`${runPool(args)}\n`);
  },
};
