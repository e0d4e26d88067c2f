@mos-ws @stream-security
Feature: Signed media URLs in MOS objects
  A device that publishes objects with proxy URLs on a protected distribution server signs
  them; the newsroom can play them until they expire.

  @device-under-test @passive-listener @operator @req:SS-MOS-1 @req:SS-STATUS-1
  Scenario: objProxyPath URLs play before they expire and are refused after
    Given the system under test is listening
    And the suite is connected as the active side of passive mode
    When the system under test is asked to publish object OBJ-77
    Then a mosObj for OBJ-77 arrives with a signed objProxyPath
    And its objProxyPath is served
    And its objProxyPath is refused once it has expired
