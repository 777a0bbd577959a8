using SecComms.Cli.Output;

namespace SecComms.Cli.People;

/// <summary>How people, what they hold, their tokens and one-time links are printed.</summary>
internal static class PeopleOutput
{
    public static readonly IReadOnlyList<string> Headers = ["EMAIL", "NAME", "KIND", "ROLE", "TEAMS", "STATUS", "LAST SEEN", "ID"];

    public static IReadOnlyList<string> Row(PersonSummary p) =>
    [
        p.Email,
        TextTable.Shorten(p.Name, 30),
        p.Kind,
        p.Role,
        p.Teams.Count == 0 ? "-" : string.Join(",", p.Teams),
        p.Status == "active" && !p.HasPassword && !p.IsServiceAccount && !p.ManagedByProvider ? (p.PasswordLinkExpiresAt is null ? "no password" : "invited") : p.Status,
        (p.IsServiceAccount ? p.LastTokenUseAt : p.LastSignInAt) is { } seen ? Formats.Instant(seen) : "never",
        p.Id.ToString(),
    ];

    public static string Teams(IReadOnlyList<string> teams) => teams.Count == 0 ? "no teams" : "teams " + string.Join(", ", teams);

    public static async Task WriteAsync(TextWriter output, PersonDetails details)
    {
        var p = details.Person;
        await output.WriteLineAsync($"{p.Name} <{p.Email}>");
        await output.WriteLineAsync($"  {(p.IsServiceAccount ? "service account" : "person")}, {p.Role}, {Teams(p.Teams)}");
        await output.WriteLineAsync($"  status: {p.Status}{(p.DeactivatedAt is { } at ? $" since {Formats.Instant(at)}" : "")}");
        if (p.ManagedByProvider)
        {
            await output.WriteLineAsync("  signs in through single sign-on, whose groups give their teams and role");
            await output.WriteLineAsync($"  last sign-in: {(p.LastSignInAt is { } signedIn ? Formats.Instant(signedIn) : "never")}");
        }
        else if (!p.IsServiceAccount)
        {
            var link = p.PasswordLinkExpiresAt is { } until ? $"; a link to choose one works until {Formats.Instant(until)}" : "";
            await output.WriteLineAsync($"  password: {(p.HasPassword ? "chosen" : "not chosen yet")}{link}");
            await output.WriteLineAsync($"  last sign-in: {(p.LastSignInAt is { } signedIn ? Formats.Instant(signedIn) : "never")}");
        }
        await output.WriteLineAsync($"  last token use: {(p.LastTokenUseAt is { } used ? Formats.Instant(used) : "never")}");
        await output.WriteLineAsync($"  id: {p.Id}");
        await WriteHoldingsAsync(output, details.Holds);
        if (details.Tokens.Count > 0)
        {
            await output.WriteLineAsync("Tokens:");
            foreach (var t in details.Tokens)
            {
                var state = t.RevokedAt is not null ? "revoked" : $"expires {Formats.Instant(t.ExpiresAt)}";
                await output.WriteLineAsync($"  {t.Name} ({t.Prefix}…), {state}, last used {(t.LastUsedAt is { } last ? Formats.Instant(last) : "never")}, id {t.Id}");
            }
        }
        foreach (var refused in details.Refused)
        {
            await output.WriteLineAsync($"You may not {refused.Action.Replace('-', ' ')}: {refused.Reason}");
        }
    }

    public static async Task WriteHoldingsAsync(TextWriter output, PersonHoldings holds)
    {
        if (holds.IncidentRoles.Count + holds.OnlyApprover.Count + holds.Participating.Count == 0)
        {
            await output.WriteLineAsync("Holds nothing to hand over (of what you may see).");
            return;
        }
        await output.WriteLineAsync("Holds, to hand over (of what you may see):");
        foreach (var role in holds.IncidentRoles)
        {
            await output.WriteLineAsync($"  {role.Reference} {role.Title}: {role.Role.Replace('-', ' ')}");
        }
        foreach (var stage in holds.OnlyApprover)
        {
            await output.WriteLineAsync($"  {stage.Reference} {stage.Title}: waits on {stage.Team}, where no one else active can approve; {TakenOverBy(stage)}");
        }
        foreach (var c in holds.Participating)
        {
            await output.WriteLineAsync($"  {c.Reference} {c.Title}: participant ({c.Status})");
        }
    }

    private static string TakenOverBy(HeldStage stage) => stage.Backup.Count > 0
        ? $"without them, its backups ({string.Join(", ", stage.Backup)}) may approve"
        : $"it has no backup team, so someone must join {stage.Team}";

    /// <summary>The link on its own last line, so a script can take it with <c>tail -n 1</c>.</summary>
    public static async Task WriteLinkAsync(TextWriter output, PasswordLinkIssued link)
    {
        await output.WriteLineAsync(link.Emailed ? "Emailed them the link." : $"Could not email the link ({link.EmailProblem}): send it to them yourself.");
        await output.WriteLineAsync($"It works once, until {Formats.Instant(link.ExpiresAt)}, and is shown only now:");
        await output.WriteLineAsync(link.Url);
    }
}
