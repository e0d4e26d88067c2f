@mos-ws @probes
Feature: Stateful consistency of the answers
  A reply can be valid MOS and still describe something else than the request or the state the
  suite created. The suite models what it told the system and compares the answers with that model
  structurally: a roList equals the running order as the suite last left it (after edits of every
  kind; two running orders, the older one edited), a mosObj answers the object asked for (every
  listed one, not only the first), and every acknowledgement names the ids of its request. Every
  roList the suite asks for, in any scenario, is compared with the suite's model of it.

  @device-under-test @sut-listens @profile-2 @req:MOS-PROFILE-2
  Scenario: Probes: a roList describes the running order as the suite last left it, after edits of every kind
    Given the system under test is listening
    When the suite creates running orders RO-ST and RO-ST2 on the system and edits the first with:
      | edit                 |
      | (INSERT of stories)  |
      | (MOVE of items)      |
      | (REPLACE of stories) |
      | (SWAP of items)      |
      | (DELETE of stories)  |
      | (INSERT of items)    |
    Then the system's roList for RO-ST and for RO-ST2 each equal the running order as the suite last left it

  @device-under-test @profile-1 @req:MOS-PROFILE-2 @req:MOS-PROFILE-3
  Scenario: Probes: a device answers mosReqObj for every object it listed with that object
    Given the suite and the system under test are connected in passive mode
    When the suite sends mosReqAll with pause 0
    Then the system sends its objects in one mosListAll
    And the system answers mosReqObj for every object listed, each with that object as listed
