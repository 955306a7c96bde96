import { u8aToHex } from "@polkadot/util";
import { encodeAddress } from "@polkadot/util-crypto";
import test from "ava";
import { commitHashPreimage, commitWeightsHash, netuidIndex } from "../../../node/chain/commit-hash.ts";
import { InvalidInputError } from "../../../sim/errors.ts";

const hotkey = new Uint8Array(32).fill(7);
const base = { hotkey, netuidIndex: 3, uids: [0, 1], values: [1, 65535], salt: [9], versionKey: 1n };

test("the hotkey may be given as bytes, hex or SS58 with the same hash", (t) => {
  const h = u8aToHex(commitWeightsHash(base));
  t.is(u8aToHex(commitWeightsHash({ ...base, hotkey: u8aToHex(hotkey) })), h);
  t.is(u8aToHex(commitWeightsHash({ ...base, hotkey: encodeAddress(hotkey, 42) })), h);
  t.is(commitWeightsHash(base).length, 32);
});

test("the preimage is SCALE: key, u16 index, compact-prefixed u16 vectors, u64 version", (t) => {
  const pre = commitHashPreimage({ ...base, uids: Array.from({ length: 64 }, (_, i) => i), values: [] });
  // 32 + 2 + (2-byte compact 64 + 128) + (1 + 0) + (1 + 2) + 8
  t.is(pre.length, 32 + 2 + 130 + 1 + 3 + 8);
  t.deepEqual([...pre.subarray(32, 36)], [3, 0, 0x01, 0x01]);
  t.deepEqual([...pre.subarray(pre.length - 8)], [1, 0, 0, 0, 0, 0, 0, 0]);
});

test("changing the salt changes the hash", (t) => {
  t.notDeepEqual(commitWeightsHash(base), commitWeightsHash({ ...base, salt: [10] }));
});

test("mechanism storage index is netuid + mecid * 4096", (t) => {
  t.is(netuidIndex(5), 5);
  t.is(netuidIndex(5, 2), 8197);
});

test("out-of-range values are rejected with the field named", (t) => {
  const err = t.throws(() => commitHashPreimage({ ...base, values: [65536] }), {
    instanceOf: InvalidInputError,
  });
  t.is(err?.field, "values[0]");
  t.throws(() => commitHashPreimage({ ...base, hotkey: "0x1234" }), { instanceOf: InvalidInputError });
  t.throws(() => commitHashPreimage({ ...base, versionKey: -1n }), { instanceOf: InvalidInputError });
});
