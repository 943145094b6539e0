/**
 * Typechecks README blocks the way a user's project would see them: each block is its own module,
 * written beside the package (so `@printkit/<self>` resolves through the package's own `exports`,
 * and its other dependencies from its node_modules — the built `dist/` types), compiled with the
 * repo's strict settings under both module settings a consumer may use: `module: nodenext` (Node)
 * and `moduleResolution: bundler` (Vite, esbuild, webpack).
 */
import ts from 'typescript';

export type ResolutionMode = 'nodenext' | 'bundler';

const STRICT: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  allowJs: true,
  checkJs: true,
  noEmit: true,
};

export const MODE_OPTIONS: Readonly<Record<ResolutionMode, ts.CompilerOptions>> = {
  nodenext: { ...STRICT, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  bundler: { ...STRICT, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
};

export interface BlockFile {
  /** Absolute path of the block's .mts / .mjs file on disk. */
  readonly path: string;
  /** 1-based README line of the block's first code line, to point errors at the README. */
  readonly readmeLine: number;
  readonly readmeName: string;
}

/** One program over every block file; returns each file's errors as `README.md:line: TSxxxx message`. */
export function typecheckBlocks(
  files: readonly BlockFile[],
  mode: ResolutionMode,
  currentDirectory: string,
): Map<string, string[]> {
  const options = MODE_OPTIONS[mode];
  const host = ts.createCompilerHost(options);
  host.getCurrentDirectory = () => currentDirectory;
  const program = ts.createProgram({ rootNames: files.map((file) => file.path), options, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
  const errors = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(file.path);
    if (!source) {
      errors.set(file.path, [`${file.readmeName}:${file.readmeLine}: the block file was not compiled`]);
      continue;
    }
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    errors.set(file.path, [
      ...global,
      ...diagnostics.map((diagnostic) => {
        const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        return `${file.readmeName}:${file.readmeLine + line}: TS${diagnostic.code} ${text}`;
      }),
    ]);
  }
  return errors;
}

/** The block as plain JavaScript for node, types removed (each block is its own module). */
export function transpileBlock(code: string, fileName: string): string {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}
