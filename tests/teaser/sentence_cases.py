# ruff: noqa: E501
"""Tricky news sentences: each case is a paragraph and the sentences it must split into."""

from __future__ import annotations

CASES: list[tuple[str, list[str]]] = [
    # Titles before names never end a sentence.
    (
        "Gen. Mark Milley said the drills would continue.",
        ["Gen. Mark Milley said the drills would continue."],
    ),
    (
        "Sen. Elizabeth Warren, D-Mass., said the bill was dead. Others disagreed.",
        ["Sen. Elizabeth Warren, D-Mass., said the bill was dead.", "Others disagreed."],
    ),
    (
        "Rep. Nancy Pelosi, D-Calif., spoke first. Then Sen. Mitch McConnell, R-Ky., replied.",
        ["Rep. Nancy Pelosi, D-Calif., spoke first.", "Then Sen. Mitch McConnell, R-Ky., replied."],
    ),
    (
        "Gov. Ron DeSantis, R-Fla., signed the bill. Critics objected!",
        ["Gov. Ron DeSantis, R-Fla., signed the bill.", "Critics objected!"],
    ),
    (
        "Lt. Col. James Smith of Fort Bragg, N.C., led the unit.",
        ["Lt. Col. James Smith of Fort Bragg, N.C., led the unit."],
    ),
    (
        "Maj. Gen. John Doe, commander of the 82nd Airborne, said troops were ready.",
        ["Maj. Gen. John Doe, commander of the 82nd Airborne, said troops were ready."],
    ),
    (
        "Dr. Anthony Fauci testified for three hours. He was calm.",
        ["Dr. Anthony Fauci testified for three hours.", "He was calm."],
    ),
    ("Mr. and Mrs. Smith declined to comment.", ["Mr. and Mrs. Smith declined to comment."]),
    (
        "Ms. Lopez, who chairs the panel, called it a win.",
        ["Ms. Lopez, who chairs the panel, called it a win."],
    ),
    (
        "The Rev. Al Sharpton led the march. Thousands joined.",
        ["The Rev. Al Sharpton led the march.", "Thousands joined."],
    ),
    (
        "Sgt. Maria Ortiz and Capt. Lee Park were honored.",
        ["Sgt. Maria Ortiz and Capt. Lee Park were honored."],
    ),
    (
        "Adm. Lisa Franchetti took command on Friday.",
        ["Adm. Lisa Franchetti took command on Friday."],
    ),
    (
        "Prof. Helen Ng disagreed. Her data showed the opposite.",
        ["Prof. Helen Ng disagreed.", "Her data showed the opposite."],
    ),
    ("Gov.-elect Maura Healey named her cabinet.", ["Gov.-elect Maura Healey named her cabinet."]),
    (
        "The plant in St. Paul opened at 9:30 a.m. on Jan. 6, and Acme Corp. said it would hire 1,200 people.",
        [
            "The plant in St. Paul opened at 9:30 a.m. on Jan. 6, and Acme Corp. said it would hire 1,200 people."
        ],
    ),
    ("She lives at 10 Downing St. in London.", ["She lives at 10 Downing St. in London."]),
    ("He grew up in St. Louis. He never left.", ["He grew up in St. Louis.", "He never left."]),
    (
        "The office is on Main St. The rent is low.",
        ["The office is on Main St.", "The rent is low."],
    ),
    ("Mt. Rainier erupted in myth only.", ["Mt. Rainier erupted in myth only."]),
    # Months before numbers.
    (
        "The law took effect Jan. 1, 2024. It covers 3 million people.",
        ["The law took effect Jan. 1, 2024.", "It covers 3 million people."],
    ),
    (
        "The vote is set for Sept. 30. Lawmakers are divided.",
        ["The vote is set for Sept. 30.", "Lawmakers are divided."],
    ),
    (
        "The attacks of Sept. 11 changed air travel.",
        ["The attacks of Sept. 11 changed air travel."],
    ),
    (
        "Polls close Nov. 5 at 8 p.m. Results come later.",
        ["Polls close Nov. 5 at 8 p.m.", "Results come later."],
    ),
    (
        "Between Aug. 3 and Oct. 12 the river fell 4 feet.",
        ["Between Aug. 3 and Oct. 12 the river fell 4 feet."],
    ),
    (
        "The ship left Norfolk, Va., on Monday. It will arrive in Dec.",
        ["The ship left Norfolk, Va., on Monday.", "It will arrive in Dec."],
    ),
    ("Filing opens Feb. 15 and closes Apr. 15.", ["Filing opens Feb. 15 and closes Apr. 15."]),
    (
        "The report, dated Dec. 2, 2025, was leaked.",
        ["The report, dated Dec. 2, 2025, was leaked."],
    ),
    # Numbers with "No." and ranks.
    (
        "The No. 2 official resigned. The No. 3 stayed.",
        ["The No. 2 official resigned.", "The No. 3 stayed."],
    ),
    ("Alabama is ranked No. 1 in the poll.", ["Alabama is ranked No. 1 in the poll."]),
    ("Proposition No. 4 failed by 300 votes.", ["Proposition No. 4 failed by 300 votes."]),
    # a.m. and p.m.
    (
        "The meeting ended at 5 p.m. The next one is Tuesday.",
        ["The meeting ended at 5 p.m.", "The next one is Tuesday."],
    ),
    (
        "Mr. and Mrs. Smith arrived at 8 a.m. Monday. They left at noon.",
        ["Mr. and Mrs. Smith arrived at 8 a.m. Monday.", "They left at noon."],
    ),
    ("The event starts at 7 p.m. ET on Friday.", ["The event starts at 7 p.m. ET on Friday."]),
    (
        "The deadline is 11:59 p.m. Sunday, officials said.",
        ["The deadline is 11:59 p.m. Sunday, officials said."],
    ),
    ("It was 5:30 a.m. when the quake struck.", ["It was 5:30 a.m. when the quake struck."]),
    ("Doors open at 6 a.m. local time.", ["Doors open at 6 a.m. local time."]),
    (
        "Trading halted at 10:15 a.m. Shares resumed an hour later.",
        ["Trading halted at 10:15 a.m.", "Shares resumed an hour later."],
    ),
    (
        "The storm hit at 2 a.m. PDT and moved inland.",
        ["The storm hit at 2 a.m. PDT and moved inland."],
    ),
    # Initials.
    (
        "J.R.R. Tolkien wrote it. The book sold well.",
        ["J.R.R. Tolkien wrote it.", "The book sold well."],
    ),
    ("President George W. Bush spoke at noon.", ["President George W. Bush spoke at noon."]),
    ("E.B. White edited the essay.", ["E.B. White edited the essay."]),
    (
        "The author, J. K. Rowling, declined an interview.",
        ["The author, J. K. Rowling, declined an interview."],
    ),
    (
        "Temperatures hit 40 degrees F. The city shut schools.",
        ["Temperatures hit 40 degrees F.", "The city shut schools."],
    ),
    (
        "Dr. Martin Luther King Jr. spoke. The crowd cheered.",
        ["Dr. Martin Luther King Jr. spoke.", "The crowd cheered."],
    ),
    ("Smith Jr. said he would run. He did.", ["Smith Jr. said he would run.", "He did."]),
    ("E. coli outbreaks rose. The CDC warned.", ["E. coli outbreaks rose.", "The CDC warned."]),
    (
        "He earned a Ph.D. in physics. Then he taught.",
        ["He earned a Ph.D. in physics.", "Then he taught."],
    ),
    # Companies.
    (
        "Apple Inc. reported results. Google Inc. did too.",
        ["Apple Inc. reported results.", "Google Inc. did too."],
    ),
    (
        "The company, Acme Inc., reported earnings. Shares of Acme Inc. rose.",
        ["The company, Acme Inc., reported earnings.", "Shares of Acme Inc. rose."],
    ),
    (
        "Johnson & Johnson Co. and Pfizer Corp. merged units.",
        ["Johnson & Johnson Co. and Pfizer Corp. merged units."],
    ),
    (
        "The deal was announced by Acme Corp. It closes in May.",
        ["The deal was announced by Acme Corp.", "It closes in May."],
    ),
    (
        "The company's CEO, J.P. Morgan Chase & Co.'s Jamie Dimon, spoke.",
        ["The company's CEO, J.P. Morgan Chase & Co.'s Jamie Dimon, spoke."],
    ),
    ("Shares of Widgets Ltd. fell 3% in London.", ["Shares of Widgets Ltd. fell 3% in London."]),
    # States and places.
    (
        "Officials in Washington, D.C., said the plan would work.",
        ["Officials in Washington, D.C., said the plan would work."],
    ),
    (
        "It happened in Washington, D.C. The mayor responded.",
        ["It happened in Washington, D.C.", "The mayor responded."],
    ),
    (
        "The firm, based in Boise, Idaho, hired 40 people. It plans more.",
        ["The firm, based in Boise, Idaho, hired 40 people.", "It plans more."],
    ),
    (
        "He moved to Portland, Ore. Then he moved again.",
        ["He moved to Portland, Ore.", "Then he moved again."],
    ),
    (
        "The factory in Flint, Mich., closed in 1987.",
        ["The factory in Flint, Mich., closed in 1987."],
    ),
    ("Residents of Santa Fe, N.M., voted yes.", ["Residents of Santa Fe, N.M., voted yes."]),
    (
        "A judge in Austin, Texas, blocked the rule.",
        ["A judge in Austin, Texas, blocked the rule."],
    ),
    ("She was born in Calif. and raised in Ariz.", ["She was born in Calif. and raised in Ariz."]),
    # U.S., U.K., U.N.
    (
        "The U.S. Navy said Tuesday that a second carrier group would reach the Gulf by Nov. 3, officials in Washington, D.C., confirmed.",
        [
            "The U.S. Navy said Tuesday that a second carrier group would reach the Gulf by Nov. 3, officials in Washington, D.C., confirmed."
        ],
    ),
    (
        "The attack happened in the U.S. The president vowed to respond.",
        ["The attack happened in the U.S.", "The president vowed to respond."],
    ),
    (
        "He said he lives in the U.S. and works in Canada.",
        ["He said he lives in the U.S. and works in Canada."],
    ),
    (
        "In the U.S., inflation rose. In the U.K. it fell.",
        ["In the U.S., inflation rose.", "In the U.K. it fell."],
    ),
    (
        "The U.N. Security Council met. It adjourned.",
        ["The U.N. Security Council met.", "It adjourned."],
    ),
    ("Exports to the U.K. fell. Imports rose.", ["Exports to the U.K. fell.", "Imports rose."]),
    (
        "Trade with the U.S. It is the biggest issue.",
        ["Trade with the U.S.", "It is the biggest issue."],
    ),
    ("U.S. officials declined to comment.", ["U.S. officials declined to comment."]),
    (
        "The U.S.-China talks resumed. Both sides were upbeat.",
        ["The U.S.-China talks resumed.", "Both sides were upbeat."],
    ),
    ("Troops left the U.S. base in Germany.", ["Troops left the U.S. base in Germany."]),
    ("The E.U. and the U.S. signed the pact.", ["The E.U. and the U.S. signed the pact."]),
    # Decimals, money, percentages.
    (
        "It cost $1.5 million. That was 2.5 times the estimate.",
        ["It cost $1.5 million.", "That was 2.5 times the estimate."],
    ),
    (
        "Shares fell 4.2% to $13.50. Analysts cut targets.",
        ["Shares fell 4.2% to $13.50.", "Analysts cut targets."],
    ),
    (
        "Revenue rose to $2.3 billion from $1.9 billion a year earlier, the company said. Profit fell.",
        [
            "Revenue rose to $2.3 billion from $1.9 billion a year earlier, the company said.",
            "Profit fell.",
        ],
    ),
    (
        "The rate is 3.75 percent. It was 3.5 percent.",
        ["The rate is 3.75 percent.", "It was 3.5 percent."],
    ),
    (
        "The vote was 52-48. The bill passes to the House.",
        ["The vote was 52-48.", "The bill passes to the House."],
    ),
    ("Gas costs €1.89 a liter in Paris.", ["Gas costs €1.89 a liter in Paris."]),
    ("The index closed at 4,512.35 points.", ["The index closed at 4,512.35 points."]),
    (
        "Version 2.0.1 fixed the bug. Users upgraded.",
        ["Version 2.0.1 fixed the bug.", "Users upgraded."],
    ),
    (
        "The temperature dropped to -3.5 degrees. Pipes froze.",
        ["The temperature dropped to -3.5 degrees.", "Pipes froze."],
    ),
    (
        "Call 1-800-555-0100 for info. Lines open 24 hours.",
        ["Call 1-800-555-0100 for info.", "Lines open 24 hours."],
    ),
    # URLs and domains.
    ("Visit www.usa.gov. It has answers.", ["Visit www.usa.gov.", "It has answers."]),
    (
        "Go to usa.gov/benefits for details. Or call.",
        ["Go to usa.gov/benefits for details.", "Or call."],
    ),
    (
        "The data is at https://data.gov/datasets/v1.2/index.html today.",
        ["The data is at https://data.gov/datasets/v1.2/index.html today."],
    ),
    (
        "Read the report at https://example.gov/report.pdf. It is long.",
        ["Read the report at https://example.gov/report.pdf.", "It is long."],
    ),
    (
        "Email press@agency.gov with questions. We reply within a day.",
        ["Email press@agency.gov with questions.", "We reply within a day."],
    ),
    (
        "Digital.gov hosts the guide. Challenge.gov hosts contests.",
        ["Digital.gov hosts the guide.", "Challenge.gov hosts contests."],
    ),
    # Ellipses.
    (
        "The budget is about $4.5 trillion... or more. It is unclear.",
        ["The budget is about $4.5 trillion... or more.", "It is unclear."],
    ),
    ("Wait... what? Nobody knows.", ["Wait... what?", "Nobody knows."]),
    ("He paused … then spoke.", ["He paused … then spoke."]),
    (
        "The list goes on… The agency has not answered.",
        ["The list goes on…", "The agency has not answered."],
    ),
    # Quotes.
    ('He said, "We will win." Then he left.', ['He said, "We will win."', "Then he left."]),
    ("“We are done,” she said. “Go home.”", ["“We are done,” she said.", "“Go home.”"]),
    ("“Is this it?” she asked. “Yes.”", ["“Is this it?” she asked.", "“Yes.”"]),
    ("'We won,' he said. 'Finally.'", ["'We won,' he said.", "'Finally.'"]),
    (
        "“This is not over,” said Sen. Ted Cruz, R-Texas.",
        ["“This is not over,” said Sen. Ted Cruz, R-Texas."],
    ),
    (
        "She called it “a disaster.” Her aides agreed.",
        ["She called it “a disaster.”", "Her aides agreed."],
    ),
    ("“Why now?” he asked.", ["“Why now?” he asked."]),
    ("The mayor said “no comment” and left.", ["The mayor said “no comment” and left."]),
    (
        "He told reporters: “It’s done. We move on.”",
        ["He told reporters: “It’s done.", "We move on.”"],
    ),
    # Parentheses, dashes, colons.
    (
        "The report (released Tuesday) was clear. Nobody disagreed.",
        ["The report (released Tuesday) was clear.", "Nobody disagreed."],
    ),
    (
        "The agency — which has 40,000 employees — declined to comment.",
        ["The agency — which has 40,000 employees — declined to comment."],
    ),
    ("He asked: Why now? The answer was money.", ["He asked: Why now?", "The answer was money."]),
    (
        "Three things matter: cost, speed and trust.",
        ["Three things matter: cost, speed and trust."],
    ),
    ("The bill (H.R. 1) passed the House.", ["The bill (H.R. 1) passed the House."]),
    # Miscellaneous abbreviations.
    (
        "The case, Brown v. Board of Education, changed schools.",
        ["The case, Brown v. Board of Education, changed schools."],
    ),
    ("It pits Smith vs. Jones in court.", ["It pits Smith vs. Jones in court."]),
    ("Bring snacks, e.g. fruit or nuts.", ["Bring snacks, e.g. fruit or nuts."]),
    ("Use plain words, i.e. short ones.", ["Use plain words, i.e. short ones."]),
    (
        "They sold pens, paper, etc. The store closed.",
        ["They sold pens, paper, etc.", "The store closed."],
    ),
    ("See Fig. 3 for details.", ["See Fig. 3 for details."]),
    (
        "The FBI and the CIA briefed lawmakers. The NSA did not.",
        ["The FBI and the CIA briefed lawmakers.", "The NSA did not."],
    ),
    ("Questions? Call us.", ["Questions?", "Call us."]),
    ("It works! Try it.", ["It works!", "Try it."]),
    ("The 1990s were different. So was the law.", ["The 1990s were different.", "So was the law."]),
    ("The app has 2.5M users. Most are young.", ["The app has 2.5M users.", "Most are young."]),
    ("Approx. 200 people attended.", ["Approx. 200 people attended."]),
    ("A single sentence without a final period", ["A single sentence without a final period"]),
    ("Short. Very short. Done.", ["Short.", "Very short.", "Done."]),
    (
        "The GSA’s Technology Transformation Services (TTS) runs 18F. It was founded in 2014.",
        ["The GSA’s Technology Transformation Services (TTS) runs 18F.", "It was founded in 2014."],
    ),
    (
        "Over 1.1 billion views were logged. That is a record.",
        ["Over 1.1 billion views were logged.", "That is a record."],
    ),
    ("The Dept. of Energy funded it.", ["The Dept. of Energy funded it."]),
    ("The team met on Mon. and Wed. each week.", ["The team met on Mon. and Wed. each week."]),
    (
        "Asked about a deal, he said No. The talks ended.",
        ["Asked about a deal, he said No.", "The talks ended."],
    ),
    (
        "The march ended on Pennsylvania Ave. The crowd left.",
        ["The march ended on Pennsylvania Ave.", "The crowd left."],
    ),
    (
        "They met at 1600 Pennsylvania Ave. on Friday.",
        ["They met at 1600 Pennsylvania Ave. on Friday."],
    ),
]
