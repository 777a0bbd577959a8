using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.People;

/// <summary><c>seccomms people</c>: list, invite and change people, deactivate and reactivate them, reset their password.</summary>
internal static class PeopleCommands
{
    public const string TeamsHelp = "A team, as named in the policy (security, appsec, corporate-marketing, legal, product, support, customer-success by default); repeat for several. You give only teams you are in.";

    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("people",
        "List, invite and change people, deactivate and reactivate them, and reset their password with the SecComms API (administrators; needs --url and --token).",
        api => [List(host, api), Show(host, api), Invite(host, api), Teams(host, api), Role(host, api), Deactivate(host, api), Reactivate(host, api),
            ResetPassword(host, api)]);

    private static Command List(CliHost host, ApiConnectionOptions api)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "Everyone by email, people and service accounts: kind, role, teams, status and when last seen.") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync("api/v1/people", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, client.Read<List<PersonSummary>>(raw).Select(PeopleOutput.Row), PeopleOutput.Headers);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliHost host, ApiConnectionOptions api)
    {
        var person = PersonArgument.Create();
        var json = JsonOption.Create();
        var command = new Command("show", "One person: role, teams, status, password, tokens, and what they hold that someone must take over.") { person, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, person, client, cancellationToken);
            var raw = await client.GetAsync($"api/v1/people/{id}", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            await PeopleOutput.WriteAsync(host.Out, client.Read<PersonDetails>(raw));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Invite(CliHost host, ApiConnectionOptions api)
    {
        var email = new Option<string>("--email") { Description = "Their email address, which they sign in with and the link is sent to.", Required = true };
        var name = new Option<string>("--name") { Description = "Their full name, as colleagues see it.", Required = true };
        var teams = new Option<string[]>("--team") { Description = TeamsHelp, HelpName = "team", AllowMultipleArgumentsPerToken = false };
        var role = new RoleOptions();
        var noLink = new Option<bool>("--no-link") { Description = "Add them without a link: they cannot sign in until `seccomms people reset-password`." };
        var json = JsonOption.Create();
        var command = new Command("invite",
            "Add a person without a password and email them a one-time link to choose one, valid 72 hours. The link is printed once, alone on the last line (link.url with --json).")
        {
            email, name, teams, noLink, json,
        };
        role.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync("api/v1/people", new
            {
                email = parsed.GetValue(email),
                name = parsed.GetValue(name),
                teams = parsed.GetValue(teams) ?? [],
                role = role.Of(parsed),
                invite = !parsed.GetValue(noLink),
            }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var added = client.Read<PersonAdded>(raw);
            var p = added.Details.Person;
            await host.Out.WriteLineAsync($"Added {p.Role} {p.Email} ({p.Name}), {PeopleOutput.Teams(p.Teams)}. Id: {p.Id}");
            if (added.Link is { } link)
            {
                await PeopleOutput.WriteLinkAsync(host.Out, link);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Teams(CliHost host, ApiConnectionOptions api)
    {
        var person = PersonArgument.Create();
        var teams = new Option<string[]>("--team") { Description = TeamsHelp + " The list replaces their teams.", HelpName = "team", AllowMultipleArgumentsPerToken = false };
        var none = new Option<bool>("--none") { Description = "Take every team away." };
        var json = JsonOption.Create();
        var command = new Command("teams", "Set someone's teams (the whole list). The security team is told.") { person, teams, none, json };
        command.Validators.Add(result =>
        {
            var given = (result.GetValue(teams) ?? []).Length > 0;
            if (given == result.GetValue(none))
            {
                result.AddError("Give their teams with --team (repeat for several), or --none to take every team away.");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, person, client, cancellationToken);
            var raw = await client.PatchAsync($"api/v1/people/{id}", new { teams = parsed.GetValue(teams) ?? [] }, cancellationToken);
            return await WriteChangedAsync(host, client, parsed, json, raw);
        });
        return command;
    }

    private static Command Role(CliHost host, ApiConnectionOptions api)
    {
        var person = PersonArgument.Create();
        var role = new Argument<string>("role") { Description = "member, admin or viewer." };
        role.AcceptOnlyFromAmong("member", "admin", "viewer");
        var json = JsonOption.Create();
        var command = new Command("role", "Set someone's role. The last administrator keeps theirs. The security team is told.") { person, role, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, person, client, cancellationToken);
            var raw = await client.PatchAsync($"api/v1/people/{id}", new { role = parsed.GetValue(role) }, cancellationToken);
            return await WriteChangedAsync(host, client, parsed, json, raw);
        });
        return command;
    }

    private static Command Deactivate(CliHost host, ApiConnectionOptions api)
    {
        var person = PersonArgument.Create();
        var json = JsonOption.Create();
        var command = new Command("deactivate",
            "End someone's access at once: their sessions end and their tokens are revoked; their history stays. Prints what they hold, to hand over.") { person, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, person, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/people/{id}/deactivate", null, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var details = client.Read<PersonDetails>(raw);
            await host.Out.WriteLineAsync($"Deactivated {details.Person.Email}: their sessions ended and their tokens are revoked.");
            await PeopleOutput.WriteHoldingsAsync(host.Out, details.Holds);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Reactivate(CliHost host, ApiConnectionOptions api)
    {
        var person = PersonArgument.Create();
        var json = JsonOption.Create();
        var command = new Command("reactivate", "Let a deactivated person sign in again with their password; revoked tokens stay revoked.") { person, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, person, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/people/{id}/reactivate", null, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var details = client.Read<PersonDetails>(raw);
            await host.Out.WriteLineAsync($"Reactivated {details.Person.Email}, {details.Person.Role} with {PeopleOutput.Teams(details.Person.Teams)}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ResetPassword(CliHost host, ApiConnectionOptions api)
    {
        var person = PersonArgument.Create();
        var json = JsonOption.Create();
        var command = new Command("reset-password",
            "Email someone a one-time link to choose a new password, valid 72 hours; their current one works until they use it. The link is printed once, alone on the last line (link.url with --json).")
        {
            person, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var id = await PersonArgument.ResolveAsync(parsed, person, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/people/{id}/reset-password", null, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var reset = client.Read<PasswordReset>(raw);
            await host.Out.WriteLineAsync($"Made a password link for {reset.Details.Person.Email}.");
            await PeopleOutput.WriteLinkAsync(host.Out, reset.Link);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> WriteChangedAsync(CliHost host, ApiClient client, ParseResult parsed, Option<bool> json, System.Text.Json.JsonElement raw)
    {
        if (parsed.GetValue(json))
        {
            CliJson.Write(host.Out, raw);
            return ExitCodes.Success;
        }
        var p = client.Read<PersonDetails>(raw).Person;
        await host.Out.WriteLineAsync($"{p.Email} is now {p.Role} with {PeopleOutput.Teams(p.Teams)}.");
        return ExitCodes.Success;
    }
}
