// The vendor zoo: deliberately broken variants of zoo.ts, as data.
// Each variant breaks exactly one requirement of the MOS-over-WebSocket list and keeps
// everything else correct. `needs` lists every condition (all of them) under which the
// defect shows on the wire:
//   listens          - the system listens and the peer (suite) dials it
//   connects         - the system dials the peer in normal (non-passive) mode
//   passive-active   - the system dials the peer with --passive (it is inside the firewall)
//   passive-listener - the system listens and the peer dials it with passive=true
//   operator         - an operator action on the control endpoint is needed to trigger it
//   listen-extra     - the listening system is started with --listen-extra NAME=VALUE (extra URL
//                      parameters it must check); the peer dials the listenUrl with that query
// Where an originated message is what shows the defect, 'connects' stands for "the system has
// an originating socket"; being a passive listener gives it one as well.

export type Role = 'device' | 'nrcs';
export type Need = 'listens' | 'connects' | 'passive-active' | 'passive-listener' | 'operator' | 'destructive' | 'listen-extra';

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
  { name: 'c-time-dot-millis', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'heartbeat time is written with a period before the fractional seconds ("2024-05-01T12:00:00.123Z"); MOS prescribes a comma ("YYYY-MM-DD\'T\'hh:mm:ss[,ddd]"). Every other time is correct.' },

  // ==== zoo-hostile: class A, mutation operators on the listening and dialling side (mutations.ts) ====
  // ---- listener: identities (MOSWS-URL-2) ----
  { name: 'm-mosid-trailing-space', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The listener trims the mosID parameter before comparing it, so a mosID padded with whitespace ("ID%20") is accepted.' },
  { name: 'm-mosid-case-insensitive', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The listener compares the mosID parameter case-insensitively (a case-changed mosID is accepted).' },
  { name: 'm-mosid-duplicate-first-wins', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'A mosID given twice with different values is accepted; the first value is used and the second never checked.' },
  { name: 'm-ncsid-double-decoded', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The ncsID parameter is percent-decoded a second time before the comparison, so a double-encoded foreign value ("ZOO%252ENCS") matches.' },
  { name: 'm-ids-mom-only', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'mosID/ncsID are compared with the configuration on channel=mom only; ro and aux sockets accept any identity.' },
  { name: 'm-ids-passive-unchecked', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'mosID/ncsID are compared only on sockets without passive=true; passive sockets accept any identity.' },
  // ---- listener: presence and values (MOSWS-URL-1, MOSWS-PASSIVE-1) ----
  { name: 'm-ncsid-empty-accepted', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['listens'],
    what: 'An empty ncsID parameter ("ncsID=") is accepted as "not restricted" instead of being refused as missing.' },
  { name: 'm-channel-prefix-match', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['listens'],
    what: 'The channel value is matched by prefix, so "ro2", "mom_x" or "auxiliary" are accepted as ro, mom and aux.' },
  { name: 'm-channel-case-insensitive', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['listens'],
    what: 'The channel value is lower-cased before the check, so "RO" or "Mom" are accepted.' },
  { name: 'm-passive-any-value', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'fail', needs: ['listens'],
    what: 'Any passive value other than "false" (passive=yes, passive=1, passive=) is taken as passive=true instead of being refused.' },
  // ---- listener: credentials (MOSWS-AUTH-2) ----
  { name: 'm-auth-mom-only', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Basic credentials are enforced on channel=mom only; ro and aux sockets are opened without (or with wrong) credentials.' },
  { name: 'm-auth-passive-unchecked', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Credentials are not checked on passive=true sockets.' },
  { name: 'm-auth-password-extended', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Only the first strlen(configured) characters of the password are compared: the correct password with anything appended is accepted.' },
  { name: 'm-auth-password-truncated', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Only as many characters as were sent are compared: any non-empty prefix of the password (e.g. its first character) is accepted.' },
  { name: 'm-auth-empty-password', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The correct user with an empty password ("user:") is accepted.' },
  { name: 'm-auth-admin-any-password', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'A built-in service account: user "admin" is accepted with any password.' },
  { name: 'm-auth-user-case-insensitive', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The user name is compared case-insensitively (a case-changed user with the right password is accepted).' },
  { name: 'm-auth-token-trailing-garbage', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The base64 decoder stops at the padding: a valid token followed by garbage ("...==AAAA", "...=x") is accepted.' },
  { name: 'm-auth-base64url-token', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The token is decoded with a lenient decoder that also takes the URL-safe alphabet (- _) and missing padding.' },
  { name: 'm-auth-any-scheme', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The scheme word is not checked: "Bearer <base64(user:password)>" (or any other word) is accepted like Basic.' },
  // ---- listener: second batch (identities, parameter parsing, credentials) ----
  { name: 'm-ncsid-trimmed', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The ncsID parameter is trimmed of surrounding whitespace before it is compared, so a padded ncsID ("%20ID%20") is accepted.' },
  { name: 'm-ncsid-case-insensitive', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'The listener compares the ncsID parameter case-insensitively (a case-changed ncsID is accepted).' },
  { name: 'm-ncsid-any-duplicate-matches', roles: BOTH, breaks: 'MOSWS-URL-2', level: 'fail', needs: ['listens'],
    what: 'An ncsID given more than once is accepted when any one of its values matches (a foreign ncsID plus the right one is accepted).' },
  { name: 'm-ncsid-one-spelling', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'warn', needs: ['listens'],
    what: 'The NCS ID parameter is looked up only under the exact name "ncsID"; a request spelling it "nCSID" (as the proposal\'s Required URL Parameters list does) is refused 400 as missing it.' },
  { name: 'm-query-not-percent-decoded', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'warn', needs: ['listens'],
    what: 'The query is split on & and = and never percent-decoded: channel=%6D%6F%6D (mom) is refused 400, a percent-encoded mosID 403.' },
  { name: 'm-duplicate-param-500', roles: BOTH, breaks: 'RFC9110-15.5', level: 'warn', needs: ['listens'],
    what: 'The query parser throws when any parameter name occurs twice (even with the same value); the request is answered HTTP 500.' },
  { name: 'm-passive-parse-throws', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'warn', needs: ['listens'],
    what: 'passive is parsed with JSON.parse; a value that is not JSON ("", "TRUE", "yes") throws uncaught and the socket is destroyed without any HTTP answer ("true"/"false" work).' },
  { name: 'm-channel-trimmed', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['listens'],
    what: 'The channel value is trimmed before it is checked, so " ro " is accepted as ro.' },
  { name: 'm-missing-param-500', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'warn', needs: ['listens'],
    what: 'mosID, ncsID/nCSID and channel are looked up by their exact names and a missing one is dereferenced anyway: a request without one (or spelling it e.g. MOSID or mosid) is answered HTTP 500 instead of 4xx.' },
  { name: 'm-auth-scheme-case-sensitive', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'warn', needs: ['listens'],
    what: 'The scheme word must be exactly "Basic": correct credentials sent as "basic ..." or "BASIC ..." are refused 401.' },
  { name: 'm-auth-token-case-insensitive', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The Authorization value is compared lower-cased with "basic <expected token>" lower-cased, so a token in other letter case (other bytes once decoded) is accepted.' },
  { name: 'm-auth-decoder-throws', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'warn', needs: ['listens'],
    what: 'The token is decoded by a strict decoder that throws on anything but canonical base64 (no padding, URL-safe, %3D, extra characters, plain text); uncaught, the socket is destroyed without any HTTP answer instead of a 401.' },
  { name: 'm-auth-password-only', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'Only the password is checked, never the user name: ":password" or any user with the right password is accepted.' },
  { name: 'm-auth-trims-password', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The password is trimmed of surrounding whitespace before it is compared (" password " is accepted).' },
  { name: 'm-auth-duplicate-header-500', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'warn', needs: ['listens'],
    what: 'A request carrying the Authorization header twice (even twice the correct value) is answered HTTP 500.' },
  // ---- listener: third batch (configured extra parameters, passive flag, token alphabet, user name) ----
  { name: 'm-extra-absent-accepted', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'A configured extra parameter is checked only when present: a request without it is accepted (a present one must still be right).' },
  { name: 'm-extra-empty-accepted', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'An empty value of a configured extra parameter ("apiKey=") is read as "no key required" and accepted.' },
  { name: 'm-extra-repeat-reset', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'warn', needs: ['listens', 'listen-extra'],
    what: 'A configured extra parameter given twice (same or different values) meets a single-value accessor that throws uncaught: the socket is destroyed without any HTTP answer.' },
  { name: 'm-extra-duplicate-last-wins', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'A configured extra parameter given twice with different values is accepted when the last value is right ("apiKey=WRONG&apiKey=<key>").' },
  { name: 'm-extra-name-case-insensitive', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'warn', needs: ['listens', 'listen-extra'],
    what: 'Configured extra parameter names are matched case-insensitively: "APIKEY=<key>" is accepted for a configured "apiKey".' },
  { name: 'm-extra-name-lowercased-lookup', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'Query names are lower-cased into a map (as for mosID/ncsID) but the configured extra is looked up as configured ("apiKey"): an extra whose name has a capital letter is never found, so every request, the exact one included, is refused 400.' },
  { name: 'm-extra-value-case-insensitive', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'Configured extra parameter values are compared case-insensitively (a case-changed key is accepted).' },
  { name: 'm-extra-value-trimmed', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'The value of a configured extra parameter is trimmed before it is compared ("%20<key>%20" is accepted).' },
  { name: 'm-extra-value-truncated', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'Only as many characters as were sent are compared: any non-empty prefix of the configured value (e.g. its first character) is accepted.' },
  { name: 'm-extra-value-extended', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'Only the first strlen(configured) characters are compared: the configured value with anything appended (suffixed) is accepted.' },
  { name: 'm-extra-value-substring', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'The value is matched with an unanchored pattern: any value containing the configured one (prefixed or suffixed) is accepted.' },
  { name: 'm-extra-value-unchecked', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'Only the presence of a configured extra parameter is checked; a foreign value is accepted.' },
  { name: 'm-extra-raw-compare', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'warn', needs: ['listens', 'listen-extra'],
    what: 'The raw query text of a configured extra parameter is compared with the text of the listener\'s own URL: the byte-for-byte copy passes, an equivalent encoding (every character percent-encoded, lower-case hex) is refused 403.' },
  { name: 'm-extra-value-not-decoded', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'The value of a configured extra parameter is compared without percent-decoding: a value that needs encoding ("a+b/c d&e=f~" sent as in the listenUrl) is refused 403, as is any percent-encoded form of a plain one.' },
  { name: 'm-extra-double-decoded', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'The value of a configured extra parameter is percent-decoded a second time before the comparison, so a twice-encoded value ("%255A%256F...") is accepted.' },
  { name: 'm-extra-mom-only', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'Configured extra parameters are checked on channel=mom only; ro and aux sockets are opened without them or with wrong values.' },
  { name: 'm-extra-passive-unchecked', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['listens', 'listen-extra'],
    what: 'Configured extra parameters are not checked on passive=true sockets.' },
  { name: 'm-passive-absent-500', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'warn', needs: ['listens'],
    what: 'The upgrade handler is written for passive sockets only: a request without passive (a normal socket) is answered HTTP 500 (passive.toLowerCase() on undefined).' },
  { name: 'm-passive-repeat-ignored', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'warn', needs: ['passive-listener', 'operator'],
    what: 'A repeated passive flag ("passive=true&passive=true", or conflicting values) becomes an array that is not "true": the socket is accepted as a normal one and never used for originating.' },
  { name: 'm-passive-conflict-last-wins', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'warn', needs: ['listens'],
    what: 'passive given twice with different values is accepted; the last value decides (passive=false&passive=true is a passive socket).' },
  { name: 'm-passive-name-exact', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'warn', needs: ['passive-listener', 'operator'],
    what: 'The flag is read under the exact name "passive" only: "PASSIVE=true" or "Passive=true" is not seen and the socket is accepted as a normal one.' },
  { name: 'm-passive-unexpected-500', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'warn', needs: ['listens'],
    what: 'Any passive value other than exactly "true" or "false" ("%20true%20", "TRUE", "yes", "") is answered HTTP 500 (an unhandled default case).' },
  { name: 'm-passive-trimmed', roles: BOTH, breaks: 'MOSWS-PASSIVE-1', level: 'warn', needs: ['listens'],
    what: 'The passive value is trimmed before it is checked, so "%20true%20" is accepted as a passive socket and "%09false" as a normal one.' },
  { name: 'm-auth-expects-base64url', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The expected token is computed with the URL-safe base64 encoder (- _ , no padding) and compared as text: the base64url token is accepted and a correct Basic token with padding, + or / is refused 401.' },
  { name: 'm-auth-trims-user', roles: BOTH, breaks: 'MOSWS-AUTH-2', level: 'fail', needs: ['listens'],
    what: 'The user name is trimmed of surrounding whitespace before it is compared (" user " with the right password is accepted).' },
  // ---- listener: parameter names in another letter case (passive, configured extras) ----
  { name: 'm-param-name-case-500', roles: BOTH, breaks: 'RFC9110-15.5', level: 'warn', needs: ['listens', 'listen-extra'],
    what: 'A query parameter whose name matches "passive" or a configured extra name only case-insensitively ("Passive=true", "PASSIVE=true", "apikey=" for a configured "apiKey") is looked up in a table keyed by the exact spelling and the miss is dereferenced: the request is answered HTTP 500 (exact spellings behave as in the correct listener).' },
  // ---- dialling side ----
  { name: 'm-dial-extra-param-twice', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['connects'],
    what: 'The first configured query parameter is sent twice (once more after the last configured one).' },
  { name: 'm-dial-drop-last-extra-param', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['connects'],
    what: 'An off-by-one loop drops the last configured query parameter; the others are passed on.' },
  { name: 'm-dial-extra-value-uppercase', roles: BOTH, breaks: 'MOSWS-URL-3', level: 'fail', needs: ['connects'],
    what: 'Configured query parameter values are upper-cased (names kept) before they are sent.' },
  { name: 'm-dial-ro-foreign-mosid', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['connects'],
    what: 'The ro socket is dialled with the mosID of another (stale backup) connection, "<mosID>.BACKUP"; the mom socket is right.' },
  { name: 'm-dial-mosid-trailing-space', roles: BOTH, breaks: 'MOSWS-URL-1', level: 'fail', needs: ['connects'],
    what: 'The mosID sent when dialling carries a trailing space from an untrimmed configuration field (mosID=ID%20).' },
  { name: 'm-envelope-ids-differ-ro', roles: BOTH, breaks: 'MOS-CONTENT', level: 'fail', needs: ['listens'],
    what: 'Every message sent on an ro socket carries <mosID>ID.BACKUP</mosID> in its envelope, unlike the mosID of the connection URL; mom is right.' },
  // ---- stateful and periodic behaviour ----
  { name: 'm-rolist-omits-last-story', roles: BOTH, breaks: 'MOS-2.8.5-roList', level: 'fail', needs: ['listens'],
    what: 'roList for a known running order leaves out its last story (an off-by-one loop).' },
  { name: 'm-rolist-ignores-element-action', roles: ['device'], breaks: 'MOS-2.8.5-roElementAction', level: 'fail', needs: ['listens'],
    what: 'roElementAction is acknowledged (roAck OK) but never applied, so a later roList shows the running order as before.' },
  { name: 'm-mosobj-wrong-object', roles: ['device'], breaks: 'MOS-2.8.5-mosReqObj', level: 'fail', needs: ['listens'],
    what: 'mosReqObj for any object but the first is answered with the mosObj of the object before it (a 1-based/0-based slip).' },
  { name: 'm-roack-stale-roid', roles: ['device'], breaks: 'MOS-2.8.5-roAck', level: 'fail', needs: ['listens'],
    what: 'roAck OK names the running order created or replaced last, not the roID of the request it answers.' },
  { name: 'm-keepalive-once-on-ro', roles: BOTH, breaks: 'MOSWS-KA-3', level: 'warn', needs: ['listens'],
    what: 'On ro sockets a single keepAlive is sent after the first interval and then never again (mom and aux are right).' },
  { name: 'm-redial-doubling-uncapped', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-active'],
    what: 'After a socket (passive ones included) was open and dropped, each failed re-dial doubles the delay without a cap (--retry-ms, 2x, 4x, 8x, ...); a long outage leaves it down long after the peer is back.' },
  { name: 'm-redial-gives-up', roles: BOTH, breaks: 'MOSWS-PASSIVE-3', level: 'fail', needs: ['passive-active'],
    what: 'After a socket (passive ones included) was open and dropped, three failed re-dials in a row make it give up on that socket for good.' },

  // ==== zoo-hostile: class B, endpoint security and robustness (hostile.ts) ====
  { name: 's-no-pong', roles: BOTH, breaks: 'RFC6455-5.5.2', level: 'fail', needs: ['listens'],
    what: 'WebSocket Ping frames are never answered with a Pong (ws autoPong: false).' },
  { name: 's-pong-wrong-payload', roles: BOTH, breaks: 'RFC6455-5.5.3', level: 'fail', needs: ['listens'],
    what: 'Ping frames are answered with a Pong whose payload is "pong" instead of the Ping\'s application data.' },
  { name: 's-invalid-utf8-ignored', roles: BOTH, breaks: 'RFC6455-8.1', level: 'fail', needs: ['listens'],
    what: 'Text messages are not checked for UTF-8 (ws skipUTF8Validation): invalid bytes are decoded with U+FFFD and the connection stays open (no 1007).' },
  { name: 's-invalid-utf8-close-1000', roles: BOTH, breaks: 'RFC6455-8.1', level: 'fail', needs: ['listens'],
    what: 'A text message with invalid UTF-8 closes the connection with 1000 (normal) instead of 1007.' },
  { name: 's-accept-unmasked-frames', roles: BOTH, breaks: 'RFC6455-5.1', level: 'fail', needs: ['listens'],
    what: 'Unmasked client frames are accepted (a raw-socket front masks them with a zero key before ws sees them) instead of failing the connection.' },
  { name: 's-accept-rsv-bits', roles: BOTH, breaks: 'RFC6455-5.2', level: 'fail', needs: ['listens'],
    what: 'Client frames with RSV1/RSV2/RSV3 set (no extension negotiated) are accepted: a raw-socket front clears the bits.' },
  { name: 's-accept-unknown-opcode', roles: BOTH, breaks: 'RFC6455-5.2', level: 'fail', needs: ['listens'],
    what: 'Client frames with a reserved opcode (3-7, 0xB-0xF) are silently dropped by a raw-socket front instead of failing the connection.' },
  { name: 's-no-close-reply', roles: BOTH, breaks: 'RFC6455-5.5.1', level: 'fail', needs: ['listens'],
    what: 'The closing handshake never completes: a raw-socket front swallows every Close frame the server sends and leaves the TCP connection open (60 s).' },
  { name: 's-tls-legacy-versions', roles: BOTH, breaks: 'RFC8996', level: 'fail', needs: ['listens'],
    what: 'The wss listener accepts TLS 1.0 and TLS 1.1 handshakes (minVersion TLSv1, ciphers DEFAULT@SECLEVEL=0).' },
  { name: 's-rsa-1024-cert', roles: BOTH, breaks: 'RFC9325-4.5', level: 'warn', needs: ['listens'],
    what: 'The wss listener serves a self-generated certificate with a 1024-bit RSA key (same names as the configured one) instead of --cert/--key.' },
  { name: 's-expired-cert', roles: BOTH, breaks: 'RFC5280-4.1.2.5', level: 'fail', needs: ['listens'],
    what: 'The wss listener serves a certificate (same key and names as --cert) whose validity ended 30 days ago.' },
  { name: 's-unoffered-subprotocol', roles: BOTH, breaks: 'RFC6455-4.2.2', level: 'fail', needs: ['listens'],
    what: 'The 101 response carries "Sec-WebSocket-Protocol: mos" although the client offered no subprotocol.' },
  { name: 's-bad-accept-key', roles: BOTH, breaks: 'RFC6455-4.2.2', level: 'fail', needs: ['listens'],
    what: 'Sec-WebSocket-Accept is computed with a mistyped GUID, so it is not base64(SHA-1(key + GUID)).' },
  { name: 's-crash-on-malformed-xml', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'fail', needs: ['listens'],
    what: 'A message that is not well-formed XML, received after authentication, makes the process exit (the parser error is uncaught).' },
  { name: 's-crash-on-deep-nesting', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'fail', needs: ['listens', 'destructive'],
    what: 'A message with elements nested deeper than 256 levels overflows a fixed element stack and the process exits.' },
  { name: 's-crash-on-entity-expansion', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'fail', needs: ['listens', 'destructive'],
    what: 'A DOCTYPE with internal entities is honoured and expanded without limits; a "billion laughs" document (over 64 M characters) kills the process.' },
  { name: 's-echo-credentials', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'warn', needs: ['listens'],
    what: 'The body of a 401 echoes the received Authorization header and the decoded user and password.' },
  { name: 's-unbounded-payload', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'fail', needs: ['listens', 'destructive'],
    what: 'No message size limit (ws maxPayload 0); a message over 4 MiB is buffered whole and the process dies.' },
  { name: 's-no-origin-check', roles: BOTH, breaks: 'RFC6455-10.2', level: 'warn', needs: ['listens'],
    what: 'Upgrades carrying an Origin header are accepted whatever the origin (the correct zoo refuses origins not in its allow-list, default: all).' },
  { name: 's-dial-no-hostname-check', roles: BOTH, breaks: 'RFC9110-4.3.4', level: 'fail', needs: ['connects'],
    what: 'When dialling wss, the peer certificate\'s names are not checked (checkServerIdentity disabled): a trusted certificate for another host is accepted without --allow-untrusted.' },
  { name: 's-dial-accept-expired', roles: BOTH, breaks: 'RFC5280-6.1.3', level: 'fail', needs: ['connects'],
    what: 'When dialling wss without --allow-untrusted, an expired peer certificate is accepted (only other verification errors reject).' },
  { name: 's-dial-offers-tls10', roles: BOTH, breaks: 'RFC8996', level: 'fail', needs: ['connects'],
    what: 'When dialling wss, TLS 1.0 and 1.1 are offered and accepted (minVersion TLSv1, ciphers DEFAULT@SECLEVEL=0).' },
  { name: 's-no-fragment-reassembly', roles: BOTH, breaks: 'RFC6455-5.4', level: 'fail', needs: ['listens'],
    what: 'Fragmented client messages are not reassembled: a raw-socket front takes the first fragment as the whole message and drops the continuation frames, so a MOS request sent in several frames is never answered.' },
  { name: 's-dial-unmasked-frames', roles: BOTH, breaks: 'RFC6455-5.1', level: 'fail', needs: ['connects'],
    what: 'When dialling, MOS messages (keepAlive included) are sent in unmasked frames (ws send option mask: false); Ping, Pong and Close frames stay masked.' },
  { name: 's-tls13-only', roles: BOTH, breaks: 'RFC9325-3.1.1', level: 'fail', needs: ['listens'],
    what: 'The wss listener offers only TLS 1.3 (minVersion TLSv1.3), so a TLS 1.2 client cannot connect.' },
  { name: 's-tls-weak-ciphers', roles: BOTH, breaks: 'RFC9325-4.1', level: 'fail', needs: ['listens'],
    what: 'The wss listener also enables the NULL-encryption suites (eNULL, @SECLEVEL=0) after the normal ones: a TLS 1.2 client offering only NULL suites gets one (e.g. ECDHE-RSA-NULL-SHA).' },
  { name: 's-tls-3des', roles: BOTH, breaks: 'RFC9325-4.1', level: 'warn', needs: ['listens'],
    what: 'The wss listener negotiates 3DES (112-bit security, 64-bit blocks): a TLS 1.2 ClientHello offering a 3DES suite gets a ServerHello selecting it (TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA before TLS_DHE_RSA_ and TLS_RSA_WITH_3DES_EDE_CBC_SHA; ECDHE_ECDSA with an EC certificate), whatever else it offers, and the handshake and des-ede3-cbc record protection run to the end (a TLS front of its own, since Node\'s OpenSSL has no 3DES); other hellos (no 3DES, TLS 1.3 with a TLS 1.3 suite) reach the normal listener unchanged.' },
  { name: 's-tls-legacy-only', roles: BOTH, breaks: 'RFC9325-3.1.1', level: 'fail', needs: ['listens'],
    what: 'The wss listener speaks only TLS 1.0 and TLS 1.1 (minVersion TLSv1, maxVersion TLSv1.1, ciphers DEFAULT@SECLEVEL=0), so a TLS 1.2 or TLS 1.3 client cannot connect.' },
  { name: 's-cert-wrong-host', roles: BOTH, breaks: 'RFC9110-4.3.4', level: 'fail', needs: ['listens'],
    what: 'The wss listener serves the factory-default certificate it generates at start (RSA-2048, self-signed, valid; CN and subjectAltName DNS:mos-device.local only) instead of the --cert/--key pair, so the certificate does not name the host the listener is reached at (no IP:127.0.0.1 for wss://127.0.0.1:PORT).' },
  { name: 's-serial-accept-no-timeout', roles: BOTH, breaks: 'RFC6455-10.7', level: 'fail', needs: ['listens'],
    what: 'The listener accepts one connection at a time and waits without a timeout for its TLS handshake (wss) and complete HTTP request head before accepting the next, so one unauthenticated client that stays connected sending nothing (or dribbling header lines) leaves every other client unanswered until it leaves.' },
];

export const VARIANT_NAMES = new Set(VARIANTS.map((v) => v.name));

export function findVariant(name: string): Variant | undefined {
  return VARIANTS.find((v) => v.name === name);
}

// ---- correct-but-unusual variants ----
// `allows` quotes the sentence that allows the behaviour. XML 1.0 = W3C XML 1.0 (Fifth Edition);
// "MOS field descriptions" = the field descriptions of the MOS documents (2.8.5 and later carry the
// same wording); "the proposal" = "MOS Encryption and Security via Web Sockets & MOS Passive Mode" rev. 1.3.
const ANY: Need[] = [];
const LISTENS: Need[] = ['listens'];
const DIALS: Need[] = ['passive-active'];

const BENIGN_LIST: BenignVariant[] = [
  // ---- serialisation (XML 1.0) ----
  { name: 'ok-xml-declaration', roles: BOTH, needs: ANY,
    what: 'Every message starts with <?xml version="1.0" encoding="UTF-8"?>.',
    allows: 'XML 1.0 §2.8: "XML documents SHOULD begin with an XML declaration which specifies the version of XML being used."' },
  { name: 'ok-xml-declaration-single-quotes', roles: BOTH, needs: ANY,
    what: "Every message starts with <?xml version='1.0' encoding='UTF-8' standalone='yes'?> (single quotes, standalone declaration).",
    allows: 'XML 1.0 §2.8 [24] VersionInfo ::= S \'version\' Eq ("\'" VersionNum "\'" | \'"\' VersionNum \'"\'), [32] SDDecl ::= S \'standalone\' Eq (("\'" (\'yes\' | \'no\') "\'") | ...); §4.3.3 [80] EncodingDecl likewise takes either quote.' },
  { name: 'ok-pretty-print', roles: BOTH, needs: ANY,
    what: 'Every message is indented (two spaces, LF line ends) after an XML declaration, with a final newline; text-only elements stay on one line.',
    allows: 'XML 1.0 §2.10: "In editing XML documents, it is often convenient to use "white space" (spaces, tabs, and blank lines) to set apart the markup for greater readability." (the proposal\'s own keepAlive example is indented the same way)' },
  { name: 'ok-pretty-print-crlf-tabs', roles: BOTH, needs: ANY,
    what: 'Every message is indented with tabs and CRLF line ends (Windows style).',
    allows: 'XML 1.0 §2.11: "the XML processor MUST behave as if it normalized all line breaks ... by translating both the two-character sequence #xD #xA and any #xD that is not followed by #xA to a single #xA character."' },
  { name: 'ok-whitespace-between-elements', roles: BOTH, needs: ANY,
    what: 'Irregular white space (spaces, tabs, CR LF, blank lines) between all elements of element-only content, before and after the root element.',
    allows: 'XML 1.0 §2.3 [3] S ::= (#x20 | #x9 | #xD | #xA)+ and §2.10 (white space to set apart markup); [1] document ::= prolog element Misc*, [27] Misc ::= Comment | PI | S.' },
  { name: 'ok-whitespace-in-tags', roles: BOTH, needs: ANY,
    what: 'White space before the closing > of start, end and empty-element tags and around = in attributes ("<mosID >", "</mosID >", "<keepAlive />", number = "0").',
    allows: 'XML 1.0 §3.1 [40] STag ::= \'<\' Name (S Attribute)* S? \'>\', [42] ETag ::= \'</\' Name S? \'>\', [44] EmptyElemTag ::= \'<\' Name (S Attribute)* S? \'/>\'; §2.3 [25] Eq ::= S? \'=\' S?' },
  { name: 'ok-single-quoted-attributes', roles: BOTH, needs: ANY,
    what: "Attribute values in single quotes (deviceType='MOS', number='0', element='ITEM', operation='INSERT', techDescription='...').",
    allows: 'XML 1.0 §2.3 [10] AttValue ::= \'"\' ([^<&"] | Reference)* \'"\' | "\'" ([^<&\'] | Reference)* "\'"' },
  { name: 'ok-empty-element-pairs', roles: BOTH, needs: ANY,
    what: 'Empty elements are written as a start-tag followed by an end-tag (<keepAlive></keepAlive>, <reqMachInfo></reqMachInfo>) instead of <x/>.',
    allows: 'XML 1.0 §3.1: "If an element is empty, it MUST be represented either by a start-tag immediately followed by an end-tag or by an empty-element tag."' },
  { name: 'ok-char-references', roles: BOTH, needs: ANY,
    what: 'Letters in text content are written as character references (&#x41; for capitals, &#109; for the others), e.g. <mosID>&#x5A;&#111;&#111;...</mosID>.',
    allows: 'XML 1.0 §4.1: "A character reference refers to a specific character in the ISO/IEC 10646 character set" [66] CharRef ::= \'&#\' [0-9]+ \';\' | \'&#x\' [0-9a-fA-F]+ \';\'; §4.4.2 character references are "Included" (replaced by the character).' },
  { name: 'ok-predefined-entities', roles: BOTH, needs: ANY,
    what: 'Slugs and descriptions contain & " < > \' and every one of them is written with a predefined entity (&amp; &quot; &lt; &gt; &apos;), also where escaping is not required.',
    allows: 'XML 1.0 §4.6: "All XML processors MUST recognize these entities whether they are declared or not." (lt, gt, amp, apos, quot); MOS field descriptions: slugs are "Textual ... description. 128 chars max."' },
  { name: 'ok-cdata-text', roles: BOTH, needs: ANY,
    what: 'All text content is written in CDATA sections (<objSlug><![CDATA[Zoo clip one]]></objSlug>, <messageID><![CDATA[7]]></messageID>).',
    allows: 'XML 1.0 §2.7: "CDATA sections may occur anywhere character data may occur"' },
  { name: 'ok-comments', roles: BOTH, needs: ANY,
    what: 'Comments before the root element, between all elements of element-only content and after the root element.',
    allows: 'XML 1.0 §2.5: "Comments may appear anywhere in a document outside other markup; in addition, they may appear within the document type declaration at places allowed by the grammar." and "an XML processor MAY, but need not, make it possible for an application to retrieve the text of comments."' },
  { name: 'ok-processing-instructions', roles: BOTH, needs: ANY,
    what: 'Processing instructions (<?zoo-trace depth="2"?>) before, inside (between elements) and after the root element.',
    allows: 'XML 1.0 §2.6: "Processing instructions (PIs) allow documents to contain instructions for applications." [43] content ::= CharData? ((element | Reference | CDSect | PI | Comment) CharData?)*; [27] Misc ::= Comment | PI | S' },

  // ---- encoding ----
  { name: 'ok-utf8-bom', roles: BOTH, needs: ANY,
    what: 'Every message (keepAlive included) starts with U+FEFF, the UTF-8 byte-order mark; otherwise identical to the correct system.',
    allows: 'XML 1.0 §4.3.3: "Entities encoded in UTF-8 MAY begin with the Byte Order Mark described by Annex H of [ISO/IEC 10646:2000], section 16.8 of [Unicode] (the ZERO WIDTH NO-BREAK SPACE character, #xFEFF)."' },
  { name: 'ok-non-ascii-text', roles: BOTH, needs: ANY,
    what: 'Slugs, descriptions, statusDescription and machine information carry accents, CJK and emoji (e.g. "Zoo clip one \u2014 M\u00fcller \u00e0 la cr\u00e8me \u00b7 \u6771\u4eac\u30cb\u30e5\u30fc\u30b9 \u00b7 \ud83c\udfac\ud83d\udcfa"), within 128 characters.',
    allows: 'MOS field descriptions: description/createdBy/changedBy "This can be stored in a language other than English."; XML 1.0 §2.2 [2] Char includes [#x10000-#x10FFFF]; RFC 6455 §5.6: text frames carry "text data interpreted as UTF-8".' },
  { name: 'ok-max-length-ids', roles: BOTH, needs: ANY,
    what: 'IDs and slugs at the MOS maximum of 128 characters: device - a third object whose objID, objSlug and createdBy are 128 characters; NRCS - storyIDs, itemIDs and slugs padded to 128; machine information fields 128 characters.',
    allows: 'MOS field descriptions: "objID ... Object UID ... 128 chars max.", "storyID ... Story UID: Defined by the NCS. 128 chars max.", "itemID ... 128 chars max.", "objSlug ... 128 chars max.", "hwRev: HW Revision: 128 chars max."' },
  { name: 'ok-xml-special-ids', roles: BOTH, needs: ANY,
    what: 'IDs contain the XML-special characters & < " \' > (escaped): device - a third object "OBJ-3&<\\"\'>"; NRCS - storyIDs and itemIDs end in &<"\'>.',
    allows: 'MOS field descriptions: "objID: Object UID: Unique ID generated by the MOS ... 128 chars max." and "storyID: Story UID: Defined by the NCS. 128 chars max." (no character set restriction); XML 1.0 §2.4: "The ampersand character (&) and the left angle bracket (<) MUST NOT appear in their literal form ... If they are needed elsewhere, they MUST be escaped using either numeric character references or the strings "&amp;" and "&lt;" respectively."' },

  // ---- optional elements ----
  { name: 'ok-listmachinfo-all-optional', roles: BOTH, needs: ANY,
    what: 'listMachInfo carries opTime and a mosExternalMetadata block (mosScope, mosSchema, mosPayload) after supportedProfiles.',
    allows: 'MOS 2.8.5 listMachInfo structure: ... opTime?, mosRev, supportedProfiles, defaultActiveX*, mosExternalMetadata* (from the message definition as read by the zoo author; defaultActiveX left out, its position is not certain).' },
  { name: 'ok-mosobj-all-optional', roles: ['device'], needs: ANY,
    what: 'mosObj (and mosListAll) carry mosAbstract, objGroup, objPaths with objPath (UNC) and objMetadataPath (UNC) besides the proxy path, and mosExternalMetadata.',
    allows: 'MOS 2.8.5 mosObj structure: objID, objSlug, mosAbstract?, objGroup?, objType, objTB, objRev, objDur, status, objAir, objPaths?, createdBy, created, changedBy, changed, description, mosExternalMetadata*; field descriptions: objPath "These path formats are acceptable: -UNC (eg: \\\\machine\\directory\\file.extension)"' },
  { name: 'ok-ro-all-optional', roles: ['nrcs'], needs: ANY,
    what: 'roCreate/roReplace/roList carry roChannel, roEdStart, roEdDur, roTrigger, macroIn, macroOut, mosExternalMetadata; stories a mosExternalMetadata; items mosAbstract, itemChannel, itemEdStart, itemEdDur, itemUserTimingDur, itemTrigger, macroIn, macroOut, mosExternalMetadata.',
    allows: 'MOS 2.8.5 roCreate structure: roID, roSlug, roChannel?, roEdStart?, roEdDur?, roTrigger?, macroIn?, macroOut?, mosExternalMetadata?, story*; story: storyID, storySlug?, storyNum?, mosExternalMetadata*, item*; item: itemID, itemSlug?, objID, mosID, mosAbstract?, objPaths?, itemChannel?, itemEdStart?, itemEdDur?, itemUserTimingDur?, itemTrigger?, macroIn?, macroOut?, mosExternalMetadata*' },
  { name: 'ok-optional-omitted', roles: BOTH, needs: ANY,
    what: 'Optional elements left out: mosAck without statusDescription, listMachInfo without opTime, NRCS stories without storySlug/storyNum and items without itemSlug.',
    allows: 'MOS 2.8.5: mosAck (objID, objRev, status, statusDescription?); listMachInfo (... time, opTime?, mosRev ...); story (storyID, storySlug?, storyNum?, ...); item (itemID, itemSlug?, objID, mosID, ...); field description storyNum: "This is an optional field originally intended for use by prompters."' },

  // ---- times ----
  { name: 'ok-time-millis', roles: BOTH, needs: ANY,
    what: 'Every time carries milliseconds after a comma: 2024-05-01T12:00:00,123Z.',
    allows: 'MOS field descriptions, time: "Format is YYYY-MM-DD\'T\'hh:mm:ss[,ddd][\'Z\'], e.g. 2009-04-11T14:22:07,125Z or 2009-04-11T14:22:07,125-05:00. Parameters displayed within brackets are optional. [,ddd] represents fractional time in which all three digits must be present."' },
  { name: 'ok-time-offset', roles: BOTH, needs: ANY,
    what: 'Every time is local time at UTC+02:00 with the offset written out: 2024-05-01T14:00:00,123+02:00 (the same instant as 12:00:00,123Z).',
    allows: 'MOS field descriptions, time: "[\'Z\'] indicates time zone which can be expressed as an offset from UTC in hours and minutes. Optionally, the time zone may be replaced by the character \'Z\' to indicate UTC." (example "2009-04-11T14:22:07,125-05:00")' },

  // ---- timing ----
  { name: 'ok-reply-delay', roles: BOTH, needs: ANY,
    what: 'Every reply is sent 800 ms after the request arrived (a slow back end); order of replies kept.',
    allows: 'Neither MOS 2.8.5 nor the proposal sets a reply deadline below seconds; MOS leaves the acknowledgement timeout to the application (MOS 2.8.5 message acknowledgement section; the zoo author could not quote its exact words).' },
  { name: 'ok-keepalive-100ms', roles: BOTH, needs: ANY,
    what: 'keepAlive every 100 ms (or the configured interval if shorter) on every socket.',
    allows: 'The proposal, "KeepAlive Message Addition to Profile 0": "Each connection can (optionally) send keepalive messages, a new MOS message set in profile 0, which when received by the other end, are simply discarded, no reply necessary"; the 30 s are a maximum meant "to ensure that the connection is not severed".' },
  { name: 'ok-keepalive-idle-only', roles: BOTH, needs: ANY,
    what: 'keepAlive is sent on a socket only after it has been idle (nothing written) for the whole configured interval.',
    allows: 'The proposal, "KeepAlive Message Addition to Profile 0": "However, it is also acceptable to only send this message when an idle period of 30 seconds on the socket has been detected to reduce traffic."' },
  { name: 'ok-keepalive-before-reply', roles: BOTH, needs: ANY,
    what: 'Messages of another kind interleaved: a keepAlive (its own WebSocket message) goes out on the socket right before every reply.',
    allows: 'The proposal: "This message is valid on both MOS channels, bidirectionally. It should be discarded on receipt and no reply is necessary."' },
  { name: 'ok-redial-jitter', roles: BOTH, needs: DIALS,
    what: 'A dropped socket is re-dialled after a random 20-200 ms (jitter, so that many clients do not reconnect at the same instant) instead of at once.',
    allows: 'The proposal: "If the socket closes for any reason, the internal device must re-establish the socket as quickly as possible." (a fraction of a second, no back-off)' },

  // ---- frames / WebSocket ----
  { name: 'ok-fragmented-frames', roles: BOTH, needs: ANY,
    what: 'Every message longer than 24 characters is sent as one WebSocket message in 2-5 frames (a text frame with FIN clear, continuation frames, the last with FIN set).',
    allows: 'RFC 6455 §5.4: "A fragmented message consists of a single frame with the FIN bit clear and an opcode other than 0, followed by zero or more frames with the FIN bit clear and the opcode set to 0, and terminated by a single frame with the FIN bit set and an opcode of 0."' },
  { name: 'ok-ws-pings', roles: BOTH, needs: ANY,
    what: 'A WebSocket ping (payload "zoo") every 500 ms on every socket, besides the keepAlive messages.',
    allows: 'RFC 6455 §5.5.2: "An endpoint MAY send a Ping frame any time after the connection is established and before the connection is closed."' },
  { name: 'ok-permessage-deflate', roles: BOTH, needs: ANY,
    what: 'The permessage-deflate extension is offered when dialling and accepted when listening (used only when the peer agrees).',
    allows: 'RFC 7692 §5 (permessage-deflate) and RFC 6455 §9.1: "the server ... accepts one or more extensions by including a |Sec-WebSocket-Extensions| header field containing one or more extensions which were requested by the client."' },
  { name: 'ok-extra-upgrade-headers', roles: BOTH, needs: LISTENS,
    what: 'The 101 response to an upgrade carries extra header fields (Server, X-Zoo-Session, Cache-Control, X-Content-Type-Options).',
    allows: 'RFC 7230 §3.2.1: "Other recipients SHOULD ignore unrecognized header and trailer fields."; RFC 6455 §4.2.2 lists the required fields of the server\'s handshake, not an exclusive set.' },
  { name: 'ok-no-subprotocol', roles: BOTH, needs: LISTENS,
    what: 'The listener never selects a subprotocol, whatever the client offers (no Sec-WebSocket-Protocol in the 101).',
    allows: 'RFC 6455 §4.2.2: "If the server does not wish to agree to one of the suggested subprotocols, it MUST NOT send back a |Sec-WebSocket-Protocol| header field in its response."' },

  // ---- HTTP / URL ----
  { name: 'ok-auth-scheme-lowercase', roles: BOTH, needs: DIALS,
    what: 'Dialling sends "Authorization: basic <base64>" (scheme in lower case).',
    allows: 'RFC 7617 §2: "Note that both scheme and parameter names are matched case-insensitively."' },
  { name: 'ok-auth-scheme-uppercase', roles: BOTH, needs: DIALS,
    what: 'Dialling sends "Authorization: BASIC <base64>" (scheme in upper case).',
    allows: 'RFC 7617 §2: "Note that both scheme and parameter names are matched case-insensitively."' },
  { name: 'ok-mos-params-reordered', roles: BOTH, needs: DIALS,
    what: 'The MOS parameters are appended in reverse order (passive=true&channel=ro&ncsID=..&mosID=..) after the configured query, which stays byte for byte.',
    allows: 'The proposal, "Required URL Parameters": "the following parameters MUST be provided for each web socket connection request" (no order is given); the example order is an example.' },

  // ---- TLS ----
  { name: 'ok-tls13-only', roles: BOTH, needs: LISTENS,
    what: 'TLS 1.3 only (minVersion TLSv1.3) when serving wss and when dialling wss.',
    allows: 'The proposal: "it requires the newsroom and device to expose an SSL/TLS-capable web server interface"; RFC 8446 (TLS 1.3) obsoletes RFC 5246 (TLS 1.2).' },
  { name: 'ok-tls-ciphers', roles: BOTH, needs: LISTENS,
    what: 'The listener offers a restricted modern cipher list in its own order: TLS 1.3 AES-256-GCM, CHACHA20-POLY1305 (then the others), and only ECDHE AEAD suites for TLS 1.2.',
    allows: 'RFC 8446 §9.1: "A TLS-compliant application MUST implement the TLS_AES_128_GCM_SHA256 [GCM] cipher suite and SHOULD implement the TLS_AES_256_GCM_SHA384 [GCM] and TLS_CHACHA20_POLY1305_SHA256 [RFC8439] cipher suites"; Node keeps TLS_AES_128_GCM_SHA256 enabled (TLS 1.3 suites are configured apart).' },
  { name: 'ok-ecdsa-cert', roles: BOTH, needs: LISTENS,
    what: 'The listener serves a self-signed ECDSA P-256 certificate it makes at start (instead of the one given with --cert/--key).',
    allows: 'RFC 8446 §9.1: "A TLS-compliant application MUST support digital signatures with rsa_pkcs1_sha256 (for certificates), rsa_pss_rsae_sha256 (for CertificateVerify and certificates), and ecdsa_secp256r1_sha256."; the proposal: "devices and newsrooms are expected to also accept untrusted (or self signed) certificates, or provide an option to do so."' },

  // ---- MOS behaviour ----
  { name: 'ok-own-heartbeats-and-ro-resend', roles: BOTH, needs: ANY,
    what: 'Originates its own heartbeat every 200 ms on every socket it may originate on (its dialled sockets, the peer\'s passive sockets); the NRCS sends its current running order again (roReplace) when an originating ro socket re-opens after a drop. Requests are still answered exactly once, by their messageID.',
    allows: 'The proposal, "KeepAlive Message Addition to Profile 0": "While heartbeats can be configured bi-directionally at quick intervals, it adds a lot of overhead and timing concerns in doing so."; MOS 2.8.5 roReplace: the NCS replaces an existing running order in the MOS with a new one (any time).' },
  { name: 'ok-messageid-large', roles: BOTH, needs: ANY,
    what: 'messageIDs start at 2147483000, near the signed 32-bit maximum, and wrap to 1 after 2147483647; replies still echo the request\'s messageID.',
    allows: 'MOS field descriptions, messageID: "Unique identifier sent with requests. ... Format: signed integer 32-bit, value above or equal to 1, decimal or hexadecimal."' },
  { name: 'ok-messageid-stride', roles: BOTH, needs: ANY,
    what: 'messageIDs start at 100000 and go up in steps of 10 (100000, 100010, ...); replies still echo the request\'s messageID.',
    allows: 'MOS field descriptions, messageID: "Unique identifier sent with requests. ... Format: signed integer 32-bit, value above or equal to 1" (unique, not consecutive).' },
];

/** Correct-but-unusual variants (names start with `ok-`): each must pass. */
export const BENIGN: BenignVariant[] = BENIGN_LIST;

export function findBenign(name: string): BenignVariant | undefined {
  return BENIGN.find((v) => v.name === name);
}

