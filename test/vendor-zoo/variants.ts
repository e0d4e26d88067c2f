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
  { name: 's-crash-on-deep-nesting', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'fail', needs: ['listens'],
    what: 'A message with elements nested deeper than 256 levels overflows a fixed element stack and the process exits.' },
  { name: 's-crash-on-entity-expansion', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'fail', needs: ['listens'],
    what: 'A DOCTYPE with internal entities is honoured and expanded without limits; a "billion laughs" document (over 64 M characters) kills the process.' },
  { name: 's-echo-credentials', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'warn', needs: ['listens'],
    what: 'The body of a 401 echoes the received Authorization header and the decoded user and password.' },
  { name: 's-unbounded-payload', roles: BOTH, breaks: 'HOSTILE-INPUT', level: 'fail', needs: ['listens'],
    what: 'No message size limit (ws maxPayload 0); a message over 4 MiB is buffered whole and the process dies.' },
  { name: 's-no-origin-check', roles: BOTH, breaks: 'RFC6455-10.2', level: 'warn', needs: ['listens'],
    what: 'Upgrades carrying an Origin header are accepted whatever the origin (the correct zoo refuses origins not in its allow-list, default: all).' },
  { name: 's-dial-no-hostname-check', roles: BOTH, breaks: 'RFC9110-4.3.4', level: 'fail', needs: ['connects'],
    what: 'When dialling wss, the peer certificate\'s names are not checked (checkServerIdentity disabled): a trusted certificate for another host is accepted without --allow-untrusted.' },
  { name: 's-dial-accept-expired', roles: BOTH, breaks: 'RFC5280-6.1.3', level: 'fail', needs: ['connects'],
    what: 'When dialling wss without --allow-untrusted, an expired peer certificate is accepted (only other verification errors reject).' },
  { name: 's-dial-offers-tls10', roles: BOTH, breaks: 'RFC8996', level: 'fail', needs: ['connects'],
    what: 'When dialling wss, TLS 1.0 and 1.1 are offered and accepted (minVersion TLSv1, ciphers DEFAULT@SECLEVEL=0).' },
];

export const VARIANT_NAMES = new Set(VARIANTS.map((v) => v.name));

export function findVariant(name: string): Variant | undefined {
  return VARIANTS.find((v) => v.name === name);
}

/** Correct-but-unusual variants (names start with `ok-`): each must pass. */
export const BENIGN: BenignVariant[] = [];
