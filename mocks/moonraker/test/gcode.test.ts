/** G-code over printer.gcode.script and a whole print driven by G-code, as a raw client sees it. */
import { describe, expect, it } from 'vitest';
import { client, mock } from './setup.js';

type Status = Record<string, Record<string, unknown>>;

describe('G-code', () => {
  it('"Must home axis first": the !! response arrives before the 400 reply frame', async () => {
    const m = await mock();
    const s = await client(m);
    const before = s.log.length;
    const reply = await s.call('printer.gcode.script', { script: 'G1 X10 Y10' }, 21);
    expect(s.log.slice(before)).toEqual([
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["!! Must home axis first: 10.000 10.000 0.000 [0.000]"]}',
      '{"jsonrpc":"2.0","error":{"code":400,"message":"Must home axis first: 10.000 10.000 0.000 [0.000]"},"id":21}',
    ]);
    expect(reply).toContain('"code":400');
    expect(await s.call('printer.gcode.script', { script: 'G28\nG1 X10 Y20 Z5 F3000' }, 22)).toBe(
      '{"jsonrpc":"2.0","result":"ok","id":22}',
    );
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { toolhead: ['homed_axes', 'position'], gcode_move: ['speed'] },
    });
    expect(status).toEqual({
      toolhead: { homed_axes: 'xyz', position: [10, 20, 5, 0] },
      gcode_move: { speed: 3000 },
    });
    expect(await s.call('printer.gcode.script', { script: 'G1 X400' }, 23)).toBe(
      '{"jsonrpc":"2.0","error":{"code":400,"message":"Move out of range: 400.000 20.000 5.000 [0.000]"},"id":23}',
    );
  });

  it('an unknown command is "ok" plus // Unknown command:"X"; the rest of a failing script is skipped', async () => {
    const m = await mock();
    const s = await client(m);
    const before = s.log.length;
    expect(await s.call('printer.gcode.script', { script: 'frobnicate 1' }, 31)).toBe(
      '{"jsonrpc":"2.0","result":"ok","id":31}',
    );
    expect(s.log.slice(before, -1)).toEqual([
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// Unknown command:\\"FROBNICATE\\""]}',
    ]);
    await s.call('printer.gcode.script', { script: 'G1 X1\nM104 S200' }, 32);
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { extruder: ['target'] },
    });
    expect(status.extruder?.target).toBe(0);
  });

  it('heaters, fans, speed and flow: M104/M140/SET_HEATER_TEMPERATURE/TURN_OFF_HEATERS/M106/M220/M221/M115', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', {
      script:
        'M104 S215\nM140 S65\nM106 S127.5\nM220 S150\nM221 S95\nSET_HEATER_TEMPERATURE HEATER=extruder TARGET=220',
    });
    const query = () =>
      s.result<{ status: Status }>('printer.objects.query', {
        objects: {
          extruder: ['target'],
          heater_bed: ['target'],
          fan: ['speed'],
          gcode_move: ['speed_factor', 'extrude_factor'],
        },
      });
    expect((await query()).status).toEqual({
      extruder: { target: 220 },
      heater_bed: { target: 65 },
      fan: { speed: 0.5 },
      gcode_move: { speed_factor: 1.5, extrude_factor: 0.95 },
    });
    await s.result('printer.gcode.script', { script: 'TURN_OFF_HEATERS\nM107' });
    expect((await query()).status).toMatchObject({
      extruder: { target: 0 },
      heater_bed: { target: 0 },
      fan: { speed: 0 },
    });
    expect(
      await s.call('printer.gcode.script', { script: 'SET_HEATER_TEMPERATURE HEATER=nozzle TARGET=1' }, 41),
    ).toBe(
      `{"jsonrpc":"2.0","error":{"code":400,"message":"The value 'nozzle' is not valid for HEATER"},"id":41}`,
    );
    const before = s.log.length;
    await s.result('printer.gcode.script', { script: 'M115' });
    expect(s.log.slice(before)).toContain(
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// FIRMWARE_NAME:Klipper FIRMWARE_VERSION:v0.12.0-85-gd785b396"]}',
    );
  });

  it('M109 answers only once the nozzle is at temperature (sim time)', async () => {
    const m = await mock();
    const s = await client(m);
    s.send('{"jsonrpc":"2.0","method":"printer.gcode.script","params":{"script":"M109 S200"},"id":51}');
    // Requests are handled in order: once this is answered, the M109 is running.
    await s.result('server.info');
    await m.advance(30_000);
    // A round trip first: a frame sent before its answer has arrived by then (frames keep their order).
    await s.result('server.info');
    expect(s.log.some((f) => f.endsWith('"id":51}'))).toBe(false);
    await m.advance(60_000);
    expect(await s.next((f) => f.endsWith('"id":51}'))).toBe('{"jsonrpc":"2.0","result":"ok","id":51}');
  });

  it('printing a missing file → 400 "Unable to open file"; while printing → 400 "SD busy"', async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.call('printer.print.start', { filename: 'missing.gcode' }, 61)).toBe(
      '{"jsonrpc":"2.0","error":{"code":400,"message":"Unable to open file"},"id":61}',
    );
    await s.result('printer.print.start', { filename: 'calibration-cube.gcode' });
    expect(await s.call('printer.print.start', { filename: 'benchy.gcode' }, 62)).toBe(
      '{"jsonrpc":"2.0","error":{"code":400,"message":"SD busy"},"id":62}',
    );
  });

  it('pause/resume/cancel answer "ok" even when idle, with Klipper\'s gcode responses', async () => {
    const m = await mock();
    const s = await client(m);
    // With no virtual-SD print, pause_resume.py tells the host (`// action:...`) and remembers the pause.
    const said = (text: string) => `{"jsonrpc":"2.0","method":"notify_gcode_response","params":["${text}"]}`;
    expect(await s.result('printer.print.pause')).toBe('ok');
    expect(s.log).toContain(said('// action:paused'));
    expect(await s.result('printer.objects.query', { objects: { pause_resume: null } })).toMatchObject({
      status: { pause_resume: { is_paused: true } },
    });
    expect(await s.result('printer.print.pause')).toBe('ok');
    expect(s.log).toContain(said('// Print already paused'));
    expect(await s.result('printer.print.resume')).toBe('ok');
    expect(s.log).toContain(said('// action:resumed'));
    expect(await s.result('printer.print.resume')).toBe('ok');
    expect(s.log).toContain(said('// Print is not paused, resume aborted'));
    expect(await s.result('printer.print.cancel')).toBe('ok');
    expect(s.log).toContain(said('// action:cancel'));
  });

  it('a whole print via G-code: file messages, states, history added/finished, Done printing file', async () => {
    const m = await mock();
    m.sim.addFile({ name: 'cube.gcode', sizeBytes: 4096, estimatedSeconds: 60, layers: 10 });
    const s = await client(m);
    await s.result('printer.objects.subscribe', {
      objects: { print_stats: ['state', 'filename'], virtual_sdcard: ['progress'] },
    });
    await s.result('printer.gcode.script', { script: 'SDCARD_PRINT_FILE FILENAME=cube.gcode' });
    expect(s.log).toContain(
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["File opened:cube.gcode Size:4096"]}',
    );
    expect(s.log).toContain('{"jsonrpc":"2.0","method":"notify_gcode_response","params":["File selected"]}');
    const added = s.notifications('notify_history_changed')[0]?.params?.[0] as {
      action: string;
      job: Record<string, unknown>;
    };
    expect(added).toMatchObject({
      action: 'added',
      job: { filename: 'cube.gcode', status: 'in_progress', job_id: '000001' },
    });
    await m.advance(250);
    const printing = await s.next((f) => f.includes('"state":"printing"'));
    expect(printing).toContain('"filename":"cube.gcode"');

    await s.result('printer.gcode.script', { script: 'PAUSE' });
    await m.advance(2000);
    await s.next((f) => f.includes('"state":"paused"'));
    await s.result('printer.gcode.script', { script: 'PAUSE' });
    expect(s.log).toContain(
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// Print already paused"]}',
    );
    await s.result('printer.gcode.script', { script: 'RESUME' });
    await m.advance(2000);
    await s.next((f) => f.includes('"state":"printing"'));
    // Heat-up (the bed takes ~2 min) plus 60 s of printing.
    await m.advance(240_000);
    await s.next((f) => f.includes('"state":"complete"'));
    expect(s.log).toContain(
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["Done printing file"]}',
    );
    const finished = s.notifications('notify_history_changed')[1]?.params?.[0] as {
      action: string;
      job: Record<string, unknown>;
    };
    expect(finished).toMatchObject({
      action: 'finished',
      job: { status: 'completed', filename: 'cube.gcode' },
    });
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: {
        print_stats: ['state', 'filename'],
        virtual_sdcard: ['progress'],
        display_status: ['progress'],
      },
    });
    expect(status).toEqual({
      print_stats: { state: 'complete', filename: 'cube.gcode' },
      virtual_sdcard: { progress: 1 },
      display_status: { progress: 1 },
    });
    // CANCEL_PRINT after completion resets to standby.
    await s.result('printer.print.cancel');
    const after = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { print_stats: ['state'] },
    });
    expect(after.status.print_stats?.state).toBe('standby');
    const history = await s.result<{ count: number; jobs: Array<{ status: string }> }>(
      'server.history.list',
      { limit: 10 },
    );
    expect(history.count).toBe(1);
    expect(history.jobs[0]?.status).toBe('completed');
  });

  it('cancel keeps the filename with state cancelled; emergency stop mid-print records klippy_shutdown', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.print.start', { filename: 'benchy.gcode' });
    await m.advance(1000);
    await s.result('printer.print.cancel');
    await m.advance(2000);
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { print_stats: ['state', 'filename'] },
    });
    expect(status.print_stats).toEqual({ state: 'cancelled', filename: 'benchy.gcode' });
    await s.result('printer.print.start', { filename: 'benchy.gcode' });
    await s.result('printer.emergency_stop');
    const history = await s.result<{ jobs: Array<{ status: string }> }>('server.history.list');
    expect(history.jobs.map((j) => j.status)).toEqual(['klippy_shutdown', 'cancelled']);
  });
});

