import test from "ava";
import { ChainError, isChainError } from "../../../node/chain/errors.ts";
import { axonAddressError, decodeIp, encodeIp } from "../../../node/chain/ip.ts";
import { formatTao, parseTao } from "../../../node/chain/units.ts";
import { InvalidInputError } from "../../../sim/errors.ts";

test("IPv4 is the big-endian 32-bit integer and decodes back", (t) => {
  const { ip, ipType } = encodeIp("1.2.3.4");
  t.is(ip, 0x01020304n);
  t.is(ipType, 4);
  t.is(decodeIp(ip, 4), "1.2.3.4");
});

test("IPv6 with :: and an IPv4 tail encodes as the 128-bit integer", (t) => {
  t.is(encodeIp("::1").ip, 1n);
  t.is(encodeIp("2001:db8::2").ip, (0x2001n << 112n) | (0xdb8n << 96n) | 2n);
  t.is(encodeIp("::ffff:1.2.3.4").ip, (0xffffn << 32n) | 0x01020304n);
  t.is(decodeIp(encodeIp("2001:db8:0:0:0:0:0:2").ip, 6), "2001:db8:0:0:0:0:0:2");
});

test("serve_axon's address rules: loopback, zero and port 0 are refused", (t) => {
  t.is(axonAddressError(encodeIp("127.0.0.1").ip, 4, 80), "InvalidIpAddress");
  t.is(axonAddressError(0n, 4, 80), "InvalidIpAddress");
  t.is(axonAddressError(encodeIp("10.0.0.1").ip, 4, 0), "InvalidPort");
  t.is(axonAddressError(encodeIp("10.0.0.1").ip, 5, 80), "InvalidIpType");
  t.is(axonAddressError(encodeIp("10.0.0.1").ip, 4, 80), undefined);
  t.throws(() => encodeIp("localhost"), { instanceOf: InvalidInputError });
});

test("TAO amounts parse to exact rao and print back", (t) => {
  t.is(parseTao("amount", "1.5"), 1_500_000_000n);
  t.is(parseTao("amount", "0.000000001"), 1n);
  t.is(formatTao(1_500_000_000n), "1.5");
  t.is(formatTao(2_000_000_000n), "2");
  t.throws(() => parseTao("amount", "1.0000000001"), { instanceOf: InvalidInputError });
  t.throws(() => parseTao("amount", "-1"), { instanceOf: InvalidInputError });
});

test("a chain error matches its pallet name and the pool code the chain folds it into", (t) => {
  const pool = new ChainError("CHAIN_TX_INVALID", {
    pallet: "TransactionPool",
    errorName: "RateLimitExceeded",
  });
  t.true(isChainError(pool, "SettingWeightsTooFast"));
  t.false(isChainError(pool, "NeuronNoValidatorPermit"));
  const dispatch = new ChainError("CHAIN_DISPATCH_FAILED", {
    pallet: "SubtensorModule",
    errorName: "SettingWeightsTooFast",
  });
  t.true(isChainError(dispatch, "SettingWeightsTooFast"));
  t.regex(dispatch.message, /rate-limited/);
  t.false(isChainError(new Error("x"), "SettingWeightsTooFast"));
});
