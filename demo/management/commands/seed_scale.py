"""Fill the database with a large, realistic, deterministic registry for benchmarks.

`manage.py seed_scale --organizations 10000 --persons 250000` builds, with bulk inserts:
organizations of skewed sizes, persons (10% of them in two organizations), memberships,
contacts holding 1-4 roles each with every mandatory role filled, an account for every
contact (unusable password: they sign in only after a reset), the audit records the
changes would have written, access grants (a quarter of the members hold 1-2 grants to the
operator's systems) and open tasks (1-3 access requests per organization for its Rights
Administrators, and a pending banking change for its banking group where it has an
Invoicing and Banking Contact). The same arguments always give the same data (only the
banking ciphertexts' nonces differ).
"""

import random
import sys
import time
import unicodedata
from datetime import UTC, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from audit.log import BulkChains
from audit.models import AuditEntry
from banking import crypto
from banking.models import BankingChange
from banking.rules import BANKING_GROUP
from banking.services import TASK_KIND as BANKING_CHANGE_KIND
from registry.catalogue import ensure_role_types
from registry.models import Membership, Organization, Person, RoleAssignment, RoleType, Sequence
from registry.services import ORG_ID_START, PERSON_ID_START
from systems.catalogue import ensure_systems
from systems.models import AccessGrant, AccessRequest, InformationSystem
from systems.services import ACCESS_REQUEST_KIND
from tasks.models import Task, TaskEvent

