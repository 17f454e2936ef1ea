// Loaded with `node --import` before the built main bundle: `electron` resolves to the stand-in.
// (thread-hooks.cjs, preloaded with --require, records addons and databases in every thread.)
import Module from 'node:module';

const standIn = await import('./stand-in-electron.mjs');
const load = Module._load;
Module._load = function loadWithStandIn(request, parent, isMain) {
  if (request !== 'electron') return load.call(this, request, parent, isMain);
  standIn.armReady();
  return standIn;
};
