/**
 * The part of a zod 4 schema the codec helpers use, written structurally so that core-types has no
 * dependency on zod: vendor packages pass their own `zod/mini` schemas in.
 */

/** One validation problem, as zod reports it. */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** A failed validation: the list of problems. */
export interface SchemaIssues {
  readonly issues: readonly SchemaIssue[];
}

export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: SchemaIssues };

/** A zod 4 (classic or mini) schema. */
export interface SchemaLike<T = unknown> {
  readonly _zod: { readonly def: unknown; readonly output: T };
  safeParse(value: unknown): SafeParseResult<T>;
}

/** The type a schema produces. */
export type SchemaOutput<S> = S extends { readonly _zod: { readonly output: infer T } } ? T : never;
