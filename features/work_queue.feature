Feature: Work queue
  As a court admin
  I want to see every EM order that is overdue or rejected, and every message that keeps failing
  So that nobody leaves court without the monitoring the court ordered: nothing may fail silently

  Background:
    Given a case with one defendant has been opened
    And the case has been listed for a first appearance tomorrow

  Rule: An order not acknowledged when the first curfew starts is overdue, and on the work queue until acknowledged

    @test_mode @critical @slow @ui
    Scenario: An order still unacknowledged when the first curfew starts, until the provider acknowledges it
      Given the EM provider is unavailable
      And the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      When the first curfew starts without the provider having acknowledged the order
      Then the order is flagged overdue
      And the court admin sees the defendant's order on the work queue as overdue
      When the EM provider becomes available again
      Then the EM provider acknowledges the order with its own reference
      And the court admin no longer sees the defendant's order on the work queue

  Rule: A rejected order is on the work queue until the court admin re-sends it

    @test_mode @critical @ui
    Scenario: The provider rejects an order
      Given the EM provider will reject the next order
      When the legal adviser shares conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      Then the order is rejected
      And the court admin sees the defendant's order on the work queue as rejected, with the provider's reason

    @test_mode @critical @ui
    Scenario: Re-sending a rejected order
      Given the EM provider will reject the next order
      And the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      And the order has been rejected
      When the court admin re-sends the order
      Then the EM provider acknowledges the order with its own reference
      And the court admin no longer sees the defendant's order on the work queue

  Rule: Acknowledged orders need no attention

    @ui
    Scenario: An acknowledged order is not on the work queue
      Given the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      And the EM provider has acknowledged the order
      Then the court admin does not see the defendant's order on the work queue

  Rule: A court admin sees only their own court centre's work

    @test_mode @security @ui
    Scenario: Southbridge's court admin does not see Northgate's rejected order
      Given the EM provider will reject the next order
      And the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      And the order has been rejected
      Then the court admin of Southbridge Magistrates' Court does not see the defendant's order on the work queue

  Rule: A message that keeps failing is on the work queue, and is still retried

    @test_mode @slow @ui
    Scenario: The provider stays down through five delivery attempts
      Given the EM provider is unavailable
      When the legal adviser shares a community order with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      And delivery of the messages about the case has failed 5 times
      Then the court admin sees the message to probation on the work queue as failing
      And the court admin sees the message to the EM provider on the work queue as failing
      And the messages are still being retried
