@mos-ws @probes
Feature: Generated probes of a dialling system's connection requests
  The connection request a dialling system writes is read element by element against the same
  grammar as the listening probes (docs/probe-table.md): each required parameter once with its
  exact value, each configured extra parameter once with its configured value, nothing added; and
  every MOS message it writes carries the identities of the connection it travels on.

  @device-under-test @nrcs-under-test @sut-connects @req:MOSWS-URL-9 @req:MOSWS-ENV-1
  Scenario: Probes: a dialling system writes each parameter once with its exact value, and its envelopes name the connection
    Given the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    And the suite sends a heartbeat over every connection the system opened
    Then every connection request carries each required and configured parameter exactly once with its exact value, and nothing else
    And every message the system sent carries the mosID and ncsID of its connection

  @device-under-test @nrcs-under-test @passive-active @req:MOSWS-URL-9 @req:MOSWS-ENV-1
  Scenario: Probes: an active side of passive mode writes each parameter once with its exact value, and its envelopes name the connection
    Given the suite listens as the external side of passive mode
    When the system under test connects to the suite in passive mode
    And the suite sends a heartbeat over every connection the system opened
    Then every connection request carries each required and configured parameter exactly once with its exact value, passive=true on its passive sockets, and nothing else
    And every message the system sent carries the mosID and ncsID of its connection
