/*
 * Benchmark: the minutes of a full meeting, one copy per recipient in every format. Run with
 * `npm run bench:minutes` (needs no services). See docs/benchmarks.md.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { minutesFormats } from '@caseroom/contracts';
import { compartments, type Compartment } from '@caseroom/domain';
import { sampleMinutes, type SampleItem } from '../libs/testing/src/minutes-samples';
import { newFingerprintKey } from '../apps/api/src/features/minutes/fingerprint';
import { MinutesRenderer } from '../apps/api/src/features/minutes/minutes-renderer';
import { renderMinutesCopy, type MinutesRenderJob, type RenderedMinutesCopy } from '../apps/api/src/features/minutes/render-minutes-copy';
import { yieldToEventLoop } from '../apps/api/src/features/minutes/yield-to-event-loop';

const cases = Number(process.env.BENCH_CASES ?? 16);
const recipients = Number(process.env.BENCH_RECIPIENTS ?? 30);
/** Characters of summary in each compartment of each case: about 300 words, a long minute. */
const summaryLength = Number(process.env.BENCH_SUMMARY_LENGTH ?? 1800);

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * What recipient `person` has of case `number`: the panel always; the victim's part unless they are of the
 * suspect's force; the investigation and professional standards for a few; stepped out of a case now and then.
 */
function partsOf(person: number, number: number): readonly Compartment[] | null {
  if ((person * 7 + number * 3) % 11 === 0) return null;
  return compartments.filter(
    (compartment) =>
      compartment === 'panel' ||
      (compartment === 'victim' && person % 3 !== 0) ||
      (compartment === 'investigation' && (person % 5 === 0 || (person + number) % 6 === 0)) ||
      (compartment === 'standards' && (person % 4 === 0 || person === 1)),
  );
}

/** BENCH_THREADS=0 renders on the event loop itself (yielding between parts), for comparison. */
const threads = process.env.BENCH_THREADS === undefined ? undefined : Number(process.env.BENCH_THREADS);

/** One recipient's copy in every format, fingerprinted with their own key where it is rendered. */
function jobFor(person: number): MinutesRenderJob {
  const items: SampleItem[] = Array.from({ length: cases }, (_, index) => ({
    number: index + 1,
    compartments: partsOf(person, index + 1),
  }));
  const model = sampleMinutes({ items, copyNumber: person, recipientName: `Recipient ${person}`, summaryLength });
  return { model, formats: minutesFormats, fingerprintKey: newFingerprintKey() };
}

async function renderAll(jobs: readonly MinutesRenderJob[], renderer: MinutesRenderer | null): Promise<RenderedMinutesCopy[]> {
  if (renderer) return Promise.all(jobs.map((job) => renderer.render(job)));
  const copies: RenderedMinutesCopy[] = [];
  for (const job of jobs) {
    copies.push(await renderMinutesCopy(job));
    await yieldToEventLoop();
  }
  return copies;
}

async function main(): Promise<void> {
  const renderer = threads === 0 ? null : new MinutesRenderer(threads);
  say(
    `Rendering ${recipients} copies of the minutes of ${cases} cases (${summaryLength} characters a summary), ` +
      (renderer ? `on ${threads ?? 'the default number of'} threads...` : 'on the event loop...'),
  );
  try {
    // A warm-up first: loading the libraries and the fonts is paid once per thread, not per meeting.
    await renderAll([0, 1, 2].map(jobFor), renderer);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const jobs = Array.from({ length: recipients }, (_, index) => jobFor(index + 1));
    const copies = await renderAll(jobs, renderer);
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    for (const format of minutesFormats) {
      const total = copies.reduce((sum, copy) => sum + (copy[format]?.length ?? 0), 0);
      say(`average ${format}: ${Math.round(total / recipients / 1024)} KB`);
    }
    say(
      `bench minutes cases=${cases} recipients=${recipients} seconds=${seconds.toFixed(2)} peak_rss_mb=${peakRssMb.toFixed(0)} ` +
        `event_loop_p99_ms=${(delay.percentile(99) / 1e6).toFixed(1)}`,
    );
  } finally {
    await renderer?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
