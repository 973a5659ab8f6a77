import { parentPort, workerData } from 'node:worker_threads';
import { type OptimizerInput, proposeAssignment } from './optimizer.js';

/**
 * Runs one optimizer solve in a worker thread: HiGHS holds its thread for up to the time limit, and the
 * server's thread must keep answering requests meanwhile.
 */
const result = await proposeAssignment(workerData as OptimizerInput);
parentPort?.postMessage(result);
