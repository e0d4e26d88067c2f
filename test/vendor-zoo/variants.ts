// The vendor zoo: deliberately broken variants of zoo.ts, as data.
// Each variant breaks exactly one requirement of the MOS-over-WebSocket list and keeps
// everything else correct. `needs` lists every condition (all of them) under which the
// defect shows on the wire:
//   listens          - the system listens and the peer (suite) dials it
//   connects         - the system dials the peer in normal (non-passive) mode
//   passive-active   - the system dials the peer with --passive (it is inside the firewall)
//   passive-listener - the system listens and the peer dials it with passive=true
//   operator         - an operator action on the control endpoint is needed to trigger it
// Where an originated message is what shows the defect, 'connects' stands for "the system has
// an originating socket"; being a passive listener gives it one as well.

export type Role = 'device' | 'nrcs';
export type Need = 'listens' | 'connects' | 'passive-active' | 'passive-listener' | 'operator';

export interface Variant {
  name: string;
  roles: Role[];
  breaks: string;
  level: 'fail' | 'warn';
  needs: Need[];
  what: string;
}

/**
 * A correct-but-unusual variant: it uses a freedom that the proposal, MOS 2.8.5, XML 1.0, RFC 6455,
 * RFC 7617 or TLS leave to an implementation, and must pass with no Fail, Warning or Could not test.
 * `needs` says where the unusual behaviour shows ([] = in both deployments).
 */
export interface BenignVariant {
  name: string;
  roles: Role[];
  needs: Need[];
  what: string;
  /** The sentence that allows it, quoted, with its source (document and section). */
  allows: string;
}

const BOTH: Role[] = ['device', 'nrcs'];

