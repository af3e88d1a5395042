/**
 * One invocation of an app handler: it runs until it returns or its charged time passes the module's timeout.
 * Past it, the outcome is a FunctionTimeoutError whatever the handler still does, and every later call it makes is
 * refused (the budget is spent).
 */
import { FunctionTimeoutError, InvocationBudget } from './budget';
import { runInvocation, type Principal, type SdkHost } from './context';
import type { InvokeOutcome } from './delivery';
import type { Handler } from './loader';

export interface HandlerCall {
  functionKey: string;
  args: unknown[];
  timeoutS: number;
  principal?: Principal;
  moduleKey?: string;
}

export async function callHandler(
  host: SdkHost,
  handler: Handler | undefined,
  call: HandlerCall,
): Promise<InvokeOutcome> {
  const { functionKey, principal, moduleKey } = call;
  if (!handler) return { ok: false, error: new Error(`No handler for function ${functionKey}`) };
  const budget = new InvocationBudget(functionKey, call.timeoutS);
  const run = runInvocation({ host, functionKey, principal, budget, moduleKey }, () =>
    Promise.resolve(handler(...call.args)),
  ).then(
    (result): InvokeOutcome => ({ ok: true, result }),
    (error: unknown): InvokeOutcome => ({ ok: false, error }),
  );
  const outcome = await Promise.race([
    run,
    budget.expired.then((): InvokeOutcome => ({ ok: false, error: undefined })),
  ]);
  if (budget.timedOut)
    return { ok: false, error: new FunctionTimeoutError(functionKey, budget.timeoutS), timedOut: true };
  return outcome;
}
