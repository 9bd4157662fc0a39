// liquidjs, the Liquid of JavaScript, rendering what Studioflow's
// BenchmarkPeerRender renders: usage: node liquid-render.js SPEC.json [ITERATIONS]
// SPEC holds {templates, vars}; each is parsed once, then every run renders
// all of them. Prints {median_ms, outputs} (the outputs of the last run).
const fs = require('fs');
const {Liquid} = require('liquidjs');
const spec = JSON.parse(fs.readFileSync(process.argv[2]));
const n = +(process.argv[3] || 2000);
const engine = new Liquid();
const parsed = spec.templates.map(t => engine.parse(t));
const times = [];
let outputs;
for (let i = 0; i < n; i++) {
  const s = process.hrtime.bigint();
  outputs = parsed.map(t => engine.renderSync(t, spec.vars));
  times.push(Number(process.hrtime.bigint() - s) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({median_ms: +times[n >> 1].toFixed(5), outputs}));
