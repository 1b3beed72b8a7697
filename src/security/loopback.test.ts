import { describe, expect, it } from 'vitest';
import { assertDevModeHost, isLoopbackHost } from './loopback.js';

describe('loopback addresses', () => {
  it('knows loopback from the rest', () => {
    for (const h of ['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '::ffff:10.0.0.1', 'example.com', '128.0.0.1', '::2'])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('refuses dev mode on other addresses, and allows them with signatures on', () => {
    expect(() => assertDevModeHost(true, '0.0.0.0')).toThrow(/Refusing to listen on 0.0.0.0 in dev mode/);
    expect(() => assertDevModeHost(true, '127.0.0.1')).not.toThrow();
    expect(() => assertDevModeHost(false, '0.0.0.0')).not.toThrow();
  });
});
