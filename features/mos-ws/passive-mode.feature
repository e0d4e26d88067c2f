@mos-ws
Feature: Passive mode
  The side inside the firewall opens every socket outbound; passive=true flags the sockets
  the listening side originates its messages over. A dropped passive socket is re-opened at
  once, and nothing is lost across the drop.

  @nrcs-under-test @device-under-test @passive-active @req:MOSWS-PASSIVE-1 @req:MOSWS-PASSIVE-2 @req:MOSWS-PASSIVE-4
  Scenario: The active side opens one passive socket per channel
    Given the suite listens as the external side of passive mode
    When the system under test connects to the suite in passive mode
    Then it opens a passive=true connection on the mom channel and on the ro channel
    And the suite can originate a request over each passive connection and get its reply

  @nrcs-under-test @device-under-test @passive-active @req:MOSWS-PASSIVE-3
  Scenario Outline: A dropped passive <channel> socket is re-opened at once
    Given the suite listens as the external side of passive mode
    And the system under test connects to the suite in passive mode
    When the suite drops the passive <channel> connection
    Then the system re-opens the passive <channel> connection within the reconnect threshold
    And the suite can originate a request over each passive connection and get its reply

    Examples:
      | channel |
      | mom     |
      | ro      |

  @nrcs-under-test @device-under-test @passive-active @req:MOSWS-PASSIVE-3
  Scenario: Requests the suite queues across a drop are all answered once, in order
    Given the suite listens as the external side of passive mode
    And the system under test connects to the suite in passive mode
    When the suite drops the passive ro connection and at once sends 5 heartbeats over it
    Then all 5 heartbeats are answered once each, in order

  @device-under-test @passive-listener @operator @req:MOSWS-PASSIVE-1
  Scenario: A listening device originates roReq over the passive socket
    Given the system under test is listening
    And the suite is connected as the active side of passive mode
    When the system under test is asked to send roReq for running order RO-1
    Then a roReq for RO-1 arrives over the passive ro connection
    And the suite's roList reply is accepted without a negative acknowledgement

  @nrcs-under-test @passive-listener @operator @req:MOSWS-PASSIVE-1
  Scenario: A listening NRCS originates roCreate over the passive socket
    Given the system under test is listening
    And the suite is connected as the active side of passive mode
    When the system under test is asked to send roCreate for running order RO-7
    Then a roCreate for RO-7 arrives over the passive ro connection
    And the suite's roAck reply is accepted without a negative acknowledgement

  @passive-listener @operator @req:MOSWS-PASSIVE-3
  Scenario Outline: Messages a listening <role> sends while the passive socket is down are delivered once each, in order
    Given the system under test is listening
    And the suite is connected as the active side of passive mode
    When the suite's passive ro connection drops and the system under test is asked to send 3 <message> meanwhile
    And the suite re-opens the passive ro connection
    Then 3 <message> arrive over the passive ro connection once each, in order

    @device-under-test
    Examples: device
      | role   | message |
      | device | roReq   |

    @nrcs-under-test
    Examples: NRCS
      | role | message  |
      | NRCS | roCreate |
