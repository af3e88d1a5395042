/** Time is passed in, never read from the environment, so sync rules and emulators can run on simulated time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}
