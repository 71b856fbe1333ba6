// Orderly shutdown: resources register a closer as they open; SIGINT/SIGTERM (or a fatal error) runs the
// closers newest first, so the HTTP server stops before the database it uses is closed.
type Closer = { name: string; close: () => Promise<void> };

export class Lifecycle {
  private readonly closers: Closer[] = [];
  private closing: Promise<void> | null = null;

  add(name: string, close: () => Promise<void>): void {
    this.closers.push({ name, close });
  }

  close(log: (msg: string) => void = () => {}): Promise<void> {
    this.closing ??= (async () => {
      for (const c of [...this.closers].reverse()) {
        try {
          await c.close();
        } catch (e) {
          log(`closing ${c.name} failed: ${(e as Error).message}`);
        }
      }
    })();
    return this.closing;
  }

  /** Close everything and exit on SIGINT/SIGTERM. */
  exitOnSignals(log: (msg: string) => void): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        log(`${signal}: shutting down`);
        void this.close(log).then(() => process.exit(0));
      });
  }
}
