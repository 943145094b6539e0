/**
 * A file's modification time, in Unix seconds, under the key(s) the mock is configured for. Sources
 * disagree (see the README, "File time field"): `m_time` (the seed's capture of a job file) or
 * `m_timestamp` (dcode/python-prusa-connect-sdk-client's file model); `both` sends the two.
 */
export type FileTimeField = 'm_time' | 'm_timestamp' | 'both';

export const FILE_TIME_FIELDS: readonly FileTimeField[] = ['m_time', 'm_timestamp', 'both'];

export function fileTimeFields(field: FileTimeField, seconds: number): Record<string, number> {
  if (field === 'both') return { m_time: seconds, m_timestamp: seconds };
  return { [field]: seconds };
}