SCALE_DOMAIN = "scale.example"
BATCH = 5000


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy "
    "Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily "
    "Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa "
    "Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia "
    "Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry "
    "Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory "
    "Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine "
    "Dennis Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce "
    "Henry Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina Noah Joan "
    "Ethan Evelyn Jeremy Judith Walter Megan Christian Andrea Keith Cheryl Roger Hannah "
    "Terry Jacqueline Austin Martha Sean Gloria Gerald Teresa Carl Ann Harold Sara Dylan "
    "Madison Arthur Frances Lawrence Kathryn Jordan Janice Jesse Jean Bryan Abigail Billy "
    "Alice Bruce Judy Gabriel Sophia Joe Grace Logan Denise Alan Amber Juan Doris Albert "
    "Marilyn Willie Danielle Elijah Beverly Wayne Isabella Randy Theresa Vincent Diana Mason "
    "Natalie Roy Brittany Ralph Charlotte Bobby Marie Russell Kayla Bradley Alexis Philip "
    "Lori Eugene Mei Wei Priya Arjun Fatima Omar Amir Leila Hiroshi Yuki Chen Aisha Kwame "
    "Amara Mateo Sofia Luca Chloé François Zoë José Renée André Hélène Søren Ingrid Siobhan"
)
LAST_NAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
    "Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart "
    "Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed "
    "Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray "
    "Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez "
    "Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales "
    "Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds "
    "Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar "
    "Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington "
    "Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson "
    "Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes "
    "Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice "
    "Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant "
    "Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley "
    "Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado "
    "Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Willis Carpenter "
    "Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega Watkins Greene Nunez "
    "Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin "
    "Dominguez Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen "
    "Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett "
    "Burton Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks Padilla "
    "Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May Holland Juarez "
    "Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller "
    "Avila Wade Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert "
    "Miranda Byrd Craig Ayala Lowe Frazier Powers Neal Leonard Gregory Carrillo Sutton "
    "Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran Walters Cohen McDaniel "
    "Moran Parks Steele Vaughn Becker Holt Deleon Barker Terry Hale Leon Hail Benson Haynes "
    "Horton Miles Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman "
    "Dawson Lara Fletcher Page McCarthy Love Robles Cervantes Solis Erickson Reeves Chang "
    "Klein Salinas Fuentes Baldwin Daniel Simon Velasquez Hardy Higgins Aguirre Lin Cummings "
    "Chandler Sharp Barber Bowen Ochoa Dennis Robbins Liu Ramsey Francis Griffith Paul Blair "
    "O'Connor Cardenas Pacheco Cross Calderon Quinn Moss Swanson Chan Rivas Khan Rodgers "
    "Serrano Fitzgerald Rosales Stevenson Christensen Manning Gill Curry McLaughlin Harmon "
    "McGee Gross Doyle Garner Newton Burgess Reese Walton Blake Trujillo Adkins Brady Goodman "
    "Roman Webster Goodwin Fischer Huang Potter Delacruz Montoya Todd Wu Hines Mullins "
    "Castaneda Malone Cannon Tate Mack Sherman Hubbard Hodges Zhang Guerra Wolf Valencia "
    "Saunders Franco Rowe Gallagher Farmer Hammond Hampton Townsend Ingram Wise Gallegos "
    "Clarke Barton Schroeder Maxwell Waters Logan Camacho Strickland Norman Person Colon "
    "Parsons Frank Harrington Glover Osborne Buchanan Casey Floyd Patton Ibarra Ball Tyler "
    "Suarez Bowers Orozco Salas Cobb Gibbs Andrade Bauer Conner Moody Escobar McGuire Lloyd "
    "Mueller Hartman French Kramer McBride Pope Lindsey Velazquez Norton McCormick Sparks "
    "Flynn Yates Hogan Marsh Macias Villanueva Zamora Pratt Stokes Owen Ballard Lang Brock "
    "Villarreal Charles Drake Barrera Cain Patrick Pineda Burnett Mercado Santana Shepherd "
    "Bautista Ali Shaffer Lamb Trevino McKenzie Hess Beil Olsen Cochran Morton Nash Wilkins "
    "Petersen Briggs Shah Roth Nicholson Holloway Lozano Tremblay Gagnon Roy Côté Bouchard "
    "Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger Lévesque Bergeron Leblanc "
    "Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier Fournier Lapointe"
)
ORG_WORDS = _words(
    "Northern Southern Eastern Western Lakeview Ridge River Valley Summit Harbour Prairie "
    "Maple Cedar Pine Granite Silver Golden Blue Green Clear Bright Great Grand Bay Falls "
    "Shield Boreal Huron Ontario Superior Erie Georgian Ottawa Niagara Muskoka Algonquin"
)
ORG_KINDS = _words(
    "Power Energy Hydro Wind Solar Generation Utilities Storage Renewables Grid Electric "
    "Distribution Transmission Cogeneration Biogas Nuclear Gas Trading"
)
ORG_SUFFIXES = ["Inc.", "Corp.", "Ltd.", "LP", "Limited", "Co-operative", "ULC"]
JOB_TITLES = [
    "Market Analyst",
    "Settlement Analyst",
    "Director, Market Operations",
    "Controller",
    "Treasury Manager",
    "Operations Manager",
    "IT Security Lead",
    "Control Room Operator",
    "Regulatory Affairs Manager",
    "Chief Financial Officer",
    "Metering Specialist",
    "Plant Manager",
]
CITIES = [
    ("Toronto", "ON", "416"),
    ("Ottawa", "ON", "613"),
    ("Mississauga", "ON", "905"),
    ("Hamilton", "ON", "905"),
    ("London", "ON", "519"),
    ("Sudbury", "ON", "705"),
    ("Thunder Bay", "ON", "807"),
    ("Kingston", "ON", "613"),
    ("Windsor", "ON", "519"),
    ("Montréal", "QC", "514"),
]
MANDATORY = ["authorized_representative", "primary_contact", "rights_administrator"]


