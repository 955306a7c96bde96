import { InputShapeError } from "./errors.ts";
import type { Matrix } from "./types.ts";

/** Checks that A·B is defined and that each matrix holds rows×cols values. */
export function checkMatmulShapes(a: Matrix, b: Matrix): void {
  if (a.data.length !== a.rows * a.cols)
    throw new InputShapeError("a.data", `${a.rows * a.cols} values`, `${a.data.length}`);
  if (b.data.length !== b.rows * b.cols)
    throw new InputShapeError("b.data", `${b.rows * b.cols} values`, `${b.data.length}`);
  if (a.cols !== b.rows) throw new InputShapeError("b.rows", `${a.cols} (a.cols)`, `${b.rows}`);
}

/** Checks that `x` holds `rows` rows of `inputSize` values. */
export function checkBatch(x: Float32Array, rows: number, inputSize: number): void {
  if (!Number.isInteger(rows) || rows < 1) throw new InputShapeError("rows", "a positive integer", `${rows}`);
  if (x.length !== rows * inputSize) {
    throw new InputShapeError("x", `${rows}×${inputSize} = ${rows * inputSize} values`, `${x.length}`);
  }
}
