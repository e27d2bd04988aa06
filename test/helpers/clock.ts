/** A clock tests control: fixed unless advanced (no test depends on the wall clock). */
export class TestClock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  /** Pass this as the server's clock. */
  readonly now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
  advanceMinutes(min: number): void {
    this.t += min * 60_000;
  }
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
}
