/** A fresh loopback mock for every test (state never leaks between tests). */
import { afterEach, beforeEach } from 'vitest';
import {
  type StartedMockPrusaConnect,
  type StartMockPrusaConnectOptions,
  startMockPrusaConnect,
} from '../src/index.js';
import { caller } from './helpers.js';

export function useFreshMock(options: StartMockPrusaConnectOptions = {}) {
  const state: { mock?: StartedMockPrusaConnect; call?: ReturnType<typeof caller> } = {};
  beforeEach(async () => {
    state.mock = await startMockPrusaConnect({ port: 0, ...options });
    state.call = caller(state.mock.url);
  });
  afterEach(async () => {
    await state.mock?.stop();
  });
  return {
    get mock(): StartedMockPrusaConnect {
      if (!state.mock) throw new Error('mock not started');
      return state.mock;
    },
    get call(): ReturnType<typeof caller> {
      if (!state.call) throw new Error('mock not started');
      return state.call;
    },
  };
}
