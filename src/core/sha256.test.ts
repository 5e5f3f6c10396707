import { createHash } from 'node:crypto';
import { sha256Bytes, sha256Text } from './sha256';

describe('sha256', () => {
  it.each(['', 'abc', '一老一小', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000)])(
    'agrees with Node for %#',
    (text) => {
      expect(sha256Text(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );

  it('matches the FIPS test vector', () => {
    expect(sha256Bytes(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
