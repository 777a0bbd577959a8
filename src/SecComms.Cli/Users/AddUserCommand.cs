using System.CommandLine;
using Microsoft.Extensions.Options;
using SecComms.Cli.Database;
using SecComms.Cli.Output;
using SecComms.Core.Identity;

namespace SecComms.Cli.Users;

/// <summary><c>seccomms users add</c>: creates a person (audited, actor <c>cli</c>) and optionally their first access token.</summary>
internal static class AddUserCommand
{
    public const string AuditActor = "cli";
    public const string TokenName = "cli";

    /// <summary>Someone with access to the database controls the installation, so may grant any team.</summary>
    private static readonly TeamGrantor Grantor = new TeamGrantor.InstallationOperator(AuditActor, "An operator on the database (seccomms users add)");

    private sealed record AddedUser(Guid Id, string Email, string Name, UserRole Role, IReadOnlyList<string> Teams, AddedToken? Token);

    private sealed record AddedToken(Guid Id, string Name, string Prefix, DateTimeOffset ExpiresAt, string Secret);

    public static Command Create(CliHost host, DatabaseConnectionOptions database)
    {
        var email = new Option<string>("--email") { Description = "Their email address, which they sign in with.", Required = true };
        var name = new Option<string>("--name") { Description = "Their full name, as colleagues see it.", Required = true };
        var teams = new Option<string[]>("--team")
        {
            Description = "A team they belong to, as named in the policy (security, appsec, corporate-marketing, legal, product, " +
                "support, customer-success by default). Repeat for several.",
            Required = true,
        };
        var admin = new Option<bool>("--admin") { Description = "Make them an administrator: also manages people, tokens and settings." };
        var viewer = new Option<bool>("--viewer") { Description = "Make them a viewer: reads, changes nothing. Without --admin or --viewer: a member." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read their sign-in password from the first line of standard input. Without it they have no password.",
        };
        var token = new Option<bool>("--token")
        {
            Description = "Also issue them a personal access token named 'cli'. Its secret is shown only now: alone on the last " +
                "line of the text output, or as token.secret with --json.",
        };
        var tokenDays = new Option<int?>("--token-days") { Description = "Token lifetime in days [default: 90].", HelpName = "days" };
        var json = JsonOption.Create();

        var command = new Command("add", "Create a person with a role and teams, optionally with an access token (audited as actor 'cli').")
        {
            email, name, teams, admin, viewer, passwordStdin, token, tokenDays, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(admin) && result.GetValue(viewer))
            {
                result.AddError("--admin and --viewer cannot be combined.");
            }
            if (result.GetResult(tokenDays) is not null && !result.GetValue(token))
            {
                result.AddError("--token-days needs --token.");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var role = parsed.GetValue(admin) ? UserRole.Admin : parsed.GetValue(viewer) ? UserRole.Viewer : UserRole.Member;
            var password = parsed.GetValue(passwordStdin) ? await ReadPasswordAsync(host, cancellationToken) : null;
            await using var session = database.Open(parsed, host);
            await session.EnsureMigratedAsync(cancellationToken);
            var days = parsed.GetValue(tokenDays);
            EnsureLifetimeAllowed(days, session.Get<IOptions<AccountOptions>>().Value);

            var request = new NewUser(parsed.GetValue(email), parsed.GetValue(name), parsed.GetValue(teams) ?? [], role, password);
            var user = await session.Get<UserDirectory>().AddAsync(request, Grantor, cancellationToken);
            var issued = parsed.GetValue(token)
                ? await session.Get<AccessTokens>().IssueAsync(Actor.From(user), TokenName, days, notAfter: null, cancellationToken)
                : null;

            var added = new AddedUser(user.Id, user.Email, user.Name, user.Role, [.. user.Teams.Select(t => t.Team)],
                issued is { Secret: { } secret } ? new AddedToken(issued.Id, issued.Name, issued.Prefix, issued.ExpiresAt, secret) : null);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, added);
            }
            else
            {
                await WriteTextAsync(host.Out, added);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> ReadPasswordAsync(CliHost host, CancellationToken cancellationToken)
    {
        var line = await host.In.ReadLineAsync(cancellationToken);
        return string.IsNullOrEmpty(line)
            ? throw CliException.Usage("--password-stdin was given, but standard input had no password on its first line.")
            : line;
    }

    /// <remarks>Checked before the person is created, so a bad lifetime leaves nothing half done.</remarks>
    private static void EnsureLifetimeAllowed(int? days, AccountOptions accounts)
    {
        if (days is { } value && (value < 1 || value > accounts.MaximumTokenLifetimeDays))
        {
            throw CliException.Usage($"--token-days must be between 1 and {accounts.MaximumTokenLifetimeDays}.");
        }
    }

    private static async Task WriteTextAsync(TextWriter output, AddedUser user)
    {
        var teams = user.Teams.Count == 0 ? "no teams" : "teams " + string.Join(", ", user.Teams);
        await output.WriteLineAsync($"Created {user.Role.ToString().ToLowerInvariant()} {user.Email} ({user.Name}), {teams}.");
        if (user.Token is { } token)
        {
            await output.WriteLineAsync(
                $"Issued access token '{token.Name}' ({token.Prefix}…), expires {Formats.Instant(token.ExpiresAt)}. It is shown only now:");
            await output.WriteLineAsync(token.Secret);
        }
    }
}
