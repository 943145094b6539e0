import { describe, expect, it } from 'vitest';
import {
  commandSubscription,
  commandTopic,
  parseCommandTopic,
  reportTopic,
  responseTopic,
} from './topics.js';

const printer = { modelId: 20024, deviceId: 'abc' };

describe('topics', () => {
  it('builds the three roots as the seed and notes spell them', () => {
    expect(commandTopic('slicer', printer, 'info')).toBe(
      'anycubic/anycubicCloud/v1/slicer/printer/20024/abc/info',
    );
    expect(commandTopic('web', printer, 'print')).toBe(
      'anycubic/anycubicCloud/v1/web/printer/20024/abc/print',
    );
    expect(reportTopic(printer, 'tempature')).toBe(
      'anycubic/anycubicCloud/v1/printer/public/20024/abc/tempature/report',
    );
    expect(responseTopic(printer)).toBe('anycubic/anycubicCloud/v1/printer/public/20024/abc/response');
    expect(commandSubscription('web', printer)).toBe('anycubic/anycubicCloud/v1/web/printer/20024/abc/#');
  });

  it('parses command topics and rejects everything else', () => {
    expect(parseCommandTopic('anycubic/anycubicCloud/v1/web/printer/20024/abc/light')).toEqual({
      root: 'web',
      modelId: 20024,
      deviceId: 'abc',
      type: 'light',
    });
    expect(parseCommandTopic('anycubic/anycubicCloud/v1/slicer/printer/20024/abc')?.type).toBeUndefined();
    for (const topic of [
      'anycubic/anycubicCloud/v1/printer/public/20024/abc/info/report',
      'anycubic/anycubicCloud/v1/cloud/printer/20024/abc/info',
      'anycubic/anycubicCloud/v1/web/printer/kobra/abc/info',
      'other/topic',
    ]) {
      expect(parseCommandTopic(topic)).toBeUndefined();
    }
  });
});
