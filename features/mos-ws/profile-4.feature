@mos-ws @profile-4
Feature: Profile 4: story sending and running-order listing
  A newsroom sends the full text of a story (roStorySend, acknowledged by roAck) and answers
  roReqAll with roListAll, the running orders it knows.

  @device-under-test @sut-listens @profile-2 @req:MOS-PROFILE-2
  Scenario: A device accepts the text of a story of a running order it was sent
    Given the system under test is listening
    Then the system answers each of these messages as MOS defines:
      | message     | about                   |
      | roCreate    | for running order RO-P4 |
      | roStorySend | for running order RO-P4 |

  @nrcs-under-test @sut-listens @req:MOS-PROFILE-2
  Scenario: A newsroom lists its running orders on roReqAll
    Given the system under test is listening
    Then the system answers each of these messages as MOS defines:
      | message  | about |
      | roReqAll |       |

  @device-under-test @operator @req:MOS-PROFILE-3
  Scenario: A device asks for all running orders when its operator asks
    Given the suite and the system under test are connected in passive mode
    When the system under test is asked to originate roReqAll
    Then the suite receives that roReqAll from the system

  @nrcs-under-test @operator @profile-2 @req:MOS-PROFILE-3
  Scenario: A newsroom sends the text of a story when its operator asks
    Given the suite and the system under test are connected in passive mode
    And the system under test has sent running order RO-P4 to the suite
    When the system under test is asked to originate roStorySend for running order RO-P4
    Then the suite receives that roStorySend from the system
