/**
 * The info report's `data` (seed "Get printer information"; fixture info_report.json for the key set;
 * notes for `last_project` and `features`).
 */

import type { ReportContext } from './context.js';
import { fanData } from './fan.js';
import { lastProjectData, projectData } from './print.js';
import { workState } from './status.js';
import { temperatureData } from './temperature.js';

/** Feature flags as the Kobra S1 Max capture names them; the mock claims the ones it simulates. */
function featuresData(ctx: ReportContext) {
  return {
    drying_first_support: ctx.device.aceBoxes.length > 0,
    camera_timelapse_support: true,
    multi_color_box_support: ctx.device.aceBoxes.length > 0,
    light_control_support: ctx.model.lightTypes.length > 0,
    chamber_temp_support: ctx.model.hasChamber,
    udisk_support: true,
  };
}

export function infoData(ctx: ReportContext) {
  const snapshot = ctx.snapshot();
  const project = projectData(ctx, snapshot);
  const fans = fanData(ctx, snapshot);
  return {
    printerName: ctx.printerName,
    model: ctx.model.name,
    version: ctx.firmwareVersion,
    ip: ctx.ip,
    state: workState(snapshot.state),
    temp: temperatureData(ctx, snapshot),
    fan_speed_pct: fans.fan_speed_pct,
    aux_fan_speed_pct: fans.aux_fan_speed_pct,
    box_fan_level: fans.box_fan_level,
    print_speed_mode: ctx.device.printSpeedMode,
    project,
    last_project: project ? null : lastProjectData(ctx),
    urls: { fileUploadurl: ctx.urls.fileUploadurl, rtspUrl: ctx.urls.rtspUrl },
    features: featuresData(ctx),
  };
}
