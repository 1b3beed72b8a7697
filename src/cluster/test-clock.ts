// Test-only: SLUICE_TEST_CLOCK=<epochMs>x<speed> runs a server's schedule clock `speed` times faster
// from epochMs, so a test with several server processes sees five-minute schedule slots (Glue's
// finest) every few seconds, every process agreeing on the time. Runs and leases keep the real clock.
export function testClock(): (() => number) | undefined {
  const m = /^(\d+)x(\d+(?:\.\d+)?)$/.exec(process.env.SLUICE_TEST_CLOCK ?? '');
  if (!m) return undefined;
  const epoch = Number(m[1]);
  const speed = Number(m[2]);
  return () => epoch + (Date.now() - epoch) * speed;
}
