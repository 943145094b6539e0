/**
 * The multi-colour box (ACE) model: boxes with slots, shaped like the captures in
 * ../shared/fixtures/anycubic/multicolorbox_full.json (protocol notes, "multi-colour box").
 */

export interface AceSlot {
  index: number;
  sku: string;
  type: string;
  color: number[];
  /** 5 = loaded in the captures. */
  status: number;
  consumables_percent: number;
}

export interface AceDryingStatus {
  /** 0 off, 1 drying. */
  status: number;
  target_temp: number;
  /** Minutes. */
  duration: number;
  /** Minutes left. */
  remain_time: number;
}

export interface AceFeedStatus {
  code: number;
  /** 1 feed, 2 retract, 3 stop; -1 idle. */
  type: number;
  current_status: number;
  slot_index: number;
}

export interface AceBox {
  id: number;
  status: number;
  /** 40001 ACE Pro, 40002 ACE 2. */
  model_id: number;
  auto_feed: number;
  loaded_slot: number;
  feed_status: AceFeedStatus;
  temp: number;
  humidity: number;
  drying_status: AceDryingStatus;
  slots: AceSlot[];
}

export const ACE_PRO_MODEL_ID = 40001;
export const ACE_2_MODEL_ID = 40002;

const DEFAULT_SLOTS: ReadonlyArray<Pick<AceSlot, 'type' | 'color' | 'sku'>> = [
  { type: 'PLA', color: [255, 255, 255], sku: '' },
  { type: 'PLA', color: [0, 0, 0], sku: '' },
  { type: 'PETG', color: [67, 82, 59], sku: 'AHPEFG-102' },
  { type: 'PLA', color: [200, 30, 30], sku: '' },
];

/** One ACE with four loaded slots, idle. */
export function createAceBox(id: number, modelId = ACE_PRO_MODEL_ID): AceBox {
  return {
    id,
    status: 1,
    model_id: modelId,
    auto_feed: 0,
    loaded_slot: -1,
    feed_status: { code: 200, type: -1, current_status: -1, slot_index: -1 },
    temp: 25,
    humidity: 40,
    drying_status: { status: 0, target_temp: 0, duration: 0, remain_time: 0 },
    slots: DEFAULT_SLOTS.map((slot, index) => ({
      index,
      sku: slot.sku,
      type: slot.type,
      color: [...slot.color],
      status: 5,
      consumables_percent: 100,
    })),
  };
}

/** Drying progress at `now`, given when it started; ends by itself when the duration is over. */
export function dryingAt(box: AceBox, startedAt: number | undefined, now: number): AceDryingStatus {
  const drying = box.drying_status;
  if (drying.status !== 1 || startedAt === undefined) return { ...drying };
  const elapsedMinutes = Math.floor((now - startedAt) / 60_000);
  const remain = Math.max(0, drying.duration - elapsedMinutes);
  if (remain === 0) return { status: 0, target_temp: 0, duration: 0, remain_time: 0 };
  return { ...drying, remain_time: remain };
}
