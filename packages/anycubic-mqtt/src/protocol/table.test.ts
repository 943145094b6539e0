import { describe, expect, it } from 'vitest';
import { buildMessage, COMMANDS, type CommandKey, speedModeForPercent } from './table.js';

describe('command table', () => {
  it('sends print start and file list/delete via slicer, everything else via web (seed, notes)', () => {
    const slicer = Object.entries(COMMANDS)
      .filter(([, spec]) => spec.root === 'slicer')
      .map(([key]) => key)
      .sort();
    expect(slicer).toEqual([
      'file/deleteLocal',
      'file/deleteUdisk',
      'file/listLocal',
      'file/listUdisk',
      'print/start',
    ]);
  });

  it('uses QoS 1 for every command that changes the printer and QoS 0 for queries', () => {
    const queries: CommandKey[] = [
      'info/query',
      'light/query',
      'axis/query',
      'file/listLocal',
      'file/listUdisk',
      'file/fileDetails',
      'peripherie/query',
      'multiColorBox/getInfo',
      'tempature/query',
      'fan/query',
      'print/query',
      'aiSettings/query',
      'extfilbox/query',
    ];
    for (const [key, spec] of Object.entries(COMMANDS)) {
      expect(spec.qos, key).toBe(queries.includes(key as CommandKey) ? 0 : 1);
    }
  });

  it('keeps the wire spelling of type and action in every entry', () => {
    for (const [key, spec] of Object.entries(COMMANDS)) expect(`${spec.type}/${spec.action}`).toBe(key);
    expect(COMMANDS['tempature/set'].type).toBe('tempature');
    expect(COMMANDS['multiColorBox/getInfo'].action).toBe('getInfo');
  });

  it('builds the seed minimal print start message', () => {
    const message = buildMessage(
      COMMANDS['print/start'],
      { taskid: '-1', filename: 'test_model/FlexibleShark-41m.gcode', filetype: 1 },
      '02fd3987-a2ff-244e-7c95-7fe257a9ef70',
      1660201929871,
    );
    expect(message).toEqual({
      type: 'print',
      action: 'start',
      msgid: '02fd3987-a2ff-244e-7c95-7fe257a9ef70',
      timestamp: 1660201929871,
      data: { taskid: '-1', filename: 'test_model/FlexibleShark-41m.gcode', filetype: 1 },
    });
  });

  it('maps speed percentages onto the three speed modes', () => {
    expect([10, 74, 75, 100, 124, 125, 300].map(speedModeForPercent)).toEqual([1, 1, 2, 2, 2, 3, 3]);
  });
});
