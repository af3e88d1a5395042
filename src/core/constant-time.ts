/**
 * Compares two secrets in time that depends only on their lengths, so a caller cannot learn a token
 * character by character from response times. Pure, so the web trigger's check is unit-testable.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i += 1) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
