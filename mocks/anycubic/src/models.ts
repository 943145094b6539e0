/** Anycubic model ids (protocol notes, "Model ids") and what the mock gives each model. */

export interface AnycubicModel {
  readonly modelId: number;
  /** The `model` field of the info report, e.g. "Anycubic Kobra 3". */
  readonly name: string;
  /** Light types the model has: 1 head, 2 chamber, 3 camera (notes, "lights"; seed: no head light on KS1). */
  readonly lightTypes: readonly number[];
  /** What each light type is on this model, where it differs from `DEFAULT_LIGHT_NAMES`. */
  readonly lightNames?: Readonly<Record<number, string>>;
  readonly hasChamber: boolean;
  /** Evidence is weak for this id (the notes say so). */
  readonly uncertain?: boolean;
  /**
   * `/info` sends `modelId` as a string of digits: seen on the Kobra S1 fw 2.7.2.7 (Nino6689/anycubic-lan
   * docs/QUESTIONS.md Q5) and the Kobra 3 V2 (TigerTag PROTOCOL.md §3); an integer elsewhere.
   */
  readonly discoveryModelIdAsString?: boolean;
  /**
   * Camera URL form: `flv` = `http://<ip>:18088/flv`; `live` = `http://<ip>:18088/live/<token>`, named only
   * in the MQTT info report and absent from `/info` (the Kobra X: notes "More wire facts"; TigerTag §5c).
   */
  readonly cameraStream?: 'flv' | 'live';
  /**
   * Kobra X habits while printing (notes "More wire facts"; Nino6689/anycubic-lan docs/PROTOCOL.md §5,
   * §6.2): `project.print_status` 0, and messages with an empty `type` plus bare `{"msgid":""}` acks.
   */
  readonly printingNoise?: boolean;
  /**
   * Reports an external spool box `-1` with four slots in `multiColorBox`, before its ACE units (notes
   * "More wire facts"; TigerTag PROTOCOL.md §5: a Kobra X with four units showed 20 slots).
   */
  readonly externalSpoolBox?: boolean;
  /**
   * Unit of `supplies_usage`: grams on the Kobra S1 (notes "More wire facts"; Nino PROTOCOL.md §6.2),
   * filament mm elsewhere (the notes' first reading; chrisfore's S1 Max notes say mm).
   */
  readonly suppliesUsageUnit?: 'grams' | 'mm';
}

/** Light types as the notes give them for most models: 1 head, 2 chamber, 3 camera. */
export const DEFAULT_LIGHT_NAMES: Readonly<Record<number, string>> = { 1: 'head', 2: 'chamber', 3: 'camera' };

/** The sim light a light type switches on this model (the Kobra 3 V2 swaps them: notes "More wire facts"). */
export function lightName(model: AnycubicModel, type: number): string | undefined {
  const names = model.lightNames ?? DEFAULT_LIGHT_NAMES;
  return Object.hasOwn(names, type) ? names[type] : undefined;
}

export const KOBRA_3 = 20024;
export const KOBRA_S1 = 20025;
export const KOBRA_3_MAX = 20026;
export const KOBRA_3_V2 = 20027;
export const KOBRA_4 = 20028;
export const KOBRA_S1_MAX = 20029;
export const KOBRA_X = 20030;

/** The gkapi models (20024+). Kobra 2 (20021–20023) uses an older topic scheme and is not simulated. */
export const ANYCUBIC_MODELS: Readonly<Record<number, AnycubicModel>> = {
  [KOBRA_3]: { modelId: KOBRA_3, name: 'Anycubic Kobra 3', lightTypes: [1, 3], hasChamber: false },
  [KOBRA_S1]: {
    modelId: KOBRA_S1,
    name: 'Anycubic Kobra S1',
    lightTypes: [2, 3],
    hasChamber: true,
    discoveryModelIdAsString: true,
    suppliesUsageUnit: 'grams',
  },
  [KOBRA_3_MAX]: {
    modelId: KOBRA_3_MAX,
    name: 'Anycubic Kobra 3 Max',
    lightTypes: [1, 3],
    hasChamber: false,
  },
  [KOBRA_3_V2]: {
    modelId: KOBRA_3_V2,
    name: 'Anycubic Kobra 3 V2',
    lightTypes: [1, 3],
    // "on the Kobra 3 V2 type 3 is the chamber/part LED and type 1 the camera light" (notes).
    lightNames: { 1: 'camera', 3: 'chamber' },
    hasChamber: false,
    discoveryModelIdAsString: true,
  },
  [KOBRA_4]: {
    modelId: KOBRA_4,
    name: 'Anycubic Kobra 4',
    lightTypes: [1, 3],
    hasChamber: false,
    uncertain: true,
  },
  [KOBRA_S1_MAX]: {
    modelId: KOBRA_S1_MAX,
    name: 'Anycubic Kobra S1 Max',
    lightTypes: [2, 3],
    hasChamber: true,
  },
  [KOBRA_X]: {
    modelId: KOBRA_X,
    name: 'Anycubic Kobra X',
    lightTypes: [1, 3],
    hasChamber: false,
    cameraStream: 'live',
    printingNoise: true,
    externalSpoolBox: true,
  },
};

/** Kobra 2 ids, named so a caller gets a clear error instead of a silently wrong printer. */
export const LEGACY_KOBRA_2_MODEL_IDS: readonly number[] = [20021, 20022, 20023];

export function anycubicModel(modelId: number): AnycubicModel {
  const model = Object.hasOwn(ANYCUBIC_MODELS, modelId) ? ANYCUBIC_MODELS[modelId] : undefined;
  if (model) return model;
  if (LEGACY_KOBRA_2_MODEL_IDS.includes(modelId)) {
    throw new RangeError(
      `Model ${modelId} is a Kobra 2, which uses an older topic scheme the mock does not simulate`,
    );
  }
  throw new RangeError(
    `Unknown Anycubic model id ${modelId}; known: ${Object.keys(ANYCUBIC_MODELS).join(', ')}`,
  );
}
