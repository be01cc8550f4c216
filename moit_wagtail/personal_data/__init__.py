"""Citizens' personal data has a lifetime (PDPA B.E. 2562 s.37(3)): each unit's retention
setting, the anonymisation that applies it, and the unit staff's answers to a citizen's
request to see or erase their data (s.30, s.33).

The e-services and the survey stay optional: each part here looks at an app's models only
when that app is installed.
"""
