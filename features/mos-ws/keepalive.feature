@mos-ws
Feature: keepAlive (profile 0)
  keepAlive carries no messageID, is valid on every channel in both directions,
  is discarded on receipt and never answered. It is sent every 30 s, or after 30 s idle,
  on each connected socket, whichever side opened it: judged over three intervals per socket (no
  silence longer than an interval and its grace), so "sent once" does not pass for "sent every 30 s". The form of every keepAlive the system
  sends (no messageID, a valid envelope) is checked in every scenario.

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-KA-2
  Scenario: A keepAlive received is discarded without any reply
    Given the system under test is listening
    And the suite is connected on the mom and ro channels
    When the suite sends keepAlive on every connection
    Then nothing is received on any connection within the silence window
    And every connection is still open
    And each connection answers a heartbeat

  @device-under-test @nrcs-under-test @sut-connects @req:MOSWS-KA-2
  Scenario: A keepAlive sent over the system's own connections is discarded
    Given the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    And the suite sends keepAlive on every connection the system opened
    Then the system answers none of them within the silence window
    And the connections the system opened are still open

  @device-under-test @nrcs-under-test @sut-connects @req:MOSWS-KA-3
  Scenario: The system sends keepAlive on every connection it opened, every interval over three intervals
    Given the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    Then over three keepAlive intervals the system is never silent longer than an interval on any connection it opened

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-KA-3
  Scenario: A listening system sends keepAlive on every connection the suite opened to it, every interval over three intervals
    Given the system under test is listening
    And the suite is connected on the mom and ro channels
    Then over three keepAlive intervals the system is never silent longer than an interval on any connection the suite opened

  @device-under-test @nrcs-under-test @passive-listener @req:MOSWS-KA-3
  Scenario: A listening system sends keepAlive on every socket of passive mode, every interval over three intervals
    Given the system under test is listening
    And the suite is connected as the active side of passive mode
    Then over three keepAlive intervals the system is never silent longer than an interval on any connection the suite opened
