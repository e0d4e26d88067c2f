@mos-ws
Feature: Required URL parameters
  Every MOS WebSocket connection request carries mosID, ncsID and channel (mom, ro or aux),
  plus the extra query parameters configured for the endpoint. A listening side refuses a
  request that lacks them before any MOS message flows.

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-URL-1 @req:MOSWS-TRANSPORT-1
  Scenario: A complete connection request is accepted on both channels
    Given the system under test is listening
    When the suite connects on the mom channel with the correct parameters and credentials
    And the suite connects on the ro channel with the correct parameters and credentials
    Then each connection answers a heartbeat

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-URL-1
  Scenario Outline: A request with <defect> is refused before any MOS message flows
    Given the system under test is listening
    And the system under test accepts a correct connection request
    When the suite connects on the ro channel with <defect>
    Then the connection is refused before any MOS message flows

    Examples:
      | defect                 |
      | no mosID               |
      | no ncsID               |
      | no channel             |
      | an unknown channel     |
      | an empty mosID         |

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-URL-2
  Scenario Outline: A request naming <defect> is refused
    Given the system under test is listening
    And the system under test accepts a correct connection request
    When the suite connects on the ro channel with <defect>
    Then the connection is refused before any MOS message flows

    Examples:
      | defect                 |
      | a foreign mosID        |
      | a foreign ncsID        |
      | the mosID and ncsID swapped |
      | a mosID extending the configured one |

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-URL-6
  Scenario Outline: The NCS ID is accepted under the spelling <spelling>
    Given the system under test is listening
    When the suite connects on the mom channel naming the NCS ID <spelling>
    Then each connection answers a heartbeat

    Examples:
      | spelling |
      | ncsID    |
      | nCSID    |

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-URL-3
  Scenario: Extra query parameters on the endpoint URL do not prevent a connection
    Given the system under test is listening
    When the suite connects on the mom channel with extra query parameters
    Then each connection answers a heartbeat

  @device-under-test @nrcs-under-test @sut-listens @sut-connects @req:MOSWS-TRANSPORT-2
  Scenario: In normal mode both sides dial, and requests on the suite's sockets are answered there
    Given the system under test is listening
    And the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    And the suite is connected on the mom and ro channels
    Then each connection answers a heartbeat

  @device-under-test @nrcs-under-test @sut-connects @req:MOSWS-URL-1 @req:MOSWS-URL-3 @req:MOSWS-URL-7 @req:MOSWS-URL-4 @req:MOSWS-URL-5 @req:MOSWS-AUTH-1 @req:MOSWS-AUTH-3
  Scenario: A connecting system sends every required parameter and keeps the configured ones
    Given the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    Then it opens the mom channel and the ro channel
    And every connection request names the configured mosID, ncsID and a valid channel
    And every connection request keeps the configured extra query parameters unchanged
    And every connection request carries Basic credentials in the Authorization header and none in the URL
