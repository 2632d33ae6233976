/** @digitalbazaar/base45 (RFC 9285) ships no types. */
declare module '@digitalbazaar/base45' {
  export function encode(input: Uint8Array): string;
  export function decode(input: string): Uint8Array<ArrayBuffer>;
}
