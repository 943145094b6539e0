/**
 * Job payloads shaped like `jobs.json` (the capture): list items, and the detail with
 * `cancelable.objects` (seed, "Job Details").
 */
import type { SimJob } from '@printkit/printer-sim';
import { activeJobStateOf, type ConnectJobState, endedJobStateOf } from '../connect-state.js';
import { CORE_ONE_JOB_CAPTURE } from '../fixtures/job.js';
import type { JobRecord, PrinterRecord } from '../printer-record.js';
import { displayNameOf } from '../storage-path.js';

export interface JobView {
  record: JobRecord;
  sim: SimJob;
  state: ConnectJobState;
}

/** Every job of a printer, newest first: the running one (if any) and the ended ones. */
export function jobsOf(printer: PrinterRecord): JobView[] {
  const views: JobView[] = printer.sim.history().map((sim) => ({
    record: printer.jobRecordFor(sim),
    sim,
    state: endedJobStateOf(sim.result ?? 'error'),
  }));
  const snapshot = printer.sim.snapshot();
  const current = snapshot.job;
  if (current && current.result === undefined) {
    views.push({
      record: printer.jobRecordFor(current),
      sim: current,
      state: activeJobStateOf(snapshot.state),
    });
  }
  return views.reverse();
}

export function findJob(printer: PrinterRecord, jobId: number): JobView | undefined {
  return jobsOf(printer).find((view) => view.record.id === jobId);
}

const LAYER_HEIGHT_MM = 0.2;

export function jobPayload(printer: PrinterRecord, teamId: number, view: JobView): Record<string, unknown> {
  const { record, sim } = view;
  const template = structuredClone(CORE_ONE_JOB_CAPTURE) as unknown as Record<string, unknown> & {
    file: Record<string, unknown> & { meta: Record<string, unknown> };
  };
  const ended = sim.endedAt !== undefined;
  const payload: Record<string, unknown> = {
    ...template,
    id: record.id,
    lifetime_id: record.lifetimeId,
    printer_uuid: printer.uuid,
    origin_id: sim.id,
    path: record.path,
    state: view.state,
    hash: record.hash,
    team_id: teamId,
    time_printing: Math.round(sim.printSeconds),
    print_height: Math.round(sim.totalLayers * LAYER_HEIGHT_MM),
    start: Math.floor(sim.startedAt / 1000),
    source: record.source,
    progress: Math.round(sim.progress * 100),
    file: {
      ...template.file,
      name: displayNameOf(record.fileName),
      display_name: displayNameOf(record.fileName),
      size: record.size,
      hash: record.hash,
      team_id: teamId,
      preview_url: `/app/teams/${teamId}/files/${record.hash}/preview`,
      meta: {
        ...template.file.meta,
        estimated_print_time: sim.estimatedSeconds,
        objects_info: { objects: record.objects.map((o) => ({ name: o.name, polygon: o.polygon })) },
      },
    },
  };
  if (ended) payload.end = Math.floor((sim.endedAt ?? 0) / 1000);
  else {
    delete payload.end;
    payload.time_remaining = sim.remainingSeconds;
  }
  if (record.reason) payload.reason = structuredClone(record.reason);
  return payload;
}

/** The detail adds the cancelable objects (the ids CANCEL_OBJECT takes). */
export function jobDetailPayload(
  printer: PrinterRecord,
  teamId: number,
  view: JobView,
): Record<string, unknown> {
  return {
    ...jobPayload(printer, teamId, view),
    cancelable: {
      objects: view.record.objects.map((o, id) => ({
        id,
        name: o.name,
        polygon: o.polygon,
        canceled: view.record.canceledObjects.has(id),
      })),
    },
  };
}