describe('printer.cfg macros', () => {
  it('PAUSE/RESUME/CANCEL_PRINT are [gcode_macro]s over *_BASE; CANCEL_PRINT turns the heaters off; names like constructor are unknown', async () => {
    const m = await mock();
    const s = await client(m);
    const objects = (await s.result('printer.objects.list')) as { objects: string[] };
    expect(objects.objects).toEqual(
      expect.arrayContaining(['gcode_macro PAUSE', 'gcode_macro RESUME', 'gcode_macro CANCEL_PRINT']),
    );
    const configfile = (await s.result('printer.objects.query', {
      objects: { configfile: ['settings'] },
    })) as {
      status: { configfile: { settings: Record<string, Record<string, string>> } };
    };
    expect(configfile.status.configfile.settings['gcode_macro cancel_print']).toMatchObject({
      rename_existing: 'CANCEL_PRINT_BASE',
    });
    const help = (await s.result('printer.gcode.help')) as Record<string, string>;
    expect(help).toMatchObject({
      CANCEL_PRINT: 'Cancel the actual running print',
      CANCEL_PRINT_BASE: "Renamed builtin of 'CANCEL_PRINT'",
    });
    await s.result('printer.print.start', { filename: 'calibration-cube.gcode' });
    await m.advance(5_000);
    expect(m.sim.snapshot().temperatures.nozzle.target).toBeGreaterThan(0);
    await s.result('printer.print.pause');
    await m.advance(1_000);
    expect(m.sim.state).toBe('paused');
    await s.result('printer.print.cancel');
    await m.advance(1_000);
    expect(m.sim.state).toBe('cancelled');
    expect(m.sim.snapshot().temperatures.nozzle.target).toBe(0);
    for (const name of ['constructor', '__proto__', 'toString']) {
      await s.result('printer.gcode.script', { script: name });
      await s.next((f) => f.includes(`Unknown command:\\"${name.toUpperCase()}\\"`));
    }
  });
});

