@test_mode
Feature: EM provider outage and recovery
  In 2022 about 1 % of notifications to partner agencies failed to send, and 35 defendants were released
  without the tags the court had ordered. The EM provider is another organisation's system: it will be
  down, slow, or lose its answers at times. Every order must still reach it exactly once and be
  acknowledged, and while it cannot be delivered the court must be able to see why.

  Background:
    Given a case with one defendant has been opened
    And the case has been listed for a first appearance tomorrow

  Rule: An order shared while the provider is down is delivered once it recovers, exactly once

    @critical @slow
    Scenario: The provider is down for a few seconds
      Given the EM provider is unavailable for 2 seconds
      When the legal adviser shares a community order with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      Then the EM provider acknowledges the order with its own reference
      And the EM provider holds exactly 1 new EM order for the defendant
      And probation is told about the result

    @slow
    Scenario: While the provider is down the order visibly waits, and it is delivered when the provider is back
      Given the EM provider is unavailable
      When the legal adviser shares conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      Then the order is waiting for the provider, with the failed delivery recorded
      And the EM provider holds no order for the defendant
      When the EM provider becomes available again
      Then the EM provider acknowledges the order with its own reference
      And the EM provider holds exactly 1 new EM order for the defendant

  Rule: A lost answer never produces a second order

    @critical @slow
    Scenario: The provider's answer is lost on the way back
      Given the EM provider's next answer will be lost on the way back
      When the legal adviser shares conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      Then the EM provider acknowledges the order with its own reference
      And the EM provider holds exactly 1 new EM order for the defendant

  Rule: A slow provider still receives every order

    @slow
    Scenario: The provider answers slowly
      Given the EM provider answers slowly for 2 seconds
      When the legal adviser shares conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      Then the EM provider acknowledges the order with its own reference
      And the EM provider holds exactly 1 new EM order for the defendant
