@mos-ws @probes
Feature: Periodic and recovery behaviour over several periods
  One interval observed cannot tell "sends every 30 s" from "sent once"; one short outage cannot tell
  "re-dials at once" from a back-off that grows without a cap. keepAlive is watched over three
  intervals on every socket (keepalive.feature); re-dialling across two outages, a short one where the suite is
  unreachable and one three retry ceilings long where it refuses every upgrade with 503 and counts
  the dial attempts (this replaces the single-outage scenario of passive-mode.feature).

  @device-under-test @nrcs-under-test @passive-active @req:MOSWS-PASSIVE-3
  Scenario: Probes: across outages shorter and longer than the retry ceiling the system keeps re-dialling at a bounded interval
    Given the suite listens as the external side of passive mode
    And the system under test connects to the suite in passive mode
    When the suite drops the passive connections for outages shorter and longer than the retry ceiling, refusing every upgrade with 503 in the longer one
    Then the system dialled each passive channel at least once per retry ceiling while refused, and re-opened them within the retry ceiling after each outage
