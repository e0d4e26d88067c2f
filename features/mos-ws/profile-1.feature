@mos-ws @profile-1
Feature: Profile 1: MOS objects
  A device publishes its objects (mosObj), answers mosReqObj with the object, and answers
  mosReqAll with mosAck followed by its objects (one mosListAll when pause is 0). A newsroom
  acknowledges the objects it is sent and asks for them. Replies are matched by messageID and
  their content judged; passive mode carries both directions over the sockets the active side
  opens (whichever side that is).

  @device-under-test @req:MOS-PROFILE-2 @req:MOS-PROFILE-3
  Scenario: A device acknowledges mosReqAll, lists its objects and returns each on mosReqObj
    Given the suite and the system under test are connected in passive mode
    When the suite sends mosReqAll with pause 0
    Then the system sends its objects in one mosListAll
    And the system answers mosReqObj for the first object listed with that object

  @nrcs-under-test @sut-listens @req:MOS-PROFILE-2
  Scenario: A newsroom acknowledges a MOS object
    Given the system under test is listening
    Then the system answers each of these messages as MOS defines:
      | message | about              |
      | mosObj  | for object OBJ-P1  |

  @device-under-test @operator @req:MOS-PROFILE-3
  Scenario: A device publishes an object when its operator asks
    Given the suite and the system under test are connected in passive mode
    When the system under test is asked to originate mosObj
    Then the suite receives that mosObj from the system

  @nrcs-under-test @operator @req:MOS-PROFILE-3
  Scenario: A newsroom requests an object with mosReqObj when its operator asks
    Given the suite and the system under test are connected in passive mode
    When the system under test is asked to originate mosReqObj for object OBJ-1
    Then the suite receives that mosReqObj from the system

  @nrcs-under-test @operator @req:MOS-PROFILE-3 @req:MOS-PROFILE-2
  Scenario: A newsroom asks for all objects with mosReqAll and accepts the mosListAll
    Given the suite and the system under test are connected in passive mode
    When the system under test is asked to originate mosReqAll
    Then the suite receives that mosReqAll from the system
    And the system accepts the suite's mosListAll
