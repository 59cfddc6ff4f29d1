// Runs Azurite (its own command line, same arguments) and ends it when the process that started it goes away: the
// tests keep this process's stdin open, so a test run that dies without disposing its fixture leaves no emulator behind.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
require('./node_modules/azurite/dist/src/azurite.js');
