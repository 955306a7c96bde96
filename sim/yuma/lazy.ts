/**
 * Defines `o[key]` as an enumerable, assignable property computed by `make` on first read and then
 * memoised. Epoch outputs use it for their bond matrices: a 4096-uid epoch holds a million entries
 * and most callers read only the vectors.
 */
export function lazyProperty<T extends object, K extends keyof T>(o: T, key: K, make: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(o, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      value ??= make();
      return value;
    },
    set: (v: T[K]) => {
      value = v;
    },
  });
}
