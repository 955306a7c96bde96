import { PlexusError } from "../errors.ts";

/** `PriceLimitExceeded` → `PRICE_LIMIT_EXCEEDED`. */
const snake = (reason: string): string => reason.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/** Swap pallet errors; `reason` is the chain's error name, `code` is `EMISSION_SWAP_<REASON>`. */
export type SwapErrorReason =
  | "PriceLimitExceeded"
  | "ReservesTooLow"
  | "SwapInputTooLarge"
  | "InsufficientLiquidity";

export class SwapError extends PlexusError {
  readonly reason: SwapErrorReason;
  constructor(reason: SwapErrorReason, message: string) {
    super(`EMISSION_SWAP_${snake(reason)}`, message, { meta: { reason } });
    this.name = "SwapError";
    this.reason = reason;
  }
}

/** A staking action the chain would reject (`AmountTooLow`, `NotEnoughStakeToWithdraw`, ...). */
export class StakeError extends PlexusError {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(`EMISSION_STAKE_${snake(reason)}`, message, { meta: { reason } });
    this.name = "StakeError";
    this.reason = reason;
  }
}

/** A neuron or subnet registration the chain would reject (`SubnetLimitReached`, ...). */
export class RegistrationError extends PlexusError {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(`EMISSION_REGISTRATION_${snake(reason)}`, message, { meta: { reason } });
    this.name = "RegistrationError";
    this.reason = reason;
  }
}
