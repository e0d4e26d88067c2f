@mos-ws @security @security-hostile
Feature: Hostile input, before and after authentication
  Beyond the proposal: a MOS endpoint on a network gets input nobody meant for it. After each probe
  the system must still be up (a heartbeat on a fresh connection is answered), having closed at most
  the offending socket; what it answered is recorded, and judged with every other answer of the run
  for echoed credentials (SEC-SECRET-1, features/run-wide/). Probes that may crash a fragile system
  (tag @destructive) run against a vendor's system only with --include-destructive; the embedded
  simulators always get them. Each scenario lists the probes it ran.

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-ROBUST-1
  Scenario: Malformed and unknown MOS input over an authenticated connection leaves the system up
    Given the system under test is listening
    When the suite sends each non-destructive hostile probe after authentication
    Then the system answered a heartbeat on a fresh connection after each probe

  @device-under-test @nrcs-under-test @sut-listens @destructive @req:SEC-ROBUST-1
  Scenario: Entity expansion, deep nesting, an oversized message and a message flood leave the system up
    Given the system under test is listening
    And destructive probes are allowed
    When the suite sends each destructive hostile probe after authentication
    Then the system answered a heartbeat on a fresh connection after each probe

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-ROBUST-2
  Scenario: Garbage, malformed upgrades, a slow handshake and a half-open socket before authentication leave the system up
    Given the system under test is listening
    When the suite sends each non-destructive hostile probe before authentication
    Then the system answered a heartbeat on a fresh connection after each probe

  @device-under-test @nrcs-under-test @sut-listens @destructive @req:SEC-ROBUST-2
  Scenario: Floods of connections and of refused upgrades leave the system up
    Given the system under test is listening
    And destructive probes are allowed
    When the suite sends each destructive hostile probe before authentication
    Then the system answered a heartbeat on a fresh connection after each probe
