// Actions on Asterisk for the web server: a port it calls with a server's
// name and a queue-member action, answered through the AMI connection of
// that server's collector. The answer is data, never a throw: Asterisk's
// own `Response: Error`, a server that is not connected, no answer in time.

import {
  AmiActionError,
  type QueueAddAction,
  type QueuePauseAction,
  type QueueRemoveAction,
} from '@callboard/ami';
import { AmiResponseError, type AmiClient } from '@callboard/ami-client';

/** The actions the server sends: pause or unpause a member, add one, remove one. */
export type MemberAction = QueuePauseAction | QueueAddAction | QueueRemoveAction;

export type ActionOutcome =
  /** `Response: Success`, with Asterisk's message. */
  | { readonly kind: 'success'; readonly message: string }
  /** `Response: Error`, with Asterisk's message (`Interface not found`, `Already there`…). */
  | { readonly kind: 'refused'; readonly message: string }
  /** No such server here, or its connection is down: nothing was sent. */
  | { readonly kind: 'unavailable'; readonly message: string }
  /** Sent, but no answer came (a timeout, a drop on the way): the result is unknown. */
  | { readonly kind: 'no-answer'; readonly message: string }
  /** Not AMI: a value with a line break, a line too long. Nothing was sent. */
  | { readonly kind: 'invalid'; readonly message: string };

export interface AmiActions {
  send(server: string, action: MemberAction): Promise<ActionOutcome>;
}

/** The port over AMI clients by server name (the ingest's collectors). */
export function clientActions(
  clients: ReadonlyMap<string, AmiClient>,
  timeoutMs = 5000,
): AmiActions {
  return {
    async send(server, action) {
      const client = clients.get(server);
      if (!client) return { kind: 'unavailable', message: `no AMI connection to "${server}"` };
      if (client.state !== 'ready')
        return { kind: 'unavailable', message: `"${server}" is not connected (${client.state})` };
      try {
        const answer = await client.send(action, { timeoutMs });
        return { kind: 'success', message: answer.response.Message ?? 'Success' };
      } catch (error) {
        if (error instanceof AmiResponseError)
          return { kind: 'refused', message: error.response.Message ?? 'Error' };
        if (error instanceof AmiActionError) return { kind: 'invalid', message: error.message };
        const message = error instanceof Error ? error.message : String(error);
        return { kind: 'no-answer', message };
      }
    },
  };
}
