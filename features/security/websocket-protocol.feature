@mos-ws @security @security-websocket
Feature: WebSocket protocol (RFC 6455) on every channel
  Beyond the proposal: a MOS endpoint is a WebSocket endpoint, and RFC 6455 says how one answers
  the opening handshake, Ping, fragments, invalid UTF-8, protocol errors and Close. The suite checks
  with a raw client that sends exactly the frames a case needs (Autobahn|Testsuite's case
  categories are the map; docs/interpretations.md says which cases are left out and why).

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-WS-1 @req:SEC-WS-5
  Scenario: The opening handshake is answered as RFC 6455 requires, on every channel
    Given the system under test is listening
    Then the opening handshake is answered correctly on the mom and ro channels

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-WS-2
  Scenario: Every Ping gets a Pong with the same payload, on every channel
    Given the system under test is listening
    Then a Ping is answered with a Pong of the same payload on the mom and ro channels

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-WS-3
  Scenario: A fragmented message is reassembled, with a Ping between its fragments
    Given the system under test is listening
    Then a heartbeat sent in fragments is answered on the mom and ro channels

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-WS-4 @req:SEC-WS-7
  Scenario: Invalid UTF-8 fails the connection, with status 1007
    Given the system under test is listening
    Then each invalid UTF-8 input fails the connection on the mom channel

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-WS-5 @req:SEC-WS-7
  Scenario: Protocol errors fail the connection, with status 1002
    Given the system under test is listening
    Then each protocol error fails the connection on the mom channel

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-WS-6
  Scenario: A Close frame is answered with a Close frame, on every channel
    Given the system under test is listening
    Then a Close frame is answered with a Close frame on the mom and ro channels

  @device-under-test @nrcs-under-test @sut-connects @req:SEC-WS-2 @req:SEC-WS-8 @req:SEC-WS-6
  Scenario: A dialling system answers Ping, masks its frames and answers the closing handshake
    Given the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    Then every connection the system opened answers a Ping with a Pong of the same payload
    And every frame the system sent was masked and well-formed
    And every connection the system opened answers a Close frame with a Close frame
