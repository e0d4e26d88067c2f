@mos-ws
Feature: TLS (wss) and self-signed certificates
  wss is the recommended transport. Untrusted (self-signed) certificates are accepted, or an
  option to accept them is provided.

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-TLS-1
  Scenario: The listening endpoint is reachable with the configured trust
    Given the system under test is listening
    When the suite connects on the mom channel with the correct parameters and credentials
    Then each connection answers a heartbeat
    And the connection used wss unless the configuration allows ws

  @device-under-test @nrcs-under-test @sut-connects @req:MOSWS-TLS-2
  Scenario: A connecting system accepts the suite's self-signed certificate
    Given the suite's endpoint serves wss with a self-signed certificate
    When the system under test connects to the suite
    Then it opens the mom channel and the ro channel
    And none of its TLS handshakes with the suite failed

  @device-under-test @nrcs-under-test @sut-connects @req:MOSWS-TLS-1
  Scenario: A connecting system dials the suite's endpoint over TLS
    Given the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    Then every connection it opened used wss unless the configuration allows ws
