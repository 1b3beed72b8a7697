// Dev mode accepts any signature, so a dev-mode server must only be reachable from this machine.
import { isIP } from 'node:net';
import { SluiceError } from '../kernel/errors.js';

/** True for localhost, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return isIP(h) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(h);
}

/** Throws unless dev mode is off or the host is a loopback address. */
export function assertDevModeHost(dev: boolean, host: string): void {
  if (dev && !isLoopbackHost(host)) {
    throw new SluiceError(
      'InvalidInputException',
      `Refusing to listen on ${host} in dev mode: dev mode accepts any signature, so it only listens on a loopback address (127.0.0.1, ::1, localhost). Configure security.accessKeys to serve other machines.`,
    );
  }
}
