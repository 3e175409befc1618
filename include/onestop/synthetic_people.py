"""Fixed word lists for the synthetic generator: places, names, staff notes.

They live apart from ``generate`` so the generator reads as logic, and so a
reviewer can check at a glance that nothing here came from a real person:
names are the most common US given names and surnames (Census and SSA
frequency lists), which identify nobody, and places are public office towns.
"""

from __future__ import annotations

#: Towns with a career-center office, per LWDA code. The first place of each
#: LWDA hosts its comprehensive center; the rest are affiliate sites. Counts
#: follow the workload: New York City has a dozen sites, the large upstate
#: counties and Suffolk/Westchester four, rural areas two or three.
OFFICE_PLACES: dict[str, tuple[str, ...]] = {
    "01": ("Albany", "Troy", "Schenectady"),
    "02": ("Binghamton", "Owego"),
    "03": ("Olean", "Belmont"),
    "04": ("Auburn", "Cortland"),
    "05": ("Jamestown", "Dunkirk"),
    "06": ("Elmira", "Bath", "Corning"),
    "07": ("Oneonta", "Norwich", "Delhi"),
    "08": ("Plattsburgh", "Malone", "Elizabethtown"),
    "09": ("Hudson", "Catskill"),
    "10": ("Poughkeepsie", "Beacon"),
    "11": ("Buffalo", "Cheektowaga", "Tonawanda", "Lackawanna"),
    "12": ("Amsterdam", "Gloversville"),
    "13": ("Batavia", "Mount Morris"),
    "14": ("Hempstead", "Long Beach"),
    "15": ("Watertown", "Lowville"),
    "16": ("Rochester", "Greece", "Henrietta", "Brockport"),
    "17": (
        "Brooklyn", "Bronx", "Jamaica", "Upper Manhattan", "Staten Island", "Flushing",
        "Lower Manhattan", "Long Island City", "Harlem", "Sunset Park", "Far Rockaway",
        "Washington Heights",
    ),
    "18": ("Niagara Falls", "Lockport"),
    "19": ("Utica", "Rome", "Herkimer"),
    "20": ("Syracuse", "Liverpool", "Camillus", "East Syracuse"),
    "21": ("Geneva", "Lyons", "Penn Yan"),
    "22": ("Middletown", "Newburgh"),
    "23": ("Oswego", "Fulton"),
    "24": ("Hicksville", "Glen Cove"),
    "25": ("Spring Valley", "Pomona"),
    "26": ("Saratoga Springs", "Glens Falls", "Fort Edward"),
    "27": ("Canton", "Ogdensburg"),
    "28": ("Hauppauge", "Riverhead", "Wyandanch", "Patchogue"),
    "29": ("Liberty", "Monticello"),
    "30": ("Ithaca", "Dryden"),
    "31": ("Kingston", "New Paltz"),
    "32": ("White Plains", "Mount Vernon", "Peekskill", "Carmel"),
    "33": ("Yonkers", "Yonkers Riverfront"),
}

MALE_FIRST_NAMES: tuple[str, ...] = (
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas",
    "Christopher", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven",
    "Andrew", "Paul", "Joshua", "Kenneth", "Kevin", "Brian", "Timothy", "Ronald", "George",
    "Jason", "Edward", "Jeffrey", "Ryan", "Jacob", "Nicholas", "Gary", "Eric", "Jonathan",
    "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory",
    "Alexander", "Patrick", "Frank", "Raymond", "Jack", "Dennis", "Jerry", "Tyler", "Aaron",
    "Jose", "Adam", "Nathan", "Henry", "Zachary", "Douglas", "Peter", "Kyle", "Noah", "Ethan",
    "Jeremy", "Christian", "Walter", "Keith", "Austin", "Roger", "Terry", "Sean", "Luis",
    "Carlos", "Juan", "Miguel", "Angel", "Malik", "Andre", "Darnell", "Wei", "Mohammed",
)

FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica",
    "Karen", "Sarah", "Lisa", "Nancy", "Sandra", "Betty", "Ashley", "Emily", "Kimberly",
    "Margaret", "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie",
    "Rebecca", "Sharon", "Laura", "Cynthia", "Dorothy", "Amy", "Kathleen", "Angela", "Shirley",
    "Emma", "Brenda", "Pamela", "Nicole", "Anna", "Samantha", "Katherine", "Christine",
    "Debra", "Rachel", "Carolyn", "Janet", "Maria", "Olivia", "Heather", "Helen", "Catherine",
    "Diane", "Julie", "Victoria", "Joyce", "Lauren", "Kelly", "Christina", "Ruth", "Joan",
    "Virginia", "Judith", "Evelyn", "Hannah", "Andrea", "Megan", "Cheryl", "Jacqueline",
    "Madison", "Sophia", "Rosa", "Ana", "Carmen", "Keisha", "Tanisha", "Mei", "Fatima",
    "Guadalupe", "Yolanda",
)

LAST_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans",
    "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
    "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
    "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson",
    "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
    "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster",
    "Jimenez", "Cohen", "Wang", "Chen", "Santiago", "O'Brien", "Sullivan", "Russo", "Kowalski",
)

#: Short notes staff type into the comment box; never personal details.
SERVICE_COMMENTS: tuple[str, ...] = (
    "Walk-in",
    "Customer attended in person",
    "Phone contact",
    "Left voicemail, will follow up",
    "Reviewed resume; follow-up scheduled",
    "Referred to open job order",
    "Attended group workshop",
    "Documents received",
    "Discussed training options",
    "Virtual appointment via video",
    "Customer requested callback",
    "Job leads sent by email",
)

RESEA_COMMENTS: tuple[str, ...] = (
    "RESEA appointment completed",
    "Work search log reviewed",
    "Reemployment plan updated",
    "Eligibility review completed, no issues",
)

CORRECTION_COMMENT = "Corrected service code"