describe('exclude_object, SET_PRINT_STATS_INFO, motion_report while printing', () => {
  it("the running file's objects, EXCLUDE_OBJECT NAME/CURRENT/RESET, layer info, live velocity", async () => {
    const m = await mock();
    const s = await client(m);
    const query = async () =>
      (
        (await s.result('printer.objects.query', {
          objects: { exclude_object: null, print_stats: ['info'], motion_report: ['live_velocity'] },
        })) as {
          status: {
            exclude_object: {
              objects: Array<{ name: string; center: number[] }>;
              excluded_objects: string[];
              current_object: string | null;
            };
            print_stats: { info: { total_layer: number | null; current_layer: number | null } };
            motion_report: { live_velocity: number };
          };
        }
      ).status;
    expect((await query()).exclude_object).toEqual({
      objects: [],
      excluded_objects: [],
      current_object: null,
    });
    await s.result('printer.print.start', { filename: 'calibration-cube.gcode' });
    await m.advance(200_000);
    const printing = await query();
    expect(printing.exclude_object.objects.map((o) => o.name)).toEqual([
      'CALIBRATION-CUBE_ID_0_COPY_0',
      'CALIBRATION-CUBE_ID_0_COPY_1',
    ]);
    expect(printing.exclude_object.objects[0]?.center).toEqual([100, 105]);
    expect(printing.exclude_object.current_object).toMatch(/^CALIBRATION-CUBE_ID_0_COPY_[01]$/);
    expect(printing.motion_report.live_velocity).toBeGreaterThan(0);
    await s.result('printer.gcode.script', { script: 'EXCLUDE_OBJECT NAME=calibration-cube_id_0_copy_1' });
    await s.next((f) => f.includes('// Excluding object CALIBRATION-CUBE_ID_0_COPY_1'));
    const excluded = await query();
    expect(excluded.exclude_object.excluded_objects).toEqual(['CALIBRATION-CUBE_ID_0_COPY_1']);
    expect(excluded.exclude_object.current_object).toBe('CALIBRATION-CUBE_ID_0_COPY_0');
    await s.result('printer.gcode.script', { script: 'SET_PRINT_STATS_INFO TOTAL_LAYER=42 CURRENT_LAYER=7' });
    expect((await query()).print_stats.info).toEqual({ total_layer: 42, current_layer: 7 });
    await s.result('printer.gcode.script', { script: 'EXCLUDE_OBJECT RESET=1' });
    expect((await query()).exclude_object.excluded_objects).toEqual([]);
  });
});

describe('RESPOND', () => {
  it('TYPE echo/command/error and PREFIX as respond.py; a bad TYPE in its words', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'RESPOND TYPE=command MSG=action:prompt_begin' });
    await s.next((f) => f.includes('"params":["// action:prompt_begin"]'));
    await s.result('printer.gcode.script', { script: 'RESPOND PREFIX=info MSG=hello' });
    await s.next((f) => f.includes('"params":["info hello"]'));
    const bad = JSON.parse(await s.call('printer.gcode.script', { script: 'RESPOND TYPE=Shout MSG=x' })) as {
      error: { message: string };
    };
    expect(bad.error.message).toBe(
      "RESPOND TYPE 'shout' is invalid. Must be one of 'echo', 'command', or 'error'",
    );
  });
});
