import test from "ava";
import {
  checkedDiv,
  checkedMul,
  convert,
  fromDecimal,
  I32F32,
  I64F64,
  safeDiv,
  saturatingMul,
  toDecimal,
  toUintFloor,
  U16_MAX,
  wrappingAdd,
} from "../../../../sim/fixed/fixed.ts";

test("decimal strings round-trip exactly through raw bits", (t) => {
  for (const s of [
    "0",
    "1",
    "0.25",
    "-0.5",
    "0.00000000023283064365386962890625",
    "2147483647.99999999976716935634613037109375",
  ]) {
    t.is(toDecimal(I32F32, fromDecimal(I32F32, s)), s);
  }
  t.is(fromDecimal(I32F32, "0.00000000023283064365386962890625"), 1n);
});

test("decimals that are not binary fractions are rejected, not rounded", (t) => {
  t.throws(() => fromDecimal(I32F32, "0.1"), { instanceOf: RangeError });
  t.throws(() => fromDecimal(I32F32, "2147483648"), { message: /out of range/ });
});

test("multiplication floors (also for negative products) and saturates", (t) => {
  // -2^-32 * 0.5 = -2^-33 → floor gives -2^-32, truncation would give 0.
  t.is(saturatingMul(I32F32, -1n, I32F32.one / 2n), -1n);
  t.is(saturatingMul(I32F32, I32F32.max, 2n * I32F32.one), I32F32.max);
  t.is(checkedMul(I32F32, I32F32.max, 2n * I32F32.one), undefined);
});

test("division truncates toward zero; safe_div yields 0 on zero divisor and on overflow", (t) => {
  t.is(checkedDiv(I32F32, -1n, 2n * I32F32.one), 0n);
  t.is(checkedDiv(I32F32, I32F32.one, 3n * I32F32.one), 1431655765n);
  t.is(safeDiv(I32F32, I32F32.one, 0n), 0n);
  t.is(safeDiv(I32F32, I32F32.max, 1n), 0n);
});

test("narrowing I64F64 to I32F32 floors and integer conversion clamps to the target range", (t) => {
  t.is(convert(I64F64, I32F32, (1n << 32n) - 1n), 0n);
  t.is(convert(I64F64, I32F32, -1n), -1n);
  t.is(toUintFloor(I32F32, 70000n * I32F32.one, U16_MAX), U16_MAX);
  t.is(toUintFloor(I32F32, -5n, U16_MAX), 0n);
});

test("plain addition wraps at the format width like a release runtime", (t) => {
  t.is(wrappingAdd(I32F32, I32F32.max, 1n), I32F32.min);
});
