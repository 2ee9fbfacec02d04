import type { FastifyInstance } from 'fastify';
import type { Logger } from './logger.js';

/** Time that requests in flight get to finish after a stop signal before their connections close. */
export const requestGraceMs = 10_000;

/** Time after the first stop signal or crash after which the process exits whatever remains open. */
export const shutdownTimeoutMs = 120_000;

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

/**
 * Stops the server in order on SIGINT, SIGTERM or a crash. The HTTP server stops accepting and
 * lets requests in flight finish. Then the scheduler and the notification feed stop, the database
 * closes (PGlite writes its shutdown checkpoint) and the process exits.
 *
 * A second signal does not cut this short. It closes the HTTP connections at once instead, so that
 * the database still closes cleanly and the next start needs no crash recovery. A signal that
 * arrives while the app starts is kept until `attach` and stops the app before it listens.
 */
export class ShutdownCoordinator {
  private app: FastifyInstance | undefined;
  private requestedExitCode: number | undefined;
  private stopping = false;
  private deadlineStarted = false;

  constructor(private readonly logger: Logger) {}

  /** Handles the stop signals, uncaught exceptions and unhandled rejections from now on. */
  install(): void {
    for (const signal of stopSignals) process.on(signal, () => this.onSignal(signal));
    process.on('uncaughtException', (error) => this.onCrash(error));
    process.on('unhandledRejection', (reason) => this.onCrash(reason));
  }

  /** True once a signal or a crash asked the process to stop. */
  get stopRequested(): boolean {
    return this.requestedExitCode !== undefined;
  }

  /** Hands over the built app; stops it at once when a signal arrived while it was built. */
  attach(app: FastifyInstance): void {
    this.app = app;
    if (this.requestedExitCode !== undefined) this.stop();
  }

  /**
   * Handles an error of the start: stops the app, if it was built, and exits with code 1. When
   * `buildApp` itself failed, it has closed its database already.
   */
  fail(error: unknown): void {
    if (this.stopping) {
      this.logger.warn({ err: error }, 'start interrupted by the shutdown');
      return;
    }
    this.logger.fatal({ err: error }, 'start failed');
    if (!this.app) process.exit(1);
    this.request(1);
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.stopRequested) {
      this.logger.warn({ signal }, 'already shutting down; closing the open HTTP connections');
      this.app?.server.closeAllConnections();
      return;
    }
    this.logger.info({ signal }, 'shutting down');
    this.request(0);
  }

  private onCrash(error: unknown): void {
    this.logger.fatal({ err: error }, 'uncaught error; shutting down');
    this.request(1);
  }

  private request(exitCode: number): void {
    this.requestedExitCode = Math.max(this.requestedExitCode ?? 0, exitCode);
    if (this.stopping) return;
    if (!this.app) {
      // The app is still being built: `attach` stops it once its database is open.
      this.startDeadline();
      return;
    }
    this.stop();
  }

  private startDeadline(): void {
    if (this.deadlineStarted) return;
    this.deadlineStarted = true;
    setTimeout(() => {
      this.logger.fatal(
        { timeoutMs: shutdownTimeoutMs },
        'shutdown timed out; exiting before the database closed',
      );
      process.exit(1);
    }, shutdownTimeoutMs).unref();
  }

  private stop(): void {
    const app = this.app;
    if (this.stopping || !app) return;
    this.stopping = true;
    this.startDeadline();
    const grace = setTimeout(() => {
      this.logger.warn(
        { graceMs: requestGraceMs },
        'closing the connections of unfinished requests',
      );
      app.server.closeAllConnections();
    }, requestGraceMs);
    grace.unref();

    app.close().then(
      () => {
        this.logger.info('shutdown complete');
        process.exit(this.requestedExitCode ?? 0);
      },
      (error: unknown) => {
        this.logger.fatal({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  }
}
