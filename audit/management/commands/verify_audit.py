from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.verify import compare_with_export, export_heads, walk_chains


class Command(BaseCommand):
    help = (
        "Recompute the audit log's keyed hash chains and name the first entry that was altered. "
        "--export-heads FILE (or -) writes every chain's head for operations to keep outside "
        "the database; --against FILE detects a chain truncated or rewritten since."
    )

    def add_arguments(self, parser):
        parser.add_argument("--export-heads", metavar="FILE", help="write the heads ('-': stdout)")
        parser.add_argument("--against", metavar="FILE", help="heads exported earlier")

    def handle(self, *args, **options):
        checked, broken, heads = walk_chains()
        if broken is not None:
            raise CommandError(
                f"Audit entry {broken.entry_id} (chain {broken.chain}) does not match: "
                f"{broken.reason} was altered. {checked} entries checked."
            )
        if options["against"]:
            try:
                exported = Path(options["against"]).read_text()
            except OSError as exc:
                raise CommandError(f"Cannot read the exported heads: {exc}") from None
            problems = compare_with_export(heads, exported)
            if problems:
                raise CommandError(" ".join(problems))
        if options["export_heads"]:
            line = export_heads(heads)
            if options["export_heads"] == "-":
                self.stdout.write(f"audit-heads {line}")
            else:
                Path(options["export_heads"]).write_text(line + "\n")
        against = f", consistent with {options['against']}" if options["against"] else ""
        self.stdout.write(
            self.style.SUCCESS(f"Audit log intact: {checked} entries checked{against}.")
        )
