import { ReplayWindow } from "./access/replay.ts";
import type { VerifiedPeer } from "./binding.ts";

/** A connection whose remote end proved its hotkey in the handshake. */
export interface Session extends VerifiedPeer {
  connectionId: string;
  /** Replay window over the request nonces this peer sends on this connection. */
  replay: ReplayWindow;
  /** When `registration` was last read from the authority (wall-clock ms). */
  checkedAt: number;
  /** Dialer side: when the binding this node presented on the connection expires (then re-bind). */
  localExpiresAt?: number;
}

/** Sessions by libp2p connection id; an entry lives exactly as long as its connection. */
export class SessionTable {
  private readonly byConnection = new Map<string, Session>();

  constructor(private readonly replayWindow: number) {}

  add(connectionId: string, peer: VerifiedPeer, now: number): Session {
    const s: Session = { ...peer, connectionId, replay: new ReplayWindow(this.replayWindow), checkedAt: now };
    this.byConnection.set(connectionId, s);
    return s;
  }

  get(connectionId: string): Session | undefined {
    return this.byConnection.get(connectionId);
  }

  delete(connectionId: string): void {
    this.byConnection.delete(connectionId);
  }

  get size(): number {
    return this.byConnection.size;
  }
}
