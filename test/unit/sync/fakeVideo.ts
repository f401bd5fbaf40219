/** A fake video element for the follower and hold tests. */
import type { FollowerClock, FollowPlan } from '../../../src/shared/sync/follow';

/** A fake video element: its clock runs `skew` fast, a seek takes `seekLatencyMs` of wall time. */
export class FakeVideo {
  currentMs: number;
  paused = true;
  rate = 1;
  seekingFor = 0;
  seeks = 0;
  stalledFor = 0;
  constructor(startMs: number, readonly durationMs: number, readonly skew: number, readonly seekLatencyMs: number) {
    this.currentMs = startMs;
  }
  /** Seeking or stalled: its clock stands. */
  get stalled(): boolean {
    return this.seekingFor > 0 || this.stalledFor > 0;
  }
  clock(): FollowerClock {
    return { currentMs: this.currentMs, durationMs: this.durationMs, paused: this.paused, rate: this.rate, seeking: this.seekingFor > 0 };
  }
  advance(wallMs: number): void {
    if (this.seekingFor > 0) {
      this.seekingFor = Math.max(0, this.seekingFor - wallMs);
      return;
    }
    if (this.stalledFor > 0) {
      this.stalledFor = Math.max(0, this.stalledFor - wallMs);
      return;
    }
    if (!this.paused) this.currentMs = Math.min(this.durationMs, this.currentMs + wallMs * this.rate * (1 + this.skew));
  }
  apply(p: FollowPlan): void {
    if (p.pause) this.paused = true;
    if (p.rate !== undefined) this.rate = p.rate;
    if (p.seekMs !== undefined) {
      this.currentMs = p.seekMs;
      this.seekingFor = this.seekLatencyMs;
      this.seeks++;
    }
    if (p.play) this.paused = false;
  }
}
