@mos-ws
Feature: Deprecated messages are removed
  MOS over WebSocket removes roStoryAppend, roStoryInsert, roStoryReplace, roStoryMove,
  roStoryMoveMultiple, roStorySwap, roStoryDelete, roItemInsert, roItemReplace,
  roItemMoveMultiple, roItemDelete, roStat and roItemStat. Every scenario also checks that the
  system under test sent none of them.

  @nrcs-under-test @sut-connects @operator @req:MOSWS-DEPR-1
  Scenario: Story insert, move, replace and delete use roElementAction
    Given the suite's endpoint is configured in the system under test with extra query parameters
    When the system under test connects to the suite
    And the system under test is asked to insert, move, replace and delete a story in running order RO-1
    Then it sends roElementAction for those changes
    And it sends none of the deprecated messages

  @device-under-test @sut-listens @req:MOSWS-DEPR-1
  Scenario: A device accepts roElementAction where a 2.x newsroom would have used roStory messages
    Given the system under test is listening
    And the suite is connected on the mom and ro channels
    When the suite sends roCreate for RO-1 and then roElementAction INSERT, MOVE, REPLACE and DELETE
    Then every one is acknowledged with roAck status OK