class Progress:
    """A one-line progress bar on stderr (plain lines when stderr is not a terminal)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.started = time.monotonic()
        self._last = 0.0

    def show(self, label: str, done: int, total: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self._last < (0.2 if self.tty else 5.0):
            return
        self._last = now
        fraction = done / total if total else 1.0
        bar = "#" * int(fraction * 30)
        line = (
            f"{label:<16} [{bar:<30}] {fraction:6.1%}  {done:>10,}/{total:,}"
            f"  {now - self.started:6.1f}s"
        )
        if self.tty:
            sys.stderr.write("\r" + line + ("\n" if final else ""))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


class Rows:
    """Fast inserts of many rows into one model's table, bypassing model instances.

    Explicit primary keys are handed out here (the tables are locked meanwhile), so that
    related rows can point at them without reading anything back. Columns not given take
    the field's default, so fields other capabilities add to these models keep working.
    """

    def __init__(self, model):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        # Table and column names come from the models, never from input.
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            connection.ops.quote_name(model._meta.db_table),
            ", ".join(connection.ops.quote_name(f.column) for f in self.fields),
            ", ".join(["%s"] * len(self.fields)),
        )
        now = timezone.now()
        self.constant: dict[str, object] = {}
        self.per_row: dict[str, object] = {}
        for field in self.fields:
            if field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.constant[field.attname] = field.get_db_prep_save(now, connection)
            elif callable(field.default):
                self.per_row[field.attname] = field
            else:
                self.constant[field.attname] = field.get_db_prep_save(
                    field.get_default(), connection
                )
        self.next_pk = (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.buffer: list[tuple] = []
        self.count = 0

    def add(self, **values) -> int:
        """Queue one row (values ready for the database); return its primary key."""
        pk = self.next_pk
        self.next_pk += 1
        row = []
        for field in self.fields:
            name = field.attname
            if field.primary_key:
                row.append(pk)
            elif name in values:
                row.append(values[name])
            elif name in self.per_row:
                row.append(field.get_db_prep_save(field.get_default(), connection))
            else:
                row.append(self.constant[name])
        self.buffer.append(tuple(row))
        if len(self.buffer) >= BATCH:
            self.flush()
        return pk

    def flush(self) -> None:
        if self.buffer:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.buffer)
            self.count += len(self.buffer)
            self.buffer = []


class Command(BaseCommand):
    help = "Fill the database with a large deterministic registry (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=10_000)
        parser.add_argument("--persons", type=int, default=250_000)
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--audit-per-change",
            type=int,
            default=2,
            help="audit records per membership or role change (the change plus follow-ups)",
        )

    def handle(self, *args, organizations: int, persons: int, seed: int, **options):
        if organizations < 1 or persons < 3 * organizations:
            raise CommandError("Give at least one organization and three persons per organization.")
        if Person.objects.filter(email__endswith="@" + SCALE_DOMAIN).exists():
            self.stdout.write("Scale data is already loaded; nothing to do.")
            return
        self.rng = random.Random(seed)
        self.seed, self.persons = seed, persons
        self.progress = Progress(options["verbosity"] >= 1)
        self.audit_per_change = max(1, options["audit_per_change"])
        ensure_role_types(RoleType)
        self.role_types = {r.code: r for r in RoleType.objects.all()}
        self.optional = [c for c in self.role_types if c not in MANDATORY]
        self.operator = User.objects.filter(is_staff=True).order_by("pk").first()
        started = time.monotonic()
        models = [Organization, User, Person, Membership, RoleAssignment, AuditEntry]
        models += [AccessGrant, AccessRequest, BankingChange, Task, Task.roles.through, TaskEvent]
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Primary keys are handed out here: keep other writers out meanwhile.
                tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
                with connection.cursor() as cursor:
                    cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
            org_rows = self._organizations(organizations)
            plan = self._plan(org_rows, persons)
            self.base = self._take_numbers("person", PERSON_ID_START, persons)
            user_ids = self._users(plan)
            person_pks = self._persons(persons, user_ids)
            self._memberships_and_roles(org_rows, plan, person_pks)
            self._grants(org_rows, plan, person_pks)
            self._tasks(org_rows, plan, person_pks, user_ids)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), models):
                        cursor.execute(sql)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, so the planner picks the indexes
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data ready in {time.monotonic() - started:.0f}s: "
                f"{organizations:,} organizations, {persons:,} persons, "
                f"{plan['membership_count']:,} memberships, {plan['role_count']:,} roles, "
                f"{len(user_ids):,} accounts, {self.audit_count:,} audit records, "
                f"{self.grant_count:,} access grants, {self.task_count:,} open tasks. "
                f"Largest organization: {plan['largest_org_id']} "
                f"({plan['largest_size']:,} members)."
            )
        )

    # --- organizations --------------------------------------------------------------------

    def _organizations(self, count: int) -> list[tuple[int, int, str]]:
        """Create the organizations; return (pk, org_id, legal_name) in creation order."""
        rng = self.rng
        first_id = self._take_numbers("organization", ORG_ID_START, count)
        writer = Rows(Organization)
        rows: list[tuple[int, int, str]] = []
        for i in range(count):
            city, province, _ = rng.choice(CITIES)
            name = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)} {rng.choice(ORG_SUFFIXES)}"
            pk = writer.add(
                org_id=first_id + i,
                legal_name=name,
                street=f"{rng.randint(1, 9999)} {rng.choice(LAST_NAMES)} Street",
                city=city,
                province=province,
                postal_code=f"K{rng.randint(0, 9)}A {rng.randint(10, 99)}B",
                country="Canada",
                is_active=True,
            )
            rows.append((pk, first_id + i, name))
            self.progress.show("organizations", i + 1, count)
        writer.flush()
        self.progress.show("organizations", count, count, final=True)
        return rows

    def _take_numbers(self, name: str, start: int, count: int) -> int:
        """Reserve `count` consecutive numbers of a sequence; return the first."""
        seq, _ = Sequence.objects.select_for_update().get_or_create(
            name=name, defaults={"last_value": start}
        )
        first = seq.last_value + 1
        seq.last_value += count
        seq.save(update_fields=["last_value"])
        return first

    # --- the plan: who belongs where, with which roles ------------------------------------

    def _plan(self, org_rows, persons: int) -> dict:
        """Decide memberships and roles before writing anything (accounts come first)."""
        rng = self.rng
        org_count = len(org_rows)
        # 10% of persons belong to a second organization.
        membership_total = persons + persons // 10
        # Skewed sizes (most organizations small, a few large), at least 3 members each.
        weights = [rng.paretovariate(1.6) for _ in range(org_count)]
        cap = 40 * membership_total / org_count
        weights = [min(w, cap) for w in weights]
        spare = membership_total - 3 * org_count
        scale = spare / sum(weights)
        sizes = [3 + int(w * scale) for w in weights]
        sizes[0] += membership_total - sum(sizes)  # rounding: the first organization absorbs it
        order = list(range(persons))
        rng.shuffle(order)
        stream = order + rng.sample(order, persons // 10)
        members: list[list[int]] = []
        cursor = 0
        for size in sizes:
            chosen = stream[cursor : cursor + size]
            cursor += size
            members.append(list(dict.fromkeys(chosen)))  # never twice in one organization
        # Contacts: the first few members of each organization hold 1-4 roles.
        roles: list[dict[int, list[str]]] = []
        contacts: set[int] = set()
        role_count = 0
        for org_members in members:
            n_contacts = min(len(org_members), max(3, round(len(org_members) * 0.35)))
            held: dict[int, list[str]] = {p: [] for p in org_members[:n_contacts]}
            people = list(held)
            for i, code in enumerate(MANDATORY):
                # Two holders usually (as recommended), one for a realistic minority.
                holders = 2 if rng.random() < 0.8 and len(people) > 3 else 1
                for j in range(holders):
                    held[people[(i + j * 3) % len(people)]].append(code)
            for person in people:
                target = rng.choice((1, 1, 2, 2, 3, 4))
                extras = [c for c in self.optional if c not in held[person]]
                while len(held[person]) < target and extras:
                    held[person].append(extras.pop(rng.randrange(len(extras))))
            roles.append(held)
            contacts.update(people)
            role_count += sum(len(codes) for codes in held.values())
        largest = max(range(org_count), key=lambda i: len(members[i]))
        return {
            "members": members,
            "roles": roles,
            "contacts": sorted(contacts),
            "membership_count": sum(len(m) for m in members),
            "role_count": role_count,
            "largest_org_id": org_rows[largest][1],
            "largest_size": len(members[largest]),
        }

    # --- accounts and persons -------------------------------------------------------------

    def _users(self, plan) -> dict[int, int]:
        """An account for every contact: person index -> user pk."""
        contacts = plan["contacts"]
        writer = Rows(User)
        user_ids: dict[int, int] = {}
        for n, index in enumerate(contacts, 1):
            first, last = self._name(index)
            user_ids[index] = writer.add(
                username=f"p{self.base + index}",
                # Unusable: scale accounts sign in only after a password reset.
                password="!" + format(self.rng.getrandbits(128), "032x"),
                email=self._email(index),
                first_name=first,
                last_name=last,
                is_active=True,
                is_staff=False,
                is_superuser=False,
            )
            self.progress.show("accounts", n, len(contacts))
        writer.flush()
        self.progress.show("accounts", len(contacts), len(contacts), final=True)
        return user_ids

    def _name(self, index: int) -> tuple[str, str]:
        if not hasattr(self, "_names"):
            rng = random.Random(self.seed)
            self._names = [
                (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) for _ in range(self.persons)
            ]
        return self._names[index]

    def _email(self, index: int) -> str:
        first, last = self._name(index)
        local = unicodedata.normalize("NFKD", f"{first}.{last}".lower().replace("'", ""))
        local = local.encode("ascii", "ignore").decode()
        return f"{local}.{self.base + index}@{SCALE_DOMAIN}"

    def _persons(self, persons: int, user_ids: dict[int, int]) -> list[int]:
        """Create every person; return their pks by index."""
        writer = Rows(Person)
        pks: list[int] = []
        rng = random.Random(self.rng.random())
        for index in range(persons):
            first, last = self._name(index)
            city, province, area = rng.choice(CITIES)
            pks.append(
                writer.add(
                    person_id=self.base + index,
                    first_name=first,
                    last_name=last,
                    job_title=rng.choice(JOB_TITLES),
                    email=self._email(index),
                    phone=f"+1{area}{rng.randint(2000000, 9999999)}",
                    user_id=user_ids.get(index),
                    street=f"{rng.randint(1, 999)} {rng.choice(LAST_NAMES)} Avenue",
                    city=city,
                    province=province,
                    postal_code=f"M{rng.randint(1, 9)}X {rng.randint(10, 99)}Y",
                    country="Canada",
                )
            )
            self.progress.show("persons", index + 1, persons)
        writer.flush()
        self.progress.show("persons", persons, persons, final=True)
        return pks

    # --- memberships, roles and their audit trail -----------------------------------------

    def _memberships_and_roles(self, org_rows, plan, person_pks) -> None:
        memberships, assignments, audit = Rows(Membership), Rows(RoleAssignment), Rows(AuditEntry)
        chains = BulkChains()  # each entry hashed into its chain, as audit.log.record does
        total = plan["membership_count"]
        operator = self.operator
        actor_id = operator.pk if operator else None
        actor_label = operator.get_username() if operator else "anonymous"
        details_field = AuditEntry._meta.get_field("details")
        json_cache: dict[str, object] = {}

        def as_json(value: dict):
            key = repr(sorted(value.items()))
            if key not in json_cache:
                json_cache[key] = details_field.get_db_prep_save(value, connection)
            return json_cache[key]

        # The audit records happened over the past three years, oldest first.
        span = timedelta(days=3 * 365)
        at = timezone.now().astimezone(UTC) - span
        naive = connection.vendor == "sqlite"  # Django keeps UTC text there
        step = span / max(1, total * 2 * self.audit_per_change)
        done = 0
        for (org_pk, org_id, legal_name), org_members, held in zip(
            org_rows, plan["members"], plan["roles"], strict=True
        ):
            org_label = legal_name[:200]
            for index in org_members:
                first, last = self._name(index)
                membership_pk = memberships.add(
                    organization_id=org_pk,
                    person_id=person_pks[index],
                    sort_last=last,
                    sort_first=first,
                )
                target = dict(
                    target_type="person",
                    target_id=str(self.base + index),
                    target_label=f"{first} {last} ({self.base + index})",
                )
                entries = [("member.added", {})]
                for code in held.get(index, []):
                    role_type = self.role_types[code]
                    assignments.add(membership_id=membership_pk, role_type_id=role_type.pk)
                    entries.append(("contact.added", {"role": code, "role_name": role_type.name}))
                for action, details in entries:
                    for repeat in range(self.audit_per_change):
                        at += step
                        outcome, in_org, entry_action, entry_details = "done", True, action, details
                        if repeat % 2 == 1:  # the person later corrects their details
                            entry_action, entry_details, in_org = (
                                "person.updated",
                                {"fields": ["phone"]},
                                False,
                            )
                        elif repeat:  # someone tries to remove them and is refused
                            entry_action, outcome = "contact.remove", "refused"
                            entry_details = {"code": "forbidden", "reason": "not allowed"}
                        fields = dict(
                            actor_id=actor_id,
                            actor_label=actor_label,
                            org_id=org_id if in_org else None,
                            org_label=org_label if in_org else "",
                            action=entry_action,
                            outcome=outcome,
                            ip=None,
                            request_id="",
                            **target,
                        )
                        linked = chains.link(at=at, details=entry_details, **fields)
                        pk = audit.add(
                            at=at.replace(tzinfo=None).isoformat(" ") if naive else at,
                            details=as_json(entry_details),
                            **fields,
                            **linked,
                        )
                        chains.written(linked["chain"], pk)
                done += 1
                self.progress.show("memberships", done, total)
        for writer in (memberships, assignments, audit):
            writer.flush()
        chains.save_heads()
        self.progress.show("memberships", done, total, final=True)
        self.audit_count = audit.count

    # --- access grants and open tasks -----------------------------------------------------

    def _grants(self, org_rows, plan, person_pks) -> None:
        """A quarter of the members hold 1-2 grants to the operator's systems."""
        ensure_systems()
        systems = list(
            InformationSystem.objects.filter(code__in=["mpi", "settlements", "metering"])
        )
        rng = random.Random(self.seed + 1)  # its own stream: the registry above is unchanged
        writer = Rows(AccessGrant)
        expires_field = AccessGrant._meta.get_field("expires")
        soon = timezone.localdate() + timedelta(days=365)
        expiring = expires_field.get_db_prep_save(soon, connection)
        granted_by = self.operator.pk if self.operator else None
        total = len(org_rows)
        for n, ((org_pk, _, _), org_members) in enumerate(
            zip(org_rows, plan["members"], strict=True), 1
        ):
            for index in org_members:
                if rng.random() >= 0.25:
                    continue
                for system in rng.sample(systems, rng.choice((1, 1, 2))):
                    writer.add(
                        organization_id=org_pk,
                        person_id=person_pks[index],
                        system_id=system.pk,
                        level=rng.choice(system.levels),
                        expires=expiring if rng.random() < 0.1 else None,
                        granted_by_id=granted_by,
                    )
            self.progress.show("access grants", n, total)
        writer.flush()
        self.progress.show("access grants", total, total, final=True)
        self.grant_count = writer.count

    def _tasks(self, org_rows, plan, person_pks, user_ids) -> None:
        """Open tasks as the services raise them: 1-3 access requests per organization for
        its Rights Administrators (asked by contacts who are not one), and a pending banking
        change for its banking group (by its Invoicing and Banking Contact, where it has one)."""
        rng = random.Random(self.seed + 2)
        systems = list(
            InformationSystem.objects.filter(code__in=["mpi", "settlements", "metering"])
        )
        role_pk = {code: rt.pk for code, rt in self.role_types.items()}
        requests, changes = Rows(AccessRequest), Rows(BankingChange)
        tasks, task_roles, events = Rows(Task), Rows(Task.roles.through), Rows(TaskEvent)
        request_type = ContentType.objects.get_for_model(AccessRequest).pk
        change_type = ContentType.objects.get_for_model(BankingChange).pk
        prep = {name: Task._meta.get_field(name) for name in ("due", "details", "created_at")}

        def db(name: str, value):
            return prep[name].get_db_prep_save(value, connection)

        now = timezone.now()
        try:
            crypto.encrypt(0, {})
            banking = True
        except ImproperlyConfigured:  # no BANKING_KEY in production settings: no banking tasks
            banking = False
            self.stdout.write("seed_scale: no BANKING_KEY, so no banking changes are created.")

        def task(*, kind, org_pk, roles, subject_type, subject_id, summary, details, user_id, age):
            created = now - timedelta(days=age)
            pk = tasks.add(
                kind=kind,
                organization_id=org_pk,
                to_staff=False,
                excluded_user_id=user_id,
                subject_type_id=subject_type,
                subject_id=subject_id,
                summary=summary[:300],
                details=db("details", details),
                state=Task.State.OPEN,
                created_by_id=user_id,
                created_at=db("created_at", created),
                due=db("due", created + timedelta(days=5)),
            )
            for code in roles:
                task_roles.add(task_id=pk, roletype_id=role_pk[str(code)])
            events.add(task_id=pk, actor_id=user_id, action=TaskEvent.Action.CREATED)
            return pk

        total = len(org_rows)
        for n, ((org_pk, org_id, legal_name), held) in enumerate(
            zip(org_rows, plan["roles"], strict=True), 1
        ):
            askers = [p for p, codes in held.items() if "rights_administrator" not in codes]
            for index in rng.sample(askers, min(len(askers), rng.randint(1, 3))):
                system = rng.choice(systems)
                level = rng.choice(system.levels)
                first, last = self._name(index)
                request_pk = requests.next_pk
                task_pk = task(
                    kind=ACCESS_REQUEST_KIND,
                    org_pk=org_pk,
                    roles=["rights_administrator"],
                    subject_type=request_type,
                    subject_id=request_pk,
                    summary=f"{first} {last} asks for {system.name} ({level})",
                    details={"system": system.code, "level": level, "reason": ""},
                    user_id=user_ids[index],
                    age=rng.randint(0, 9),
                )
                requests.add(
                    organization_id=org_pk,
                    person_id=person_pks[index],
                    system_id=system.pk,
                    level=level,
                    state=AccessRequest.State.OPEN,
                    task_id=task_pk,
                )
            submitters = [p for p, codes in held.items() if "invoicing_banking_contact" in codes]
            if banking and submitters:
                submitter = submitters[0]
                account = f"{rng.randint(0, 9999999):07d}"
                numbers = crypto.encrypt(
                    org_id, {"institution": "001", "transit": "00011", "account": account}
                )
                change_pk = changes.add(
                    organization_id=org_pk,
                    version=1,
                    bank_name="Bank of Montreal",
                    currency="CAD",
                    numbers=numbers,
                    account_last4=account[-4:],
                    state=BankingChange.State.PENDING,
                    submitted_by_id=user_ids[submitter],
                )
                task(
                    kind=BANKING_CHANGE_KIND,
                    org_pk=org_pk,
                    roles=list(BANKING_GROUP),
                    subject_type=change_type,
                    subject_id=change_pk,
                    summary=(
                        f"New banking information for {legal_name}: Bank of Montreal, account "
                        f"****{account[-4:]} (CAD)"
                    ),
                    details={
                        "change_id": change_pk,
                        "version": 1,
                        "fingerprint": crypto.fingerprint(numbers),
                    },
                    user_id=user_ids[submitter],
                    age=rng.randint(0, 4),
                )
            self.progress.show("open tasks", n, total)
        for writer in (requests, changes, tasks, task_roles, events):
            writer.flush()
        self.progress.show("open tasks", total, total, final=True)
        self.task_count = tasks.count
