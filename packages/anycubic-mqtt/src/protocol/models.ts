/**
 * Anycubic model ids as they appear in the MQTT topics (`.../printer/<modelId>/<deviceId>/...`), from
 * the protocol notes. Kobra 2 (20021–20023) uses an older, different topic scheme and is not listed.
 */

export const KOBRA_3 = 20024;
export const KOBRA_S1 = 20025;
export const KOBRA_3_MAX = 20026;
export const KOBRA_3_V2 = 20027;
/** Weak evidence: one source only. Pass a model id explicitly if your Kobra 4 reports another one. */
export const KOBRA_4 = 20028;
export const KOBRA_S1_MAX = 20029;
export const KOBRA_X = 20030;

/** The default model id of a client: the Kobra 3, the printer the gkapi seed documents. */
export const DEFAULT_MODEL_ID = KOBRA_3;

/** Light `type` values of `light/control` and `light/query`. */
export const LightType = {
  /** The toolhead light (not on the Kobra S1 / S1 Max). */
  head: 1,
  /** The enclosure light of the Kobra S1 family. */
  chamber: 2,
  camera: 3,
} as const;
export type LightTypeValue = (typeof LightType)[keyof typeof LightType];

/**
 * What `supplies_usage` counts: filament millimetres, but grams on the Kobra S1 (notes, "More wire
 * facts": it was believed to be mm). One source per model: override it if your printer differs.
 */
export type SuppliesUnit = 'mm' | 'g';

export interface ModelInfo {
  readonly id: number;
  readonly name: string;
  /** How sure the notes are that this id means this model. */
  readonly evidence: 'strong' | 'weak';
  /** Light types the printer has; `setLight` on a printkit `Printer` uses the first one. */
  readonly lights: readonly LightTypeValue[];
  /** Whether the printer reports an enclosure (chamber) temperature. */
  readonly chamberSensor: boolean;
  /** Whether a camera is declared; default true (`peripherie/query` says `camera: 0` on printers without). */
  readonly camera?: boolean;
  /** The unit of `supplies_usage` (filament used by the job). */
  readonly suppliesUnit: SuppliesUnit;
}

/** What a user may correct for one printer when the table (or the sources behind it) is wrong for it. */
export type ModelOverride = Partial<
  Pick<ModelInfo, 'name' | 'lights' | 'chamberSensor' | 'camera' | 'suppliesUnit'>
>;

const OPEN_FRAME_LIGHTS = [LightType.head, LightType.camera] as const;
const ENCLOSED_LIGHTS = [LightType.chamber, LightType.camera] as const;

export const MODELS: Readonly<Record<number, ModelInfo>> = {
  [KOBRA_3]: {
    id: KOBRA_3,
    name: 'Kobra 3',
    evidence: 'strong',
    lights: OPEN_FRAME_LIGHTS,
    chamberSensor: false,
    suppliesUnit: 'mm',
  },
  [KOBRA_S1]: {
    id: KOBRA_S1,
    name: 'Kobra S1',
    evidence: 'strong',
    lights: ENCLOSED_LIGHTS,
    chamberSensor: true,
    suppliesUnit: 'g',
  },
  [KOBRA_3_MAX]: {
    id: KOBRA_3_MAX,
    name: 'Kobra 3 Max',
    evidence: 'strong',
    lights: OPEN_FRAME_LIGHTS,
    chamberSensor: false,
    suppliesUnit: 'mm',
  },
  [KOBRA_3_V2]: {
    id: KOBRA_3_V2,
    name: 'Kobra 3 V2',
    evidence: 'strong',
    lights: OPEN_FRAME_LIGHTS,
    chamberSensor: false,
    suppliesUnit: 'mm',
  },
  [KOBRA_4]: {
    id: KOBRA_4,
    name: 'Kobra 4',
    evidence: 'weak',
    lights: OPEN_FRAME_LIGHTS,
    chamberSensor: false,
    suppliesUnit: 'mm',
  },
  [KOBRA_S1_MAX]: {
    id: KOBRA_S1_MAX,
    name: 'Kobra S1 Max',
    evidence: 'strong',
    lights: ENCLOSED_LIGHTS,
    chamberSensor: true,
    suppliesUnit: 'mm',
  },
  [KOBRA_X]: {
    id: KOBRA_X,
    name: 'Kobra X',
    evidence: 'strong',
    lights: OPEN_FRAME_LIGHTS,
    chamberSensor: false,
    suppliesUnit: 'mm',
  },
};

/** What is known about a model id; unknown ids get the Kobra 3's hints under a generic name. */
export function modelInfo(modelId: number): ModelInfo {
  return (
    (Object.hasOwn(MODELS, modelId) ? MODELS[modelId] : undefined) ?? {
      id: modelId,
      name: `Anycubic model ${modelId}`,
      evidence: 'weak',
      lights: OPEN_FRAME_LIGHTS,
      chamberSensor: false,
      suppliesUnit: 'mm',
    }
  );
}

/** Whether the model has a toolhead light (the Kobra S1 and S1 Max do not). */
export function hasHeadLight(modelId: number): boolean {
  return modelInfo(modelId).lights.includes(LightType.head);
}
