/**
 * One writer per database across tabs. PGlite keeps a database in memory and
 * writes it back to OPFS / IndexedDB; two tabs with the same database open
 * would each write their own copy and the last one would win, silently
 * losing the other tab's rows. So the in-browser databases are leased: a tab
 * holds a Web Lock while it has them open; another tab that needs them asks
 * (BroadcastChannel) and waits in the lock's queue; the holder closes its
 * databases (after making them durable) and lets go as soon as it is idle, i.e.
 * when no execution or database-panel call of its own is using them.
 */
export type LeaseStatus =
  /** This tab waits for another tab to let go of the databases. */
  | { state: 'waiting'; otherBusy: boolean }
  /** This tab has the databases. */
  | { state: 'held' }
  /** This tab let go of them for another tab (they reopen when needed). */
  | { state: 'released' };

const LOCK = 'kestra-playground-databases';
const CHANNEL = 'kestra-playground-databases';

type Message = { type: 'want' } | { type: 'busy' };

interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>;
  request(name: string, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>;
}

export class DatabaseLease {
  private held = false;
  private acquiring: Promise<void> | null = null;
  private letGo: (() => void) | null = null;
  private active = 0;
  private wanted = false;
  private otherBusy = false;
  private readonly channel: BroadcastChannel | null;
  private readonly locks: LockManagerLike | null;

  constructor(
    /** Closes every open database after making it durable. */
    private readonly closeAll: () => Promise<void>,
    private readonly onStatus: (status: LeaseStatus) => void = () => undefined,
  ) {
    const nav = (globalThis as unknown as { navigator?: { locks?: LockManagerLike } }).navigator;
    this.locks = nav?.locks ?? null;
    this.channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;
    if (this.channel) this.channel.onmessage = (ev: MessageEvent<Message>) => this.receive(ev.data);
  }

  /** True while this tab holds the databases. */
  get isHeld(): boolean {
    return this.held;
  }

  /** Waits until this tab holds the databases. */
  async acquire(): Promise<void> {
    while (!this.held) {
      if (this.acquiring) {
        await this.acquiring;
        continue;
      }
      this.acquiring = this.take().finally(() => {
        this.acquiring = null;
      });
    }
  }

  /** Takes the databases only if no other tab has them (for warming up: never makes another tab let go). */
  async tryAcquire(): Promise<boolean> {
    while (this.acquiring) await this.acquiring;
    if (this.held) return true;
    this.acquiring = this.attempt().then(() => undefined).finally(() => {
      this.acquiring = null;
    });
    await this.acquiring;
    return this.held;
  }

  /** One request that does not wait: holds the lock if it was free. */
  private attempt(): Promise<boolean> {
    if (!this.locks) {
      // no Web Locks: a single tab is all this browser can coordinate
      this.held = true;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      void this.locks!.request(LOCK, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          return;
        }
        this.held = true;
        this.onStatus({ state: 'held' });
        resolve(true);
        return this.hold();
      });
    });
  }

  /** Something of this tab starts using the databases (an execution, a panel call); call `end()` when it is done. */
  begin(): void {
    this.active++;
  }

  end(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0 && this.wanted) void this.yieldToOther();
  }

  private hold(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.letGo = resolve;
    });
  }

  private async take(): Promise<void> {
    if (await this.attempt()) return;
    this.otherBusy = false;
    this.onStatus({ state: 'waiting', otherBusy: false });
    const ask = () => this.channel?.postMessage({ type: 'want' } satisfies Message);
    ask();
    const again = setInterval(ask, 1000);
    try {
      await new Promise<void>((resolve) => {
        void this.locks!.request(LOCK, () => {
          this.held = true;
          resolve();
          return this.hold();
        });
      });
    } finally {
      clearInterval(again);
    }
    this.onStatus({ state: 'held' });
  }

  private receive(msg: Message): void {
    if (msg.type === 'busy') {
      if (!this.held && !this.otherBusy) {
        this.otherBusy = true;
        this.onStatus({ state: 'waiting', otherBusy: true });
      }
      return;
    }
    if (msg.type !== 'want' || !this.held) return;
    this.wanted = true;
    if (this.active === 0) void this.yieldToOther();
    else this.channel?.postMessage({ type: 'busy' } satisfies Message);
  }

  private async yieldToOther(): Promise<void> {
    if (!this.held || this.active > 0) return;
    this.wanted = false;
    this.held = false;
    try {
      await this.closeAll();
    } finally {
      this.letGo?.();
      this.letGo = null;
      this.onStatus({ state: 'released' });
    }
  }
}
