@mos-ws @profile-2
Feature: Profile 2: running orders
  A newsroom creates, changes and deletes running orders on a device (roCreate, roReplace,
  roMetadataReplace, roElementAction in every operation and target form, roReadyToAir,
  roDelete); the device acknowledges each with roAck (roStatus OK, optionally a status per item),
  reports status with roElementStat, and either side can ask for a running order with roReq
  (answered by roList). Each reply is matched by messageID, judged for content, and must be about
  the running order asked.

  @device-under-test @sut-listens @req:MOS-PROFILE-2
  Scenario: A device accepts a running order's whole life, every element action form included
    Given the system under test is listening
    Then the system answers each of these messages as MOS defines:
      | message           | about                                       |
      | roCreate          | for running order RO-P2                     |
      | roReq             | for running order RO-P2                     |
      | roReplace         | for running order RO-P2                     |
      | roMetadataReplace | for running order RO-P2                     |
      | roElementAction   | (INSERT of stories) for running order RO-P2 |
      | roElementAction   | (INSERT of items) for running order RO-P2   |
      | roElementAction   | (REPLACE of stories) for running order RO-P2 |
      | roElementAction   | (REPLACE of items) for running order RO-P2  |
      | roElementAction   | (MOVE of stories) for running order RO-P2   |
      | roElementAction   | (MOVE of items) for running order RO-P2     |
      | roElementAction   | (SWAP of stories) for running order RO-P2   |
      | roElementAction   | (SWAP of items) for running order RO-P2     |
      | roElementAction   | (DELETE of items) for running order RO-P2   |
      | roElementAction   | (DELETE of stories) for running order RO-P2 |
      | roReadyToAir      | for running order RO-P2                     |
      | roDelete          | for running order RO-P2                     |

  @nrcs-under-test @operator @req:MOS-PROFILE-2
  Scenario: A newsroom answers roReq and roElementStat about a running order it sent
    Given the suite and the system under test are connected in passive mode
    And the system under test has sent running order RO-P2 to the suite
    Then the system answers each of these messages as MOS defines:
      | message       | about                                     |
      | roReq         | for running order RO-P2                   |
      | roElementStat | (element RO) for running order RO-P2      |
      | roElementStat | (element STORY) for running order RO-P2   |
      | roElementStat | (element ITEM) for running order RO-P2    |

  @device-under-test @operator @req:MOS-PROFILE-3
  Scenario Outline: A device originates <message> <about> when its operator asks
    Given the suite and the system under test are connected in passive mode
    And the suite has sent running order RO-1 to the system under test
    When the system under test is asked to originate <message> <about>
    Then the suite receives that <message> from the system

    Examples:
      | message       | about                                  |
      | roReq         | for running order RO-1                 |
      | roElementStat | (element RO) for running order RO-1    |
      | roElementStat | (element STORY) for running order RO-1 |
      | roElementStat | (element ITEM) for running order RO-1  |

  @nrcs-under-test @operator @req:MOS-PROFILE-3
  Scenario Outline: A newsroom originates <message> <about> when its operator asks
    Given the suite and the system under test are connected in passive mode
    And the system under test has sent running order RO-P2 to the suite
    When the system under test is asked to originate <message> <about>
    Then the suite receives that <message> from the system

    Examples:
      | message           | about                                        |
      | roReplace         | for running order RO-P2                      |
      | roMetadataReplace | for running order RO-P2                      |
      | roElementAction   | (INSERT of stories) for running order RO-P2  |
      | roElementAction   | (INSERT of items) for running order RO-P2    |
      | roElementAction   | (REPLACE of stories) for running order RO-P2 |
      | roElementAction   | (REPLACE of items) for running order RO-P2   |
      | roElementAction   | (MOVE of stories) for running order RO-P2    |
      | roElementAction   | (MOVE of items) for running order RO-P2      |
      | roElementAction   | (DELETE of stories) for running order RO-P2  |
      | roElementAction   | (DELETE of items) for running order RO-P2    |
      | roElementAction   | (SWAP of stories) for running order RO-P2    |
      | roElementAction   | (SWAP of items) for running order RO-P2      |
      | roReadyToAir      | for running order RO-P2                      |
      | roDelete          | for running order RO-P2                      |
