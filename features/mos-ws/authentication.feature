@mos-ws
Feature: HTTP Basic authentication on the WebSocket upgrade
  Credentials travel in the Authorization header with the Basic scheme, never in the URL.
  A listening side refuses a request without valid credentials: HTTP 401, no upgrade.

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-AUTH-2
  Scenario Outline: A request with <credentials> is refused with 401 and no upgrade
    Given the system under test is listening
    And the system under test accepts a correct connection request
    When the suite connects on the mom channel with <credentials>
    Then the upgrade is refused with HTTP 401

    Examples:
      | credentials                    |
      | no Authorization header        |
      | a malformed Authorization header |
      | a non-Basic Authorization header |
      | a wrong user name              |
      | a wrong password               |

  @device-under-test @nrcs-under-test @sut-listens @req:MOSWS-AUTH-1 @req:MOSWS-AUTH-2
  Scenario: A request with the configured credentials is accepted
    Given the system under test is listening
    When the suite connects on the mom channel with the correct parameters and credentials
    Then each connection answers a heartbeat
