/**
 * The primary's <video> as the master clock. Its currentTime/playbackRate setters and play/pause
 * are wrapped on the instance, so whoever moves the master (video.js, the keys, the transport)
 * moves the angles in the same task; waiting for the media events let a 2× rate change run 45 ms
 * ahead of the angles on a busy machine.
 *
 * A hold (shared/sync/hold) sets the element's own rate to 0: the element stays playing and
 * resumes at once (its picture is a video-only copy with no audio clock to restart; the sound
 * plays elsewhere, shared/sync/sound). video.js never sees it: the hold's `ratechange` events are stopped before its listeners
 * and `playbackRate` reads the user's rate, which a rate chosen during the hold replaces.
 */
const RATE = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'playbackRate')!;
const TIME = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'currentTime')!;

export class MasterElement {
  private held = false;
  private userRate: number;
  private hiddenRateChanges = 0;
  private readonly hideRateChange = (e: Event) => {
    if (this.hiddenRateChanges > 0 && e.isTrusted) {
      this.hiddenRateChanges--;
      e.stopImmediatePropagation();
    }
  };

  constructor(readonly el: HTMLMediaElement, private readonly after: () => void) {
    this.userRate = RATE.get!.call(el) as number;
    el.addEventListener('ratechange', this.hideRateChange, { capture: true });
    this.wrap();
  }

  /** The user's rate (the element's is 0 while held). */
  get rate(): number {
    return this.userRate;
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Holds (rate 0) or releases (the user's rate) the element, unseen by video.js. */
  setHeld(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    this.setOwnRate(held ? 0 : this.userRate);
  }

  dispose(): void {
    this.setHeld(false);
    this.el.removeEventListener('ratechange', this.hideRateChange, { capture: true });
    for (const prop of ['currentTime', 'playbackRate', 'play', 'pause']) delete (this.el as unknown as Record<string, unknown>)[prop];
  }

  private setOwnRate(rate: number): void {
    if ((RATE.get!.call(this.el) as number) === rate) return;
    this.hiddenRateChanges++;
    RATE.set!.call(this.el, rate);
  }

  private wrap(): void {
    const el = this.el;
    Object.defineProperty(el, 'currentTime', {
      configurable: true,
      get: () => TIME.get!.call(el),
      set: (v: number) => {
        TIME.set!.call(el, v);
        this.after();
      },
    });
    Object.defineProperty(el, 'playbackRate', {
      configurable: true,
      get: () => this.userRate,
      set: (v: number) => {
        this.userRate = v;
        if (this.held) this.el.dispatchEvent(new Event('ratechange')); // video.js shows the new rate
        else RATE.set!.call(el, v);
        this.after();
      },
    });
    el.play = () => {
      const p = HTMLMediaElement.prototype.play.call(el);
      this.after();
      return p;
    };
    el.pause = () => {
      this.setHeld(false); // a pause by the user ends the hold
      HTMLMediaElement.prototype.pause.call(el);
      this.after();
    };
  }
}
