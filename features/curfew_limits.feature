Feature: Curfew legal limits
  The law limits curfews: a bail curfew lasts 2 to 20 hours in any day; a community order curfew lasts
  2 to 20 hours in any day, at most 112 hours in any 7 days and at most 2 years. A curfew needs an address
  and must end after it starts. Courts work in Europe/London time, so the limits are judged on the hours
  on the clock: a 19:00 to 07:00 curfew is 12 hours, even on the night the clocks go forward (when it lasts
  11 real hours) or back (13 real hours).

  Background:
    Given a case with one defendant has been opened
    And the case has been listed for a first appearance tomorrow

  Rule: A curfew lasts 2 to 20 hours a day, with bail and with community orders alike

    @critical
    Scenario Outline: A curfew of <length> with <order> is accepted
      When the legal adviser records <order> with an electronically monitored curfew from <start> to <end> on <days> starting tomorrow
      Then the result is saved as a draft

      Examples: Shortest
        | order             | start | end   | days      | length  |
        | conditional bail  | 19:00 | 21:00 | every day | 2 hours |
        | a community order | 19:00 | 21:00 | every day | 2 hours |

      Examples: Longest, crossing midnight
        | order             | start | end   | days             | length   |
        | conditional bail  | 19:00 | 15:00 | every day        | 20 hours |
        | a community order | 19:00 | 15:00 | Monday to Friday | 20 hours |

      Examples: Overnight
        | order            | start | end   | days      | length  |
        | conditional bail | 22:00 | 06:00 | every day | 8 hours |

    @critical @ui
    Scenario Outline: A curfew of <length> with <order> is refused
      When the legal adviser records <order> with an electronically monitored curfew from <start> to <end> on <days> starting tomorrow
      Then the result is refused, with a reason given for the curfew hours

      Examples: One minute too short
        | order             | start | end   | days      | length            |
        | conditional bail  | 19:00 | 20:59 | every day | 1 hour 59 minutes |
        | a community order | 19:00 | 20:59 | every day | 1 hour 59 minutes |

      Examples: One minute too long
        | order             | start | end   | days             | length            |
        | conditional bail  | 19:00 | 15:01 | every day        | 20 hours 1 minute |
        | a community order | 19:00 | 15:01 | Monday to Friday | 20 hours 1 minute |

      Examples: Far too long overnight
        | order            | start | end   | days      | length   |
        | conditional bail | 07:00 | 06:00 | every day | 23 hours |

  Rule: A community order curfew totals at most 112 hours in any 7 days; bail has no weekly limit

    Scenario Outline: A community order curfew of <weekly> hours a week is accepted
      When the legal adviser records a community order with an electronically monitored curfew from <start> to <end> on <days> starting tomorrow
      Then the result is saved as a draft

      Examples: Exactly the weekly limit
        | start | end   | days      | weekly |
        | 20:00 | 12:00 | every day | 112    |

      Examples: Long nights on weekdays only
        | start | end   | days             | weekly |
        | 19:00 | 15:00 | Monday to Friday | 100    |

    Scenario Outline: A community order curfew of <weekly> hours a week is refused
      When the legal adviser records a community order with an electronically monitored curfew from <start> to <end> on <days> starting tomorrow
      Then the result is refused, with a reason given for the curfew hours

      Examples: Just over the weekly limit
        | start | end   | days      | weekly              |
        | 20:00 | 12:09 | every day | 113 hours 3 minutes |

      Examples: One long night too many
        | start | end   | days               | weekly |
        | 19:00 | 15:00 | Monday to Saturday | 120    |

    Scenario: A bail curfew of 20 hours every day is accepted
      When the legal adviser records conditional bail with an electronically monitored curfew from 19:00 to 15:00 on every day starting tomorrow
      Then the result is saved as a draft

  Rule: A community order curfew lasts at most 2 years

    Scenario: A curfew lasting exactly 2 years is accepted
      When the legal adviser records a 36-month community order with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow and lasting 2 years
      Then the result is saved as a draft

    Scenario: A curfew lasting 2 years and a day is refused
      When the legal adviser records a 36-month community order with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow and lasting 2 years and 1 day
      Then the result is refused, with a reason given for the curfew end date

  Rule: A curfew ends after it starts, at a known address

    @ui
    Scenario: A curfew ending before it starts is refused
      When the legal adviser records a 12-month community order with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow and ending the day before
      Then the result is refused, with a reason given for the curfew end date

    @ui
    Scenario: A curfew without an address is refused
      When the legal adviser records conditional bail with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow at no address
      Then the result is refused, with a reason given for the curfew address

  Rule: The limits are judged on the hours on the clock, even on the nights the clocks change

    @critical @ui
    Scenario Outline: A 19:00 to 07:00 curfew on the night the clocks go <change> (<real> real hours) with <order>
      When the legal adviser shares <order> with an electronically monitored curfew from 19:00 to 07:00 starting the evening before the clocks go <change>
      Then the defendant has 1 new EM order, due when the first curfew starts the evening before the clocks go <change> at 19:00

      Examples: Spring forward
        | order             | change  | real |
        | conditional bail  | forward | 11   |
        | a community order | forward | 11   |

      Examples: Autumn back
        | order             | change | real |
        | conditional bail  | back   | 13   |
        | a community order | back   | 13   |

    Scenario Outline: A curfew of <clock> on the clock and <real> in real time is accepted
      When the legal adviser records <order> with an electronically monitored curfew from <start> to <end> starting <day>
      Then the result is saved as a draft

      Examples: Longest, the night the clocks go back
        | order            | start | end   | day                                   | clock    | real     |
        | conditional bail | 19:00 | 15:00 | the evening before the clocks go back | 20 hours | 21 hours |

      Examples: Shortest, the night the clocks go forward
        | order            | start | end   | day                             | clock   | real   |
        | conditional bail | 00:00 | 02:00 | the night the clocks go forward | 2 hours | 1 hour |
