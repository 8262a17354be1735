"""Print an API token for a user, creating the token if the user has none yet."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Print the API token of USERNAME (created if missing). Send it as "
        "'Authorization: Token <key>'. --reset replaces an existing token."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the user's token and make a new one."
        )

    def handle(self, *args, username: str, reset: bool, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(
                f"No user named {username!r}. Create one first: python manage.py createsuperuser "
                "(or in the admin), then run this again."
            ) from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; activate it in the admin first.")
        if reset:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