export const VARIANTS: Variant[] = [
  // ---- MOSWS-TRANSPORT-1 ----
  { name: 't1-reply-fresh-messageid', roles: BOTH, breaks: 'MOSWS-TRANSPORT-1', level: 'fail', needs: ['listens'],
    what: 'Replies carry a new messageID from the sender\'s own counter instead of the request\'s messageID.' },
  { name: 't1-binary-frames', roles: BOTH, breaks: 'MOSWS-TRANSPORT-1', level: 'fail', needs: ['listens'],
    what: 'Every MOS message is sent as a binary WebSocket message (UTF-8 bytes) instead of a text message.' },
  { name: 't1-split-frames', roles: BOTH, breaks: 'MOSWS-TRANSPORT-1', level: 'fail', needs: ['listens'],
    what: 'A legacy stream writer sends each MOS message as two WebSocket messages (envelope header, then the rest).' },
  { name: 't1-batched-frames', roles: BOTH, breaks: 'MOSWS-TRANSPORT-1', level: 'fail', needs: ['listens'],
    what: 'Each reply is written into the same WebSocket message as a keepAlive, so one frame carries two MOS messages.' },
  { name: 't1-no-heartbeat-reply', roles: BOTH, breaks: 'MOSWS-TRANSPORT-1', level: 'fail', needs: ['listens'],
    what: 'Received heartbeat requests are never answered.' },

  // ---- MOSWS-TRANSPORT-2 ----
  { name: 't2-reply-on-own-socket', roles: BOTH, breaks: 'MOSWS-TRANSPORT-2', level: 'fail', needs: ['listens', 'connects'],
    what: 'Replies go out on this side\'s own outbound socket of the channel (MOS 2.x habit) instead of the socket the request came in on.' },
  { name: 't2-reply-on-newest-socket', roles: BOTH, breaks: 'MOSWS-TRANSPORT-2', level: 'fail', needs: ['listens'],
    what: 'Replies go out on the most recently opened socket, whatever socket the request arrived on.' },
  { name: 't2-reply-on-mom-socket', roles: BOTH, breaks: 'MOSWS-TRANSPORT-2', level: 'fail', needs: ['listens'],
    what: 'Replies to requests that arrived on an ro socket are sent on the mom socket of the same connection pair.' },
  { name: 't2-passive-reply-on-normal', roles: BOTH, breaks: 'MOSWS-TRANSPORT-2', level: 'fail', needs: ['passive-active'],
    what: 'Requests that arrive on a passive socket are answered on the normal outbound socket of that channel.' },

  // ---- MOSWS-URL-1 ----
  { name: 'u1-dial-without-ncsid', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['connects'],
    what: 'Outgoing connection requests carry mosID and channel but no ncsID.' },
  { name: 'u1-dial-channel-typo', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['connects'],
    what: 'The ro socket is requested with "channel-ro" (copied from the proposal\'s example) instead of channel=ro.' },
  { name: 'u1-dial-mos_id', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['connects'],
    what: 'Outgoing connection requests name the parameter mos_id instead of mosID.' },
  { name: 'u1-accept-missing-params', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['listens'],
    what: 'The listener fills in missing mosID/ncsID/channel from its configuration (channel defaults to mom) and accepts the request.' },
  { name: 'u1-accept-any-channel', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['listens'],
    what: 'The listener accepts any channel value; unknown channels are treated as mom.' },
  { name: 'u1-late-param-check', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['listens'],
    what: 'A request without the MOS parameters is upgraded; the socket is served (keepAlives flow) and only closed when the first MOS message arrives.' },

  // ---- MOSWS-URL-2 ----
  { name: 'u2-accept-any-mosid', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The listener does not compare the mosID parameter with its configuration.' },
  { name: 'u2-accept-any-ncsid', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The listener does not compare the ncsID parameter with its configuration.' },
  { name: 'u2-ids-as-set', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The listener only checks that the two configured IDs both appear, so swapped mosID/ncsID values are accepted.' },
  { name: 'u2-prefix-id-match', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The listener accepts any ID that starts with the configured one (e.g. a configured ID plus a suffix).' },

  // ---- MOSWS-URL-3 ----
  { name: 'u3-drop-extra-params', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['connects'],
    what: 'The connecting side rebuilds the URL from scheme, host and path and drops the configured query parameters.' },
  { name: 'u3-reencode-params', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['connects'],
    what: 'The configured query is parsed and re-serialised (URLSearchParams), changing its percent-encoding (%20 becomes +, ~ becomes %7E, a bare flag gets "=").' },
  { name: 'u3-first-extra-param-only', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['connects'],
    what: 'Only the first configured query parameter is passed along; the others are lost.' },
  { name: 'u3-extra-params-mom-only', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['connects'],
    what: 'The configured query parameters are passed on the mom socket but not on the ro socket.' },
  { name: 'u3-reject-extra-params', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens'],
    what: 'The listener refuses (400) connection requests with query parameters other than mosID, ncsID, channel and passive.' },

  // ---- MOSWS-URL-4 ----
  { name: 'u4-mom-socket-only', roles: BOTH, breaks: 'MOSWS-URL-4', level: 'fail', needs: ['connects'],
    what: 'The connecting side opens only the mom socket and never an ro socket.' },
  { name: 'u4-lazy-ro-socket', roles: BOTH, breaks: 'MOSWS-URL-4', level: 'fail', needs: ['connects'],
    what: 'The ro socket is opened only when the first running-order message has to be sent.' },
  { name: 'u4-mom-twice', roles: BOTH, breaks: 'MOSWS-URL-4', level: 'fail', needs: ['connects'],
    what: 'A copy-paste slip labels the second socket channel=mom too, so two mom sockets and no ro socket are opened.' },
  { name: 'u4-aux-instead-of-ro', roles: BOTH, breaks: 'MOSWS-URL-4', level: 'fail', needs: ['connects'],
    what: 'The connecting side opens mom and aux sockets instead of mom and ro.' },

  // ---- MOSWS-AUTH-1 ----
  { name: 'a1-no-authorization', roles: BOTH, breaks: 'MOSWS-AUTH-1', level: 'fail', needs: ['connects'],
    what: 'No Authorization header is sent on the upgrade request.' },
  { name: 'a1-bearer-scheme', roles: BOTH, breaks: 'MOSWS-AUTH-1', level: 'fail', needs: ['connects'],
    what: 'The credentials are sent as "Authorization: Bearer <base64(user:password)>".' },
  { name: 'a1-raw-credentials', roles: BOTH, breaks: 'MOSWS-AUTH-1', level: 'fail', needs: ['connects'],
    what: 'The Authorization header is "Basic user:password" without base64 encoding.' },
  { name: 'a1-proxy-authorization', roles: BOTH, breaks: 'MOSWS-AUTH-1', level: 'fail', needs: ['connects'],
    what: 'The Basic credentials are sent in a Proxy-Authorization header instead of Authorization.' },

  // ---- MOSWS-AUTH-2 ----
  { name: 'a2-no-challenge-header', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Bad or missing credentials get a 401 without a WWW-Authenticate header.' },
  { name: 'a2-forbidden-status', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Bad or missing credentials get 403 Forbidden instead of 401.' },
  { name: 'a2-password-not-checked', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Only the user name is checked; any password is accepted.' },
  { name: 'a2-missing-header-accepted', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Credentials are checked when present, but a request without an Authorization header is accepted.' },
  { name: 'a2-close-after-upgrade', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Bad credentials are detected after the upgrade: the socket is accepted (101) and then closed with code 4401.' },
  { name: 'a2-bearer-challenge', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The 401 carries "WWW-Authenticate: Bearer ..." instead of a Basic challenge.' },

  // ---- MOSWS-AUTH-3 ----
  { name: 'a3-password-in-query', roles: BOTH, breaks: 'MOSWS-AUTH-3', level: 'fail', needs: ['connects'],
    what: 'Besides the correct header, the connection URL carries user=...&password=... .' },
  { name: 'a3-basic-token-in-query', roles: BOTH, breaks: 'MOSWS-AUTH-3', level: 'fail', needs: ['connects'],
    what: 'Besides the correct header, the connection URL carries authorization=Basic%20<base64(user:password)>.' },
  { name: 'a3-apikey-in-query', roles: BOTH, breaks: 'MOSWS-AUTH-3', level: 'fail', needs: ['connects'],
    what: 'Besides the correct header, the password is sent as an apiKey query parameter.' },
  { name: 'a3-passive-password-in-query', roles: BOTH, breaks: 'MOSWS-AUTH-3', level: 'fail', needs: ['passive-active'],
    what: 'Passive sockets (only) also carry user and password query parameters.' },

  // ---- MOSWS-TLS-1 (SHOULD) ----
  { name: 'tls1-listen-plain', roles: BOTH, breaks: 'MOSWS-TLS-1', level: 'warn', needs: ['listens'],
    what: 'The listener ignores --cert/--key and serves plain ws.' },
  { name: 'tls1-dial-plain', roles: BOTH, breaks: 'MOSWS-TLS-1', level: 'warn', needs: ['connects'],
    what: 'A configured wss:// peer URL is dialled as ws:// (TLS silently dropped).' },

  // ---- MOSWS-TLS-2 (SHOULD) ----
  { name: 'tls2-allow-untrusted-ignored', roles: BOTH, breaks: 'MOSWS-TLS-2', level: 'warn', needs: ['connects'],
    what: '--allow-untrusted is ignored: self-signed peer certificates are always rejected.' },
  { name: 'tls2-passive-strict-tls', roles: BOTH, breaks: 'MOSWS-TLS-2', level: 'warn', needs: ['passive-active'],
    what: 'Passive sockets always verify the peer certificate, so they fail against a self-signed peer even with --allow-untrusted.' },

  // ---- MOSWS-PASSIVE-1 ----
  { name: 'p1-passive-flag-name', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'fail', needs: ['passive-active'],
    what: 'Passive sockets are flagged with passiveMode=true instead of passive=true.' },
  { name: 'p1-passive-flag-value', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'fail', needs: ['passive-active'],
    what: 'Passive sockets are flagged with passive=1 instead of passive=true.' },
  { name: 'p1-listener-ignores-passive', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'fail', needs: ['passive-listener', 'operator'],
    what: 'The listener treats passive=true sockets as ordinary inbound sockets and never originates messages over them.' },
  { name: 'p1-listener-originates-on-normal', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'fail', needs: ['passive-listener', 'operator'],
    what: 'The listener originates its messages over the peer\'s normal inbound socket of the channel instead of the passive one.' },
  { name: 'p1-listener-all-on-mom', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'fail', needs: ['passive-listener', 'operator'],
    what: 'The listener originates every message, running-order ones included, over the passive mom socket.' },

  // ---- MOSWS-PASSIVE-2 ----
  { name: 'p2-passive-mom-only', roles: BOTH, breaks: 'MOSWS-PASSIVE-2', level: 'fail', needs: ['passive-active'],
    what: 'In passive mode only the mom passive socket is opened.' },
  { name: 'p2-passive-ro-only', roles: BOTH, breaks: 'MOSWS-PASSIVE-2', level: 'fail', needs: ['passive-active'],
    what: 'In passive mode only the ro passive socket is opened.' },
  { name: 'p2-passive-twice', roles: BOTH, breaks: 'MOSWS-PASSIVE-2', level: 'fail', needs: ['passive-active'],
    what: 'Two passive sockets are opened per channel (two dial loops started for the same socket).' },

  // ---- MOSWS-PASSIVE-3 ----
  { name: 'p3-no-reopen', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-active'],
    what: 'A dropped passive socket is never re-opened.' },
  { name: 'p3-slow-reopen', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-active'],
    what: 'A dropped passive socket is re-opened only after 5 seconds.' },
  { name: 'p3-reopen-mom-only', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-active'],
    what: 'A dropped mom passive socket is re-opened at once, a dropped ro passive socket never.' },
  { name: 'p3-exponential-backoff', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-active'],
    what: 'A dropped passive socket is re-dialled at once, but when that attempt fails the next ones back off exponentially from 2 s (ignoring --retry-ms).' },
  { name: 'p3-lose-queued', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-listener', 'operator'],
    what: 'Messages originated while the passive socket is down are discarded instead of queued.' },
  { name: 'p3-duplicate-after-reopen', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-listener', 'operator'],
    what: 'Messages queued while the passive socket was down are sent twice once it is back.' },
  { name: 'p3-reverse-queue', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-listener', 'operator'],
    what: 'Messages queued while the passive socket was down are sent newest first once it is back.' },

  // ---- MOSWS-PASSIVE-4 ----
  { name: 'p4-nrcs-passive-ignored', roles: ['nrcs'], breaks: 'MOSWS-PASSIVE-4', level: 'fail', needs: ['passive-active'],
    what: 'The NRCS ignores --passive and opens only its two normal sockets.' },
  { name: 'p4-nrcs-passive-unsupported', roles: ['nrcs'], breaks: 'MOSWS-PASSIVE-4', level: 'fail', needs: ['passive-active'],
    what: 'The NRCS does not implement the active side of passive mode: with --passive it opens no socket and waits to be dialled.' },

  // ---- MOSWS-KA-1 ----
  { name: 'ka1-with-messageid', roles: BOTH, breaks: 'MOSWS-KA-1', level: 'fail', needs: ['listens'],
    what: 'keepAlive messages carry a messageID.' },
  { name: 'ka1-lowercase-tag', roles: BOTH, breaks: 'MOSWS-KA-1', level: 'fail', needs: ['listens'],
    what: 'keepAlive is sent as <keepalive/>.' },
  { name: 'ka1-no-envelope', roles: BOTH, breaks: 'MOSWS-KA-1', level: 'fail', needs: ['listens'],
    what: 'keepAlive is sent as a bare <keepAlive/> without the mos envelope.' },
  { name: 'ka1-without-ncsid', roles: BOTH, breaks: 'MOSWS-KA-1', level: 'fail', needs: ['listens'],
    what: 'The keepAlive envelope carries mosID but no ncsID.' },

  // ---- MOSWS-KA-2 ----
  { name: 'ka2-heartbeat-reply', roles: BOTH, breaks: 'MOSWS-KA-2', level: 'fail', needs: ['listens'],
    what: 'A received keepAlive is answered with a heartbeat.' },
  { name: 'ka2-echo-keepalive', roles: BOTH, breaks: 'MOSWS-KA-2', level: 'fail', needs: ['listens'],
    what: 'A received keepAlive is echoed back at once.' },
  { name: 'ka2-close-on-keepalive', roles: BOTH, breaks: 'MOSWS-KA-2', level: 'fail', needs: ['listens'],
    what: 'A received keepAlive is treated as a protocol error and the socket is closed.' },
  { name: 'ka2-nack-keepalive', roles: BOTH, breaks: 'MOSWS-KA-2', level: 'fail', needs: ['listens'],
    what: 'A received keepAlive is treated as an unknown message and answered with a NACK (roAck/mosAck).' },

  // ---- MOSWS-KA-3 (SHOULD) ----
  { name: 'ka3-mom-only', roles: BOTH, breaks: 'MOSWS-KA-3', level: 'warn', needs: ['listens'],
    what: 'keepAlive is sent on mom sockets only.' },
  { name: 'ka3-outbound-only', roles: BOTH, breaks: 'MOSWS-KA-3', level: 'warn', needs: ['listens'],
    what: 'keepAlive is sent only on sockets this side dialled, never on accepted ones.' },
  { name: 'ka3-never', roles: BOTH, breaks: 'MOSWS-KA-3', level: 'warn', needs: ['listens'],
    what: 'keepAlive is never sent.' },
  { name: 'ka3-ws-ping-instead', roles: BOTH, breaks: 'MOSWS-KA-3', level: 'warn', needs: ['listens'],
    what: 'WebSocket ping frames are sent at the interval instead of keepAlive messages.' },
  { name: 'ka3-interval-x10', roles: BOTH, breaks: 'MOSWS-KA-3', level: 'warn', needs: ['listens'],
    what: 'keepAlive is sent at ten times the configured interval (milliseconds taken for centiseconds).' },

  // ---- MOSWS-DEPR-1 ----
  { name: 'd1-story-messages', roles: ['nrcs'], breaks: 'MOSWS-DEPR-1', level: 'fail', needs: ['connects', 'operator'],
    what: 'Story operations use roStoryInsert, roStoryMove, roStoryReplace and roStoryDelete instead of roElementAction.' },
  { name: 'd1-story-append', roles: ['nrcs'], breaks: 'MOSWS-DEPR-1', level: 'fail', needs: ['connects', 'operator'],
    what: 'A new story is added with roStoryAppend; the other story operations use roElementAction.' },
  { name: 'd1-story-move', roles: ['nrcs'], breaks: 'MOSWS-DEPR-1', level: 'fail', needs: ['connects', 'operator'],
    what: 'Stories are moved with roStoryMove; the other story operations use roElementAction.' },
  { name: 'd1-roitemstat', roles: ['device'], breaks: 'MOSWS-DEPR-1', level: 'fail', needs: ['connects', 'operator'],
    what: 'Status reports use roItemStat (items) and roStat (running orders) instead of roElementStat.' },

  // ---- MOS-CONTENT ----
  { name: 'c-listmachinfo-missing-tags', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'listMachInfo omits the required hwRev, DOM and SN tags.' },
  { name: 'c-listmachinfo-order', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'listMachInfo puts supportedProfiles before mosRev.' },
  { name: 'c-heartbeat-time-format', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'heartbeat time is written "YYYY-MM-DD hh:mm:ss" (space instead of T).' },
  { name: 'c-envelope-order', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'Every message with a messageID has ncsID before mosID in its envelope.' },
  { name: 'c-roack-no-rostatus', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'roAck omits the required roStatus tag.' },
  { name: 'c-profiles-overclaim', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'listMachInfo declares profiles 0 to 7 as YES although only 0, 1 and 2 are implemented.' },
  { name: 'c-mosack-status-value', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'mosAck status is OK/ERROR instead of ACK/NACK.' },
  { name: 'c-objtype-invalid', roles: ['device'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'mosObj objType is CLIP (not an enumerated value).' },
  { name: 'c-objair-invalid', roles: ['device'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'mosObj objAir is YES instead of READY/NOT READY.' },
  { name: 'c-objslug-too-long', roles: ['device'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'mosObj objSlug is 200 characters long (limit 128).' },
  { name: 'c-mosobj-missing-objtb', roles: ['device'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'mosObj omits the required objTB tag.' },
  { name: 'c-roelementstat-no-time', roles: ['device'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'roElementStat omits the required time tag.' },
  { name: 'c-mosobj-extra-tag', roles: ['device'], breaks: 'MOS-CONTENT', level: 'warn', needs: ['connects', 'operator'],
    what: 'mosObj carries a vendor tag <vendorCodec> in its body, outside mosExternalMetadata.' },
  { name: 'c-storyslug-too-long', roles: ['nrcs'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'storySlug in the stories the NRCS sends (roCreate, roReplace, roList, roElementAction) is 300 characters long (limit 128).' },
  { name: 'c-operation-invalid', roles: ['nrcs'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'roElementAction inserts with operation="ADD" instead of INSERT.' },
  { name: 'c-item-missing-mosid', roles: ['nrcs'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'Items in roCreate/roReplace/roList/roElementAction omit the required mosID tag.' },
  { name: 'c-roreadytoair-value', roles: ['nrcs'], breaks: 'MOS-CONTENT', level: 'fail', needs: ['connects', 'operator'],
    what: 'roReadyToAir roAir is YES instead of READY/NOT READY.' },
  { name: 'c-rocreate-extra-tag', roles: ['nrcs'], breaks: 'MOS-CONTENT', level: 'warn', needs: ['connects', 'operator'],
    what: 'Stories in roCreate, roReplace and roList carry a vendor tag <vendorPriority> outside mosExternalMetadata.' },
];

export const VARIANT_NAMES = new Set(VARIANTS.map((v) => v.name));

export function findVariant(name: string): Variant | undefined {
  return VARIANTS.find((v) => v.name === name);
}

/** Correct-but-unusual variants (names start with `ok-`): each must pass. */
export const BENIGN: BenignVariant[] = [];
