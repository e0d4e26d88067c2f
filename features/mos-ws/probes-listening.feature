@mos-ws @probes
Feature: Generated probes of the connection request (mutation tables)
  Every element a listening system must check (mosID, the NCS ID, channel, passive, the extra
  parameters configured in its URL, the Authorization header, its scheme word, token, user and
  password) is mutated by every operator that fits it (left out, empty, repeated, other letter
  case, padded, prefixed, extended, foreign, other encodings). Each probe has the answer the
  proposal owes it (docs/probe-table.md, generated from lib/conformance/probe-grammar.ts) and is
  sent on every channel the system serves and every socket kind it accepts (normal when it listens,
  passive=true when it is the listening side of passive mode: @sut-listens-any-kind), as a bare upgrade
  attempt. A refusal counts only when the correct request on the same channel and kind is accepted.

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-URL-1
  Scenario: Probes: required parameters left out, empty or garbled are refused on every channel and socket kind
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-URL-1 on every channel and socket kind
    Then every probe got the answer the probe table expects

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-URL-2
  Scenario: Probes: identities the listener is not configured for are refused on every channel and socket kind
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-URL-2 on every channel and socket kind
    Then every probe got the answer the probe table expects

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-URL-3
  Scenario: Probes: parameters the listener does not know are accepted on every channel and socket kind
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-URL-3 on every channel and socket kind
    Then every probe got the answer the probe table expects

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-URL-6
  Scenario: Probes: the NCS ID is accepted under both spellings on every channel and socket kind
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-URL-6 on every channel and socket kind
    Then every probe got the answer the probe table expects

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-URL-8
  Scenario: Probes: near-misses of identities, channel and configured parameters are refused, other encodings of them accepted
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-URL-8 on every channel and socket kind
    Then every probe got the answer the probe table expects

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-AUTH-2
  Scenario: Probes: missing or wrong credentials are refused with 401 on every channel and socket kind
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-AUTH-2 on every channel and socket kind
    Then every probe got the answer the probe table expects

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-AUTH-4
  Scenario: Probes: near-misses of the credentials are refused, the scheme word in any letter case accepted
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-AUTH-4 on every channel and socket kind
    Then every probe got the answer the probe table expects

  @device-under-test @nrcs-under-test @sut-listens-any-kind @req:MOSWS-TRANSPORT-3
  Scenario: Probes: requests the proposal lets a listener accept or refuse get a definite answer
    Given the system under test is listening
    When the suite sends every generated probe judged by MOSWS-TRANSPORT-3 on every channel and socket kind
    Then every probe got the answer the probe table expects
