import { ProtocolError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { capture, decodeReport, envelope, topics } from '../../test/wire.js';
import { decodeMessage, isOkCode } from './decode.js';
import { REPORT_STATES } from './table.js';
import type { ReportType } from './wire.js';

describe('decoding the real captures (chrisfore/anycubic_ha_local, Kobra S1 Max)', () => {
  it('decodes the info report data, keeping fields the schema does not name', () => {
    const report = decodeReport('info', { data: capture('info_report.json') });
    const data = report.data!;
    expect(data.printerName).toBe('Anycubic Kobra S1 Max');
    expect(data.state).toBe('busy');
    expect(data.temp).toEqual({
      curr_hotbed_temp: 39,
      curr_nozzle_temp: 45,
      curr_chamber_temp: 43,
      target_hotbed_temp: 0,
      target_nozzle_temp: 0,
      target_chamber_temp: 0,
    });
    expect(data.project).toMatchObject({
      progress: 42,
      curr_layer: 120,
      total_layers: 900,
      remain_time: 1800,
      print_time: 600,
      state: 'printing',
      print_status: 2,
      pause: 0,
      filename: 'demo_PETG.gcode.3mf',
    });
    expect(data.urls).toEqual({ rtspUrl: 'http://192.168.1.50:18088/flv' });
    expect(data.features).toEqual({ drying_first_support: true, camera_timelapse_support: true });
  });

  it('decodes the light query reply', () => {
    const report = decodeReport('light', { action: 'query', data: capture('light_report.json') });
    expect(report.data?.lights).toEqual([{ type: 2, status: 1, brightness: 100 }]);
  });

  it('decodes the full and the partial ACE reports', () => {
    const full = decodeReport('multiColorBox', { data: capture('multicolorbox_full.json') });
    const box = full.data?.multi_color_box?.[0];
    expect(box).toMatchObject({ id: 0, model_id: 40002, temp: 35, humidity: 24, loaded_slot: -1 });
    expect(box?.feed_status).toEqual({ code: 200, type: -1, current_status: -1, slot_index: -1 });
    expect(box?.slots?.map((slot) => [slot.index, slot.type, slot.sku])).toEqual([
      [0, 'PETG', ''],
      [1, 'PETG', 'AHPEFG-102'],
    ]);
    const slim = decodeReport('multiColorBox', {
      action: 'refresh',
      data: capture('multicolorbox_slim.json'),
    });
    expect(slim.data?.multi_color_box?.[0]).toMatchObject({
      id: 0,
      loaded_slot: 1,
      drying_status: { status: 1, target_temp: 45, duration: 240, humidity: 30 },
    });
  });

  it('decodes the Kobra S1 print report from the notes, minutes kept as sent', () => {
    const report = decodeReport('print', {
      action: 'start',
      timestamp: 5346485,
      state: 'printing',
      data: {
        curr_layer: 50,
        filename: 'part_3h45m32s.gcode',
        localtask: '',
        print_time: 79,
        progress: 35,
        remain_time: 113,
        slicer: 'AnycubicSlicer',
        supplies_usage: 5633,
        taskid: '-1',
        total_layers: 184,
      },
    });
    expect(report.state).toBe('printing');
    expect(report.action).toBe('start');
    expect(report.data).toMatchObject({ print_time: 79, remain_time: 113, progress: 35, taskid: '-1' });
  });
});

describe('decoding the documented examples', () => {
  it('decodes the seed info report and the status and lastWill reports', () => {
    const info = decodeReport('info', {
      data: {
        printerName: 'My Kobra 3',
        urls: {
          fileUploadurl: 'http://10.0.0.2:18910/gcode_upload?s=abc',
          rtspUrl: 'http://10.0.0.2:18088/flv',
        },
        project: null,
        model: 'Anycubic Kobra 3',
        state: 'free',
        temp: { curr_hotbed_temp: 23, curr_nozzle_temp: 28, target_hotbed_temp: 0, target_nozzle_temp: 0 },
        print_speed_mode: 2,
      },
    });
    expect(info.data?.project).toBeNull();
    expect(info.state).toBe('done');
    const status = decodeReport('status', { action: 'workReport', state: 'free', msg: '', data: null });
    expect([status.state, status.data]).toEqual(['free', null]);
    const will = decodeReport('lastWill', {
      action: 'onlineReport',
      state: 'offline',
      msg: 'device offline',
    });
    expect(will.state).toBe('offline');
  });

  it('decodes the ack on the response topic', () => {
    expect(decodeMessage(topics, topics.response, '{"msgid":"abc"}')).toEqual({
      kind: 'ack',
      ack: { msgid: 'abc' },
    });
  });
});

describe('what the client does not understand', () => {
  it('passes an unknown type through as a raw message', () => {
    const decoded = decodeMessage(topics, topics.report('laser'), envelope('laser', { data: { power: 3 } }));
    expect(decoded.kind).toBe('raw');
    if (decoded.kind === 'raw') {
      expect(decoded.raw.reason).toBe('unknown-type');
      expect(decoded.raw.envelope.data).toEqual({ power: 3 });
    }
  });

  it('keeps a known type with an unknown state, as state "unknown" plus a raw message', () => {
    const decoded = decodeMessage(topics, topics.report('print'), envelope('print', { state: 'levitating' }));
    expect(decoded.kind).toBe('report');
    if (decoded.kind === 'report') {
      expect(decoded.report.state).toBe('unknown');
      expect(decoded.report.rawState).toBe('levitating');
      expect(decoded.raw?.reason).toBe('unknown-state');
    }
  });

  it('ignores topics of other printers', () => {
    expect(
      decodeMessage(topics, 'anycubic/anycubicCloud/v1/printer/public/20024/OTHER/info/report', '{}'),
    ).toEqual({
      kind: 'foreign',
    });
  });
});

describe('malformed payloads become ProtocolErrors, never exceptions', () => {
  const types = Object.keys(REPORT_STATES) as ReportType[];

  /** A ProtocolError naming the topic: the whole message refused, or the report kept minus bad fields. */
  function expectProtocolError(topic: string, payload: string | Uint8Array) {
    const decoded = decodeMessage(topics, topic, payload);
    expect(['error', 'report'], `${topic}: ${String(payload)}`).toContain(decoded.kind);
    const error = decoded.kind === 'error' || decoded.kind === 'report' ? decoded.error : undefined;
    expect(ProtocolError.isInstance(error), `${topic}: ${String(payload)}`).toBe(true);
    expect(error?.message).toContain(topic);
  }

  it.each(types)('on the %s report topic', (type) => {
    const topic = topics.report(type);
    expectProtocolError(topic, `{"type":"${type}","action":`);
    expectProtocolError(topic, new Uint8Array([0xff, 0xfe, 0x00]));
    expectProtocolError(topic, '[1,2,3]');
    expectProtocolError(topic, '"just a string"');
    expectProtocolError(topic, JSON.stringify({ action: 'report', data: {} }));
    expectProtocolError(topic, JSON.stringify({ type, action: 'report', code: { nested: true } }));
  });

  it.each([
    ['info', { temp: 'hot' }],
    ['print', { progress: 'half' }],
    ['tempature', { curr_nozzle_temp: '200' }],
    ['fan', { fan_speed_pct: [] }],
    ['light', { lights: [{ type: 'head' }] }],
    ['file', { records: [{ size: 1 }] }],
    ['peripherie', { camera: 'yes' }],
    ['multiColorBox', { multi_color_box: [{ slots: [] }] }],
    ['video', { url: 5 }],
    ['info', 'not an object'],
  ] as const)('when %s data has the wrong shape (%j)', (type, data) => {
    expectProtocolError(topics.report(type), envelope(type, { data }));
  });

  it('keeps the rest of a report whose fields are wrong one by one (each field on its own)', () => {
    const decoded = decodeMessage(
      topics,
      topics.report('info'),
      envelope('info', {
        msg: 42,
        data: {
          printerName: 'K3',
          temp: { curr_nozzle_temp: '200', curr_hotbed_temp: 60 },
          project: { progress: 'x', filename: 'a.gcode' },
        },
      }),
    );
    expect(decoded.kind).toBe('report');
    if (decoded.kind !== 'report') return;
    expect(decoded.report.msg).toBeUndefined();
    expect(decoded.report.data).toMatchObject({
      printerName: 'K3',
      temp: { curr_hotbed_temp: 60 },
      project: { filename: 'a.gcode' },
    });
    expect(decoded.error?.message).toMatch(
      /msg.*data\.temp\.curr_nozzle_temp|data\.temp\.curr_nozzle_temp.*msg/s,
    );
    expect(decoded.error?.message).toContain('data.project.progress');
  });

  it('refuses a report whose type is missing or whose data is not an object', () => {
    expect(decodeMessage(topics, topics.report('info'), JSON.stringify({ action: 'report' })).kind).toBe(
      'error',
    );
    expect(decodeMessage(topics, topics.report('info'), envelope('info', { data: 'text' })).kind).toBe(
      'error',
    );
  });

  it('on the response topic', () => {
    expectProtocolError(topics.response, 'ack!');
    expectProtocolError(topics.response, '{"id":"no msgid","code":200}');
  });
});

describe('noise the notes say to ignore', () => {
  it('ignores bare acks with an empty msgid and one-key messages on response', () => {
    expect(decodeMessage(topics, topics.response, '{"msgid":""}').kind).toBe('foreign');
    expect(decodeMessage(topics, topics.response, '{"code":200}').kind).toBe('foreign');
  });

  it('ignores reports with an empty type', () => {
    expect(decodeMessage(topics, topics.report('print'), envelope('', { data: { x: 1 } })).kind).toBe(
      'foreign',
    );
  });

  it('decodes the LAN kinds: axis coordinates, aiSettings, extfilbox, ACE getInfo in state success', () => {
    const axis = decodeMessage(
      topics,
      topics.report('axis'),
      envelope('axis', { data: { coordinates: { x: 1, y: 2, z: 3 } } }),
    );
    expect(axis.kind === 'report' && axis.report.data).toEqual({ coordinates: { x: 1, y: 2, z: 3 } });
    const ai = decodeMessage(
      topics,
      topics.report('aiSettings'),
      envelope('aiSettings', { data: { ai_settings: { status: 1 } } }),
    );
    expect(ai.kind === 'report' && ai.report.type).toBe('aiSettings');
    const ext = decodeMessage(
      topics,
      topics.report('extfilbox'),
      envelope('extfilbox', { data: { id: -1 } }),
    );
    expect(ext.kind === 'report' && ext.report.type).toBe('extfilbox');
    const ace = decodeMessage(
      topics,
      topics.report('multiColorBox'),
      envelope('multiColorBox', { state: 'success' }),
    );
    expect(ace.kind === 'report' && ace.report.state).toBe('success');
  });
});

describe('report codes', () => {
  it('reads 200 and 0 as OK, anything else as an error code', () => {
    expect([200, '200', 0, '0', undefined].map(isOkCode)).toEqual([true, true, true, true, true]);
    expect([10101, '10101', 1].map(isOkCode)).toEqual([false, false, false]);
  });
});
