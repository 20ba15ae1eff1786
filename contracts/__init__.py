"""The seeds' HTTP contracts: one sub-package per seed document, each a thin adapter.

| package            | seed | system                                  |
|--------------------|------|-----------------------------------------|
| team_production    | 000  | Team Production System (mentor booking) |
| oneonone_p2        | 001  | OneOnOne P2 back end (scheduling rounds)|
| mentorq            | 002  | MentorQ (help queue)                    |
| oneonone_coreapi   | 003  | OneOnOne API, coreapi docs              |
| oneonone_short     | 004  | OneOnOne API, short docs                |

Adapters translate shapes and call domain services; they hold no rules and never import each
other. What they share (URL helpers, client identity) is in contracts.common.
"""
