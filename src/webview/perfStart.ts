// Imported first by main.ts, so this mark is set before any other module of the panel's script runs:
// "first curves within 300 ms" is measured from here.
performance.mark('activationLens:script-start');
export {};
