import { TypeRegistry } from "@polkadot/types";
import { u8aToHex } from "@polkadot/util";
import test from "ava";
import { poolErrorName } from "../../../node/chain/subtensor/decode-error.ts";
import {
  allKnownExtensions,
  canonicalErrorName,
  extensionsFor,
  poolCustomErrorName,
} from "../../../node/chain/subtensor/known.ts";

/** The flattened TxExtension of subtensor spec 425 (spec/chain.md §1.1 table, in order). */
const SPEC_425_EXTENSIONS = [
  "CheckNonZeroSender",
  "CheckSpecVersion",
  "CheckTxVersion",
  "CheckGenesis",
  "CheckMortality",
  "CheckNonce",
  "CheckWeight",
  "ChargeTransactionPaymentWrapper",
  "SudoTransactionExtension",
  "CheckShieldedTxValidity",
  "SubtensorTransactionExtension",
  "DrandPriority",
  "CheckMetadataHash",
];

function registryWith(names: string[], user = allKnownExtensions()): TypeRegistry {
  const registry = new TypeRegistry();
  registry.setSignedExtensions(names, user);
  return registry;
}

test("spec 425: the extrinsic carries era, nonce, the wrapper's compact tip and the metadata-hash mode, in that order", (t) => {
  const registry = registryWith(SPEC_425_EXTENSIONS);
  t.deepEqual(Object.keys(registry.getSignedExtensionTypes()), ["era", "nonce", "tip", "mode"]);
  t.is(registry.getSignedExtensionTypes().tip, "Compact<Balance>");
  // Payload-only data: spec/tx version, genesis and block hash, metadata hash (the zero-sized
  // subtensor extensions add nothing).
  t.deepEqual(Object.keys(registry.getSignedExtensionExtra()), [
    "specVersion",
    "transactionVersion",
    "genesisHash",
    "blockHash",
    "metadataHash",
  ]);
});

test("spec 425: the extra of an immortal tx with nonce 5 and tip 1 TAO encodes as era 00, compact 5, compact 1e9, mode 00", (t) => {
  const registry = registryWith(SPEC_425_EXTENSIONS);
  const extra = registry.createType(`(${Object.values(registry.getSignedExtensionTypes()).join(",")})`, [
    { ImmortalEra: "0x00" },
    5,
    1_000_000_000n,
    0,
  ]);
  // 0x00 immortal era; 0x14 = compact(5); 0x02286bee = compact(1e9) four-byte mode; 0x00 mode.
  t.is(u8aToHex(extra.toU8a()), "0x001402286bee00");
});

test("spec 425 without the wrapper declared loses the tip byte (why the table exists)", (t) => {
  const registry = registryWith(SPEC_425_EXTENSIONS, {});
  t.false("tip" in registry.getSignedExtensionTypes());
});

test("the wrapper and the 425-only extensions are declared for 425 but not for the spec 293 fixture", (t) => {
  t.true("ChargeTransactionPaymentWrapper" in extensionsFor(425));
  t.true("DrandPriority" in extensionsFor(500));
  t.false("ChargeTransactionPaymentWrapper" in extensionsFor(293));
  t.true("SubtensorTransactionExtension" in extensionsFor(293));
});

test("pool refusals decode from both real-node and chopsticks messages", (t) => {
  t.is(poolErrorName(425, "1010: Invalid Transaction: Custom error: 6"), "RateLimitExceeded");
  t.is(poolErrorName(293, '1010: {"invalid":{"custom":10}}'), "HotKeyNotRegisteredInNetwork");
  t.is(poolErrorName(425, "1010: Invalid Transaction: Transaction is outdated"), "Stale");
  t.is(poolErrorName(425, "1010: Invalid Transaction: Inability to pay some fees"), "Payment");
  t.is(poolErrorName(425, "1013: Transaction Already Imported"), "AlreadyImported");
  t.is(poolCustomErrorName(425, 254), "Custom254");
});

test("a renamed pallet error is reported under its current name", (t) => {
  t.is(canonicalErrorName(293, "SubNetworkDoesNotExist"), "SubnetNotExists");
  t.is(canonicalErrorName(425, "SubNetworkDoesNotExist"), "SubNetworkDoesNotExist");
  t.is(canonicalErrorName(293, "SettingWeightsTooFast"), "SettingWeightsTooFast");
});
