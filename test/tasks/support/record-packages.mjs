/**
 * A module-resolution hook that appends the name of each package a module imports to the file
 * named by `RECORD_PACKAGES_FILE`, one a line, synchronously (so the line is written before the
 * import it belongs to completes): `node --import ./record-packages.mjs ...` tells which
 * dependencies a program loads as ES modules.
 */
import { register } from 'node:module';

const hook = `
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) {
  file = data.file;
}
export async function resolve(specifier, context, next) {
  if (file && !/^(node:|file:|data:|\\.|\\/)/.test(specifier)) {
    const parts = specifier.split('/');
    appendFileSync(file, (specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]) + '\\n');
  }
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`, {
  data: { file: process.env.RECORD_PACKAGES_FILE },
});
