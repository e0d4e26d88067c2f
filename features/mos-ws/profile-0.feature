@mos-ws @profile-0
Feature: Profile 0: the system says what it is and which profiles it supports
  The vendor declares the MOS profiles the system supports (target.profiles; the embedded
  simulators declare 0-4): the scenarios of a profile run only when it is declared. listMachInfo
  must report the same: YES for every declared profile, NO for the others, and deviceType NCS for
  a newsroom system, MOS for a device. In every MOS scenario the content of every message the
  system sends is judged against MOS 2.8.5 (MOS-CONTENT-1..7).

  @device-under-test @nrcs-under-test @sut-listens @req:MOS-PROFILE-1
  Scenario: listMachInfo reports the declared profiles and the system's role
    Given the system under test is listening
    When the suite asks for the machine information with reqMachInfo
    Then supportedProfiles reports YES for every declared profile and NO for the others
    And deviceType names the role of the system under test
