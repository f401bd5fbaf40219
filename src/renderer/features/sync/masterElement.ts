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
 *
 * The element itself is really muted (its sound plays elsewhere); its `volume`/`muted` are wrapped
 * too, so video.js's mute button and volume bar read and set the user's level (shared/sync/level),
 * which `onLevel` applies to the sound element.
 */
import { changeLevel, type SoundLevel } from '../../../shared/sync/level';

const RATE = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'playbackRate')!;
const TIME = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'currentTime')!;
const MUTED = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'muted')!;
const WRAPPED = ['currentTime', 'playbackRate', 'play', 'pause', 'volume', 'muted'];

export class MasterElement {
  private held = false;
  private disposed = false;
  private userRate: number;
  private hiddenRateChanges = 0;
  private readonly hideRateChange = (e: Event) => {
    if (this.hiddenRateChanges > 0 && e.isTrusted) {
      this.hiddenRateChanges--;
      e.stopImmediatePropagation();
    }
  };

  constructor(
    readonly el: HTMLMediaElement,
    private readonly after: () => void,
    private level: SoundLevel,
    private readonly onLevel: (level: SoundLevel) => void,
  ) {
    this.userRate = RATE.get!.call(el) as number;
    el.addEventListener('ratechange', this.hideRateChange, { capture: true });
    this.wrap();
    this.wrapLevel();
    MUTED.set!.call(el, true);
    this.announceLevel(); // video.js shows the user's level
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
    this.disposed = true;
    this.setHeld(false);
    this.el.removeEventListener('ratechange', this.hideRateChange, { capture: true });
    for (const prop of WRAPPED) delete (this.el as unknown as Record<string, unknown>)[prop];
  }

  /** video.js (and anyone else) reads and sets the user's level; the element stays muted. */
  private wrapLevel(): void {
    const change = (c: { volume?: unknown; muted?: unknown }) => {
      const next = changeLevel(this.level, c);
      if (!next) return;
      this.level = next;
      this.onLevel(next);
      this.announceLevel();
    };
    Object.defineProperty(this.el, 'volume', { configurable: true, get: () => this.level.volume, set: (v: unknown) => change({ volume: v }) });
    Object.defineProperty(this.el, 'muted', { configurable: true, get: () => this.level.muted, set: (v: unknown) => change({ muted: v }) });
  }

  /**
   * A `volumechange`, in a task of its own as a media element fires it (dispatched at once from
   * inside video.js's click handler, its mute button missed the unmute).
   */
  private announceLevel(): void {
    setTimeout(() => {
      if (!this.disposed) this.el.dispatchEvent(new Event('volumechange'));
    });
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
