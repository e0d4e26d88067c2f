// The MOS device simulator: answers the NRCS, requests running orders, publishes objects.
import * as M from '../lib/mos/messages';
import { MosMessage } from '../lib/mos/envelope';
import { MosPeer, PeerOptions } from './mos-peer';
import { SAMPLE_OBJECTS } from './objects';

export interface SignedMedia {
  /** Base URL of the proxy files on the distribution server, e.g. http://dist/media */
  baseUrl: string;
  /** Signs a proxy URL (e.g. with the signing service's library path). */
  sign: (url: string) => string;
}

export interface DeviceOptions extends Omit<PeerOptions, 'role'> {
  /** When set, published objects carry a signed objProxyPath at baseUrl/<objID>.mp4. */
  media?: SignedMedia;
}

export class DeviceSimulator extends MosPeer {
  media?: SignedMedia;

  constructor(opts: DeviceOptions) {
    super({ objects: [...SAMPLE_OBJECTS], ...opts, role: 'device' });
    this.media = opts.media;
  }

  /** roReq on the ro channel; resolves with the NRCS's roList (or roAck). */
  requestRunningOrder(roID: string, timeoutMs?: number): Promise<MosMessage> {
    return this.request('ro', M.roReq(roID), timeoutMs);
  }

  /** mosObj on the mom channel; resolves with the NRCS's mosAck. */
  publishObject(obj: M.MosObject, timeoutMs?: number): Promise<MosMessage> {
    let proxyPath = obj.proxyPath;
    if (proxyPath === undefined && this.media) {
      const proxyUrl = `${this.media.baseUrl}/${encodeURIComponent(obj.objID)}.mp4`;
      proxyPath = this.faults.has('unsigned-proxy') ? proxyUrl : this.media.sign(proxyUrl);
    }
    return this.request('mom', M.mosObj({ ...obj, proxyPath }), timeoutMs);
  }
}
