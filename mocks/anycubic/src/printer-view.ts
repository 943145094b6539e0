/** The `MockAnycubicPrinter` a test sees: the simulated printer plus its LAN-mode controls. */
import type { HostedLanPrinter } from './lan/lan-routes.js';
import type { MockAnycubicPrinter, MockLanControls } from './mock-types.js';
import type { SimulatedAnycubicPrinter } from './simulated-printer.js';

export function printerView(
  printer: SimulatedAnycubicPrinter,
  hosted: HostedLanPrinter,
  extra: { discoveryUrl: string; kickLanClients: () => void },
): MockAnycubicPrinter {
  const { access } = hosted;
  const lan: MockLanControls = {
    discoveryUrl: extra.discoveryUrl,
    get token() {
      return access.token;
    },
    get credentials() {
      return access.credentials;
    },
    get lanMode() {
      return access.lanMode;
    },
    setLanMode: (on) => {
      access.lanMode = on;
      if (!on) extra.kickLanClients();
    },
    rotateToken: () => access.rotateToken(),
  };
  return {
    deviceId: printer.deviceId,
    modelId: printer.modelId,
    model: printer.model,
    sim: printer.sim,
    get faults() {
      return printer.faults;
    },
    uploadToken: printer.uploadToken,
    videoToken: printer.videoToken,
    urls: printer.urls,
    get online() {
      return printer.online;
    },
    lan,
    powerOff: async () => {
      await printer.powerOff();
      extra.kickLanClients();
    },
    powerOn: async () => {
      if (!printer.powered) access.powerCycled();
      await printer.powerOn();
    },
    dropConnection: () => printer.dropConnection(),
  };
}
