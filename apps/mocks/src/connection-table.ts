/** The fleet as a person reads it: one table row per printer with everything needed to connect. */
import type { FleetDescription } from './fleet-description.js';
import type { PrinterConnection } from './fleet-printer.js';

function credentials(connection: PrinterConnection): string {
  switch (connection.vendor) {
    case 'anycubic':
      return `user ${connection.username} / password ${connection.password}`;
    case 'prusa-connect':
      return `Bearer ${connection.token}`;
    case 'moonraker':
      return 'none (trusted client)';
    case 'prusalink':
      return `Digest ${connection.username} / ${connection.password} (or X-Api-Key ${connection.password})`;
  }
}

function ids(connection: PrinterConnection): string {
  switch (connection.vendor) {
    case 'anycubic':
      return `deviceId ${connection.deviceId}  modelId ${connection.modelId}`;
    case 'prusa-connect':
      return `uuid ${connection.uuid}`;
    case 'moonraker':
    case 'prusalink':
      return '';
  }
}

/** Pads columns to their widest cell; the last column is not padded (no trailing spaces). */
export function alignColumns(rows: readonly (readonly string[])[], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join(gap)
      .trimEnd(),
  );
}

export function formatConnectionTable(description: FleetDescription): string {
  const header = ['NAME', 'VENDOR', 'MODEL', 'URL', 'CREDENTIALS', 'IDS'];
  const rows = description.printers.map((connection, i) => [
    connection.name,
    connection.vendor,
    description.mocks[i]?.model ?? '',
    connection.url,
    credentials(connection),
    ids(connection),
  ]);
  // A Set, not a search per endpoint: a farm has thousands of printers and endpoints.
  const inTable = new Set(description.printers.map((p) => `${p.name} ${p.url}`));
  const extras = description.mocks.flatMap((mock) =>
    Object.entries(mock.endpoints)
      .filter(([, url]) => !inTable.has(`${mock.name} ${url}`))
      .map(([role, url]) => `  ${mock.name} ${role}: ${url}`)
      .concat(mock.tlsFingerprint256 ? [`  ${mock.name} mqtts sha256: ${mock.tlsFingerprint256}`] : []),
  );
  const count = description.printers.length;
  const lines = [
    `printkit-mocks: ${count} mock printer${count === 1 ? '' : 's'}, sim speed ${description.speed}×, seed ${description.seed}`,
    '',
    ...alignColumns([header, ...rows]).map((line) => `  ${line}`),
  ];
  if (extras.length > 0) lines.push('', 'other endpoints:', ...extras);
  if (description.control) {
    lines.push(
      '',
      `control API: ${description.control.url}   (try: curl ${description.control.url}/printers)`,
    );
  }
  return lines.join('\n');
}
