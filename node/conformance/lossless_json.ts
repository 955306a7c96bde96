/**
 * JSON text → JSON text in which every integer literal outside the float64-exact range
 * (|n| > 2^53 − 1) is turned into a string, so `JSON.parse` keeps its exact digits. Vector files
 * carry rao amounts up to u64; `JSON.parse` would silently round them. Safe integers, fractions and
 * everything inside strings are left untouched.
 */
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

export function quoteUnsafeIntegers(text: string): string {
  return text.replace(TOKENS, (token) =>
    token[0] !== '"' && /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token)) ? `"${token}"` : token,
  );
}
