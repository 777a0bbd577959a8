using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Identity;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Testing;

namespace SecComms.Cli.Tests.People;

public sealed class PeopleCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_invites_someone_changes_their_teams_and_role_resets_their_password_and_deactivates_them(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security", "legal"], UserRole.Admin);

        var invited = await Cli.RunAsync(app, ada.Token, "people", "invite", "--email", "nia@example.com", "--name", "Nia Novak", "--team", "legal");
        var teams = await Cli.RunAsync(app, ada.Token, "people", "teams", "nia@example.com", "--team", "legal", "--team", "security");
        var role = await Cli.RunAsync(app, ada.Token, "people", "role", "NIA@example.com", "viewer");
        var reset = await Cli.RunAsync(app, ada.Token, "people", "reset-password", "nia@example.com");
        var listed = await Cli.RunAsync(app, ada.Token, "people", "list");
        var deactivated = await Cli.RunAsync(app, ada.Token, "people", "deactivate", "nia@example.com");
        var shown = await Cli.RunAsync(app, ada.Token, "people", "show", "nia@example.com");
        var reactivated = await Cli.RunAsync(app, ada.Token, "people", "reactivate", "nia@example.com", "--json");

        invited.AssertSucceeded();
        Assert.Matches("^Added member nia@example.com \\(Nia Novak\\), teams legal\\. Id: [0-9a-f-]{36}$", invited.Lines[0]);
        Assert.Equal("Emailed them the link.", invited.Lines[1]);
        Assert.Equal("It works once, until 2026-11-05 09:00 UTC, and is shown only now:", invited.Lines[2]);
        Assert.Matches("^http://localhost/account/set-password\\?token=[A-Za-z0-9_-]{43}$", invited.LastLine);
        teams.AssertSucceeded();
        Assert.Equal("nia@example.com is now member with teams legal, security.", teams.LastLine);
        Assert.Equal("nia@example.com is now viewer with teams legal, security.", role.LastLine);
        reset.AssertSucceeded();
        Assert.Matches("^http://localhost/account/set-password\\?token=[A-Za-z0-9_-]{43}$", reset.LastLine);
        Assert.NotEqual(invited.LastLine, reset.LastLine);
        Assert.Matches("^EMAIL +NAME +KIND +ROLE +TEAMS +STATUS +LAST SEEN +ID$", listed.Lines[0]);
        Assert.Matches("^nia@example\\.com +Nia Novak +person +viewer +legal,security +invited +never +[0-9a-f-]{36}$", listed.Lines[2]);
        deactivated.AssertSucceeded();
        Assert.Equal(["Deactivated nia@example.com: their sessions ended and their tokens are revoked.", "Holds nothing to hand over (of what you may see)."],
            deactivated.Lines);
        Assert.Equal("Nia Novak <nia@example.com>", shown.Lines[0]);
        Assert.StartsWith("  status: deactivated since 2026-11-02 09:00 UTC", shown.Lines[2], StringComparison.Ordinal);
        reactivated.AssertSucceeded();
        Assert.Equal("active", JsonDocument.Parse(reactivated.Out).RootElement.GetProperty("person").GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_teams_and_role_of_a_person_the_provider_manages_are_refused_and_shown_as_coming_from_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["SingleSignOn:Authority"] = "https://127.0.0.1:1",
            ["SingleSignOn:ClientId"] = "seccomms",
            ["SingleSignOn:ClientSecret"] = "secret",
            ["SingleSignOn:DisplayName"] = "Example ID",
            ["SingleSignOn:CreatePeople"] = "true",
            ["SingleSignOn:Groups:0:Group"] = "secops",
            ["SingleSignOn:Groups:0:Teams:0"] = "security",
        });
        var ada = await app.AddUserAsync("ada@example.com", ["security", "legal"], UserRole.Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderSignIn>().SignInAsync(
                new ProviderIdentity("https://login.example.com", "kim", "kim@example.com", true, "Kim", ["secops"], null), CancellationToken.None);
        }

        var teams = await Cli.RunAsync(app, ada.Token, "people", "teams", "kim@example.com", "--team", "legal");
        var role = await Cli.RunAsync(app, ada.Token, "people", "role", "kim@example.com", "admin");
        var shown = await Cli.RunAsync(app, ada.Token, "people", "show", "kim@example.com");

        teams.AssertFailed(ExitCodes.Refused, "Kim's teams and role come from the single sign-on provider (Example ID)");
        role.AssertFailed(ExitCodes.Refused, "Kim's teams and role come from the single sign-on provider (Example ID)");
        shown.AssertSucceeded();
        Assert.Equal("  person, member, teams security", shown.Lines[1]);
        Assert.Equal("  signs in through single sign-on, whose groups give their teams and role", shown.Lines[3]);
        Assert.Contains("You may not change: Kim's teams and role come from the single sign-on provider", shown.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_service_account_gets_a_token_printed_once_which_works_until_it_is_revoked(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);

        var added = await Cli.RunAsync(app, ada.Token, "service-accounts", "add", "--email", "bot@example.com", "--name", "Release pipeline", "--team", "security");
        var issued = await Cli.RunAsync(app, ada.Token, "service-accounts", "token", "bot@example.com", "--name", "ci", "--days", "30");
        var secret = issued.LastLine;
        var used = await Cli.RunAsync(app, secret, "communications", "list");
        var listed = await Cli.RunAsync(app, ada.Token, "service-accounts", "list");
        var tokenId = issued.Lines[0][^36..];
        var revoked = await Cli.RunAsync(app, ada.Token, "service-accounts", "revoke", "bot@example.com", tokenId);
        var refused = await Cli.RunAsync(app, secret, "communications", "list");

        added.AssertSucceeded();
        Assert.Matches("^Added the service account bot@example\\.com \\(Release pipeline\\), member with teams security\\. Id: [0-9a-f-]{36}$", added.LastLine);
        issued.AssertSucceeded();
        Assert.Matches("^Issued the token 'ci' \\(scm_.{6}…\\), expires 2026-12-02 09:00 UTC\\. Id: [0-9a-f-]{36}$", issued.Lines[0]);
        Assert.Matches("^scm_[A-Za-z0-9_-]{43}$", secret);
        used.AssertSucceeded();
        Assert.Matches("^bot@example\\.com +Release pipeline +service-account +member +security +active +2026-11-02 09:00 UTC +[0-9a-f-]{36}$", listed.Lines[1]);
        Assert.Equal(2, listed.Lines.Count);
        revoked.AssertSucceeded();
        Assert.StartsWith("Revoked the token 'ci'", revoked.LastLine, StringComparison.Ordinal);
        refused.AssertFailed(ExitCodes.Refused, "The access token has been revoked.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Refusals_and_bad_input_are_one_line_on_stderr_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var before = await EventsAsync(app);

        var member = await Cli.RunAsync(app, sam.Token, "people", "list");
        var herself = await Cli.RunAsync(app, ada.Token, "people", "deactivate", "ada@example.com");
        var unknown = await Cli.RunAsync(app, ada.Token, "people", "show", "nobody@example.com");
        var neither = await Cli.RunAsync(app, ada.Token, "people", "show", "sam");
        var team = await Cli.RunAsync(app, ada.Token, "people", "teams", "sam@example.com", "--team", "wizards");
        var noTeams = await Cli.RunAsync(app, ada.Token, "people", "teams", "sam@example.com");
        var badRole = await Cli.RunAsync(app, ada.Token, "people", "role", "sam@example.com", "boss");
        var both = await Cli.RunAsync(app, ada.Token, "people", "invite", "--email", "x@example.com", "--name", "X", "--admin", "--viewer");
        var personToken = await Cli.RunAsync(app, ada.Token, "service-accounts", "token", "sam@example.com", "--name", "mine");

        member.AssertFailed(ExitCodes.Refused, "Your role or teams do not allow this.");
        herself.AssertFailed(ExitCodes.Refused, "You cannot deactivate yourself: ask another administrator.");
        unknown.AssertFailed(ExitCodes.Refused, "No one has the email nobody@example.com");
        neither.AssertFailed(ExitCodes.Usage, "'sam' is neither an email nor an id");
        team.AssertFailed(ExitCodes.Refused, "Unknown team(s): 'wizards'.");
        noTeams.AssertFailed(ExitCodes.Usage, "Give their teams with --team");
        badRole.AssertFailed(ExitCodes.Usage, "boss");
        both.AssertFailed(ExitCodes.Usage, "--admin and --viewer cannot be combined.");
        personToken.AssertFailed(ExitCodes.Refused, "A person's tokens are their own");
        Assert.Equal(before, await EventsAsync(app));
    }

    private static async Task<int> EventsAsync(SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditEvents.CountAsync();
    }
}
