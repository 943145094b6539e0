import { InvalidArgumentError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { createTopics } from './topics.js';

const topics = createTopics({ modelId: 20024, deviceId: 'DEV1' });

describe('topic builder', () => {
  it('builds the three roots exactly as the seed spells them', () => {
    expect(topics.command('slicer', 'print')).toBe(
      'anycubic/anycubicCloud/v1/slicer/printer/20024/DEV1/print',
    );
    expect(topics.command('web', 'light')).toBe('anycubic/anycubicCloud/v1/web/printer/20024/DEV1/light');
    expect(topics.report('info')).toBe('anycubic/anycubicCloud/v1/printer/public/20024/DEV1/info/report');
    expect(topics.response).toBe('anycubic/anycubicCloud/v1/printer/public/20024/DEV1/response');
  });

  it('subscribes to everything under the printer public root only', () => {
    expect(topics.subscriptions).toEqual(['anycubic/anycubicCloud/v1/printer/public/20024/DEV1/#']);
  });

  it('parses reports, acks, other topics of the printer, and foreign topics', () => {
    expect(topics.parse(topics.report('tempature'))).toEqual({ kind: 'report', type: 'tempature' });
    expect(topics.parse(topics.response)).toEqual({ kind: 'response' });
    expect(topics.parse('anycubic/anycubicCloud/v1/printer/public/20024/DEV1/status')).toEqual({
      kind: 'other',
      rest: 'status',
    });
    expect(topics.parse('anycubic/anycubicCloud/v1/printer/public/20024/DEV2/info/report')).toEqual({
      kind: 'foreign',
    });
    expect(topics.parse('anycubic/anycubicCloud/v1/printer/public/20025/DEV1/info/report')).toEqual({
      kind: 'foreign',
    });
  });

  it('refuses ids that would break or widen a topic', () => {
    expect(() => createTopics({ modelId: 20024, deviceId: 'a/b' })).toThrow(InvalidArgumentError);
    expect(() => createTopics({ modelId: 20024, deviceId: '#' })).toThrow(InvalidArgumentError);
    expect(() => createTopics({ modelId: 20024, deviceId: '' })).toThrow(InvalidArgumentError);
    expect(() => createTopics({ modelId: 0, deviceId: 'x' })).toThrow(InvalidArgumentError);
  });
});
