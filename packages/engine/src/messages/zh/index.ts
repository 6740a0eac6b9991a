export { file } from './file.js';
export { text } from './text.js';
export { encoding } from './encoding.js';
export { formats } from './formats.js';
export { values } from './values.js';
export { exportMessages } from './export.js';
export { classify } from './classify.js';
export { metrics } from './metrics.js';
