@incident @critical
Feature: Electronic monitoring is in place before the first curfew
  Between June 2021 and August 2022, notifications to partner agencies failed to send, and 35 defendants
  who should have been fitted with electronic monitoring tags were released without them.

  Whenever a court bails a defendant, or makes a community order, with an electronically monitored curfew,
  the EM provider must have acknowledged a new EM order for that defendant before the first curfew starts,
  for every defendant on the case, even when the provider is briefly down.

  Rule: A defendant bailed with an electronically monitored curfew has an acknowledged EM order before the first curfew starts

    @ui
    Scenario Outline: One defendant bailed with <shape>
      Given a case with one defendant has been opened
      And the case has been listed for a first appearance tomorrow
      When the legal adviser shares conditional bail with an electronically monitored curfew from <start> to <end> starting tomorrow
      Then every defendant has an EM order acknowledged by the provider before the first curfew starts tomorrow at <start>
      And the EM provider holds exactly 1 new EM order for each defendant

      Examples: An evening curfew
        | shape             | start | end   |
        | an evening curfew | 19:00 | 23:00 |

      Examples: A curfew crossing midnight
        | shape               | start | end   |
        | an overnight curfew | 21:00 | 07:00 |

    Scenario: Several defendants bailed with electronically monitored curfews
      Given a case with three defendants has been opened
      And the case has been listed for a first appearance tomorrow
      When the legal adviser shares conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow for each defendant
      Then every defendant has an EM order acknowledged by the provider before the first curfew starts tomorrow at 19:00
      And the EM provider holds exactly 1 new EM order for each defendant

    Scenario: Only the defendants bailed with monitoring get EM orders
      Given a case with three defendants has been opened
      And the case has been listed for a first appearance tomorrow
      When the legal adviser shares these results:
        | defendant | result                                                                                         |
        | 1         | remand in custody                                                                              |
        | 2         | conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow |
        | 3         | an adjournment on unconditional bail                                                           |
      Then defendant 2 has an EM order acknowledged by the provider before the first curfew starts tomorrow at 19:00
      And the EM provider holds exactly 1 new EM order for defendant 2
      And defendant 1 has no EM order
      And defendant 3 has no EM order

  Rule: A defendant given a community order with an electronically monitored curfew has an acknowledged EM order before the first curfew starts

    @ui
    Scenario: One defendant given a community order with an electronically monitored curfew
      Given a case with one defendant has been opened
      And the case has been listed for a first appearance tomorrow
      When the legal adviser shares a community order with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      Then every defendant has an EM order acknowledged by the provider before the first curfew starts tomorrow at 19:00
      And the EM provider holds exactly 1 new EM order for each defendant

    Scenario: Several defendants given community orders with electronically monitored curfews
      Given a case with two defendants has been opened
      And the case has been listed for a first appearance tomorrow
      When the legal adviser shares a community order with an electronically monitored curfew from 20:00 to 06:00 starting tomorrow for each defendant
      Then every defendant has an EM order acknowledged by the provider before the first curfew starts tomorrow at 20:00
      And the EM provider holds exactly 1 new EM order for each defendant

  Rule: The orders are acknowledged in time even when the EM provider is briefly down

    @test_mode @slow
    Scenario Outline: <order> for <defendants> while the EM provider is down for 3 seconds
      Given a case with <defendants> has been opened
      And the case has been listed for a first appearance tomorrow
      And the EM provider is unavailable for 3 seconds
      When the legal adviser shares <order> with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow for each defendant
      Then every defendant has an EM order acknowledged by the provider before the first curfew starts tomorrow at 19:00
      And the EM provider holds exactly 1 new EM order for each defendant

      Examples: Bail
        | order            | defendants       |
        | conditional bail | three defendants |

      Examples: Community orders
        | order             | defendants    |
        | a community order | one defendant |
