/** How long an article held by a worker that went silent (killed, cut off) waits before another
 * worker takes it: BullMQ's lockDuration and stalledInterval. Its own module so the CLI can name it
 * without loading BullMQ. */
export const DEFAULT_STALL_MS = 30_000;
