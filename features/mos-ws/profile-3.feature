@mos-ws @profile-3
Feature: Profile 3: advanced object workflow
  A newsroom asks a device to create objects (mosObjCreate, mosReqObjAction), for its searchable
  schema (mosReqSearchableSchema, answered by mosListSearchableSchema) and searches its objects
  (mosReqObjList, answered by mosObjList for the same queryID and user). The queries travel on
  the aux channel (the MOS 2.8.5 query port 10542). A device replaces an item of a running order
  in the newsroom with mosItemReplace, acknowledged by roAck.

  @device-under-test @sut-listens @req:MOS-PROFILE-2
  Scenario: A device creates objects and answers schema and object queries
    Given the system under test is listening
    Then the system answers each of these messages as MOS defines:
      | message                | about                       |
      | mosObjCreate           |                             |
      | mosReqObjAction        |                             |
      | mosReqSearchableSchema |                             |
      | mosReqObjList          |                             |

  @nrcs-under-test @operator @profile-2 @req:MOS-PROFILE-2
  Scenario: A newsroom accepts mosItemReplace for an item of a running order it sent
    Given the suite and the system under test are connected in passive mode
    And the system under test has sent running order RO-P3 to the suite
    Then the system answers each of these messages as MOS defines:
      | message        | about                   |
      | mosItemReplace | for running order RO-P3 |

  @device-under-test @operator @profile-2 @req:MOS-PROFILE-3
  Scenario: A device replaces an item of the newsroom's running order when its operator asks
    Given the suite and the system under test are connected in passive mode
    And the suite has sent running order RO-1 to the system under test
    When the system under test is asked to originate mosItemReplace for running order RO-1
    Then the suite receives that mosItemReplace from the system

  @nrcs-under-test @operator @req:MOS-PROFILE-3
  Scenario Outline: A newsroom originates <message> when its operator asks
    Given the suite and the system under test are connected in passive mode, with the aux channel
    When the system under test is asked to originate <message>
    Then the suite receives that <message> from the system

    Examples:
      | message                |
      | mosObjCreate           |
      | mosReqObjAction        |
      | mosReqSearchableSchema |
      | mosReqObjList          |
