Feature: Electronic monitoring orders
  When a court bails a defendant, or makes a community order, with an electronically monitored curfew or
  exclusion zone, the EM provider must be told in time to fit the tag before the monitoring starts. When
  the court later changes its decision, the provider must be told to vary or revoke the monitoring.
  Court staff see every order's status: waiting, acknowledged with the provider's reference, or rejected.

  Background:
    Given a case with one defendant has been opened
    And the case has been listed for a first appearance tomorrow

  Rule: Monitoring produces one new EM order, due before the monitoring starts

    @critical @ui
    Scenario: Conditional bail with an electronically monitored curfew
      When the legal adviser shares conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      Then the defendant has 1 new EM order, due when the first curfew starts tomorrow at 19:00
      And the EM provider acknowledges the order with its own reference

    @critical @ui
    Scenario: A community order with an electronically monitored curfew
      When the legal adviser shares a community order with an electronically monitored curfew from 20:00 to 06:00 starting tomorrow
      Then the defendant has 1 new EM order, due when the first curfew starts tomorrow at 20:00
      And the EM provider acknowledges the order with its own reference
      And probation is told about the result

    @ui
    Scenario: An electronically monitored exclusion zone without a curfew
      When the legal adviser shares conditional bail with an electronically monitored exclusion zone starting in 2 days
      Then the defendant has 1 new EM order, due at the start of the day the exclusion zone starts
      And the EM provider acknowledges the order with its own reference

    @ui
    Scenario: A curfew without electronic monitoring needs no EM order
      When the legal adviser shares conditional bail with a curfew from 19:00 to 07:00 starting tomorrow, not electronically monitored
      Then the defendant has no EM order
      And no agency is told about the result

    @ui
    Scenario: A weekend curfew is due when its first weekend night starts
      When the legal adviser shares conditional bail with an electronically monitored curfew from 19:00 to 07:00 on Saturdays and Sundays, starting next Wednesday
      Then the defendant has 1 new EM order, due when the first curfew starts the Saturday after next Wednesday at 19:00

  Rule: Changing a shared result tells the provider what changed, and the latest shared result stands

    @critical @ui
    Scenario: Changing the curfew hours varies the order
      Given the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      When the legal adviser amends the curfew to 21:00 to 06:00 and shares the result again
      Then the defendant has a new EM order followed by a variation
      And the variation is due when the amended curfew first starts tomorrow at 21:00
      And the EM provider acknowledges the variation with its own reference

    @critical @ui
    Scenario Outline: <change> revokes the order
      Given the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      When the legal adviser amends the result to <new result> and shares it again
      Then the defendant has a new EM order followed by a revocation
      And the revocation is due two hours after the amended result was shared
      And the EM provider acknowledges the revocation with its own reference

      Examples: The defendant is no longer on bail
        | change            | new result        |
        | Remand in custody | remand in custody |
        | An acquittal      | an acquittal      |

      Examples: The court drops the monitoring but keeps the curfew
        | change                  | new result                                       |
        | Removing the monitoring | conditional bail with a curfew but no monitoring |
