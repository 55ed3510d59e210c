/**
 * Progress on stderr: a bar per running task on a terminal, one line per task start and end
 * elsewhere, nothing with `--quiet`.
 *
 * @module
 */
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../index.js';
import { line } from './io.js';

/** Receives run events and draws them. */
export interface ProgressReporter {
  readonly onProgress: (event: ProgressEvent) => void;
  /** Removes bars; call before printing a summary. */
  stop(): void;
}

/** Picks the reporter for a stream: bars on a TTY, lines otherwise, nothing when quiet. */
export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  quiet: boolean,
): ProgressReporter {
  if (quiet) return { onProgress: () => undefined, stop: () => undefined };
  if (stream.isTTY) return barReporter(stream);
  return lineReporter(stream);
}

function lineReporter(stream: NodeJS.WritableStream): ProgressReporter {
  return {
    onProgress(event) {
      if (event.type === 'taskStarted') line(stream, `started  ${event.task} (${event.table})`);
      if (event.type === 'taskFinished') {
        const r = event.result;
        const rejected = r.recordsRejected > 0 ? `, ${r.recordsRejected} rejected` : '';
        const error = r.error ? ` - ${r.error.message}` : '';
        line(
          stream,
          `${r.status.padEnd(8)} ${r.name}: ${r.recordsProcessed} records${rejected}, ${r.apiCalls} API calls, ${r.durationSeconds.toFixed(1)}s${error}`,
        );
      }
    },
    stop: () => undefined,
  };
}

function barReporter(stream: NodeJS.WritableStream): ProgressReporter {
  const multi = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WritableStream & NodeJS.WriteStream,
      format: ' {task} | {records} records | {rate} rec/s | {calls} API calls | {status}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      forceRedraw: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; started: number }>();
  return {
    onProgress(event) {
      if (event.type === 'taskStarted') {
        const bar = multi.create(0, 0, {
          task: event.task.padEnd(20),
          records: 0,
          rate: 0,
          calls: 0,
          status: 'running',
        });
        bars.set(event.task, { bar, started: event.at.getTime() });
        return;
      }
      const entry = bars.get(event.task);
      if (!entry) return;
      if (event.type === 'taskProgress') {
        const seconds = Math.max(0.001, (event.at.getTime() - entry.started) / 1000);
        entry.bar.update(0, {
          records: event.counters.recordsProcessed,
          rate: Math.round(event.counters.recordsProcessed / seconds),
          calls: event.counters.apiCalls,
          status: 'running',
        });
      } else {
        const r = event.result;
        entry.bar.update(0, {
          records: r.recordsProcessed,
          rate: Math.round(r.recordsProcessed / Math.max(0.001, r.durationSeconds)),
          calls: r.apiCalls,
          status: r.status,
        });
      }
    },
    stop() {
      multi.stop();
    },
  };
}
