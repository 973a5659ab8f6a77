/** A failure the benchmark expects and explains (bad flag, server did not start): shown without a stack. */
export class BenchError extends Error {}

/** A bad command-line flag: shown with the usage text. */
export class OptionsError extends BenchError {}
