/**
 * When incidents are opened: a year of arrivals with office-hour and weekday rhythms, a slow
 * growth and a few outage spikes. Row `i` of `n` opens at the `(i + u)/n` quantile of the curve
 * (u uniform per row), so `opened_at` never decreases with the row index and incident numbers
 * follow opening order, as on a real instance.
 *
 * @module
 */
import { mix32 } from '../random.js';

/** The arrival-time curve over [start, end). @internal */
export class ArrivalCurve {
  private readonly start: number;
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(start: number, end: number, seed: number) {
    this.start = start;
    const hours = Math.max(1, Math.ceil((end - start) / 3600));
    const spikes = new Set<number>();
    for (let s = 0; s < 4; s++) spikes.add(mix32(seed ^ (0x51ed27 + s)) % hours);
    this.cumulative = new Float64Array(hours + 1);
    for (let h = 0; h < hours; h++) {
      const at = new Date((start + h * 3600) * 1000);
      const day = at.getUTCDay();
      const hour = at.getUTCHours();
      const weekday = day === 0 || day === 6 ? 0.3 : 1;
      const office =
        hour >= 7 && hour <= 18 ? 1 : hour === 6 || (hour >= 19 && hour <= 21) ? 0.45 : 0.15;
      const growth = 0.85 + (0.3 * h) / hours;
      const spike = spikes.has(h) ? 8 : 1;
      this.cumulative[h + 1] = (this.cumulative[h] as number) + weekday * office * growth * spike;
    }
    this.total = this.cumulative[hours] as number;
  }

  /** The instant (epoch seconds) at quantile `q` in [0, 1). */
  at(q: number): number {
    const target = q * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((c[mid] as number) <= target) lo = mid;
      else hi = mid - 1;
    }
    const width = (c[lo + 1] as number) - (c[lo] as number);
    const fraction = width > 0 ? (target - (c[lo] as number)) / width : 0;
    return Math.floor(this.start + (lo + Math.min(fraction, 0.999999)) * 3600);
  }
}
