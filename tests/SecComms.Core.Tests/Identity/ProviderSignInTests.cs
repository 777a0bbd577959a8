using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Testing;

namespace SecComms.Core.Tests.Identity;

/// <summary>The single sign-on rules: who signs in through the provider, how an account is found or made, and what the provider's groups change.</summary>
public sealed class ProviderSignInTests : IAsyncLifetime
{
    private const string Issuer = "https://login.example.com";

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync(Data.DatabaseOptions.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Someone_unknown_is_refused_unless_people_are_created_and_then_gets_the_teams_and_role_of_their_groups()
    {
        await using (var closed = Node())
        {
            var refused = await SignInAsync(closed, Identity("kim", "kim@example.com", "secops"));
            Assert.Equal(ProviderSignInRefusal.NoAccount, refused.Refusal);
        }
        await using var open = Node(createPeople: true);

        var notMapped = await SignInAsync(open, Identity("lou", "lou@example.com", "marketing-all"));
        var kim = (await SignInAsync(open, Identity("kim", "kim@example.com", "secops", "seccomms-admins"))).User!;

        Assert.Equal(ProviderSignInRefusal.NoMappedGroup, notMapped.Refusal);
        await using var db = _database.CreateContext();
        var stored = await db.Users.Include(u => u.Teams).SingleAsync(u => u.Email == "kim@example.com");
        Assert.Equal(["security"], stored.Teams.Select(t => t.Team));
        Assert.Equal(UserRole.Admin, stored.Role);
        Assert.True(stored.ManagedByProvider);
        Assert.Equal((Issuer, "kim"), (stored.ProviderIssuer, stored.ProviderSubject));
        Assert.Equal(kim.Id, stored.Id);
        Assert.Null(stored.PasswordHash);
        Assert.False(await db.Users.AnyAsync(u => u.Email == "lou@example.com"));
        Assert.Equal(["user.created", "user.linked-to-provider", "user.signed-in"],
            await db.AuditEvents.Where(e => e.Entity == $"user:{kim.Id}").OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
        Assert.Equal("single-sign-on", (await db.AuditEvents.SingleAsync(e => e.Action == "user.created")).Actor);
    }

    [Fact]
    public async Task An_existing_account_is_linked_by_its_email_only_when_the_provider_verified_it_and_once()
    {
        await using var node = Node();
        var ada = await AddAsync(node, "ada@example.com", ["legal"]);

        var unverified = await SignInAsync(node, Identity("ada-sub", "ADA@example.com", "secops") with { EmailVerified = false });
        var linked = await SignInAsync(node, Identity("ada-sub", "ADA@example.com", "secops"));
        var impostor = await SignInAsync(node, Identity("other-sub", "ada@example.com", "secops"));

        Assert.Equal(ProviderSignInRefusal.EmailNotVerified, unverified.Refusal);
        Assert.Equal(ada.UserId, linked.User?.Id);
        Assert.Equal(ProviderSignInRefusal.LinkedToAnother, impostor.Refusal);
        await using var db = _database.CreateContext();
        var stored = await db.Users.Include(u => u.Teams).SingleAsync(u => u.Id == ada.UserId);
        Assert.Equal("ada-sub", stored.ProviderSubject);
        Assert.Equal(["security"], stored.Teams.Select(t => t.Team));
        Assert.Equal("ADA@example.com", stored.Email);
        var linkedEvent = await db.AuditEvents.SingleAsync(e => e.Action == "user.linked-to-provider");
        Assert.Contains("ada-sub", linkedEvent.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_the_provider_does_not_verify_links_when_the_operator_says_its_addresses_are_verified()
    {
        await using var node = Node(extra: new() { ["SingleSignOn:EmailsAreVerified"] = "true" });
        var ada = await AddAsync(node, "ada@example.com", []);

        var linked = await SignInAsync(node, Identity("ada-sub", "ada@example.com", "secops") with { EmailVerified = false });

        Assert.Equal(ada.UserId, linked.User?.Id);
    }

    [Fact]
    public async Task Deactivated_people_and_service_accounts_are_refused_and_nothing_changes()
    {
        await using var node = Node(createPeople: true);
        var admin = await AddAsync(node, "root@example.com", ["security"], UserRole.Admin);
        var kim = (await SignInAsync(node, Identity("kim", "kim@example.com", "secops"))).User!;
        await using (var scope = node.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<People>().DeactivateAsync(admin, kim.Id, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<People>().AddServiceAccountAsync(admin,
                new NewServiceAccount("bot@example.com", "Bot", [], UserRole.Member), CancellationToken.None);
        }
        await using var before = _database.CreateContext();
        var events = await before.AuditEvents.CountAsync();

        var deactivated = await SignInAsync(node, Identity("kim", "kim@example.com", "secops", "legal-team"));
        var service = await SignInAsync(node, Identity("bot", "bot@example.com", "secops"));

        Assert.Equal(ProviderSignInRefusal.Deactivated, deactivated.Refusal);
        Assert.Equal(ProviderSignInRefusal.ServiceAccount, service.Refusal);
        await using var db = _database.CreateContext();
        Assert.Equal(events, await db.AuditEvents.CountAsync());
        Assert.Equal(["security"], await db.TeamMemberships.Where(t => t.UserId == kim.Id).Select(t => t.Team).ToListAsync());
        Assert.Null(await db.Users.Where(u => u.Email == "bot@example.com").Select(u => u.ProviderSubject).SingleAsync());
    }

    [Fact]
    public async Task Each_sign_in_follows_the_provider_groups_name_and_email_audits_each_change_and_tells_the_security_team()
    {
        await using var node = Node(createPeople: true);
        await AddAsync(node, "sam@example.com", ["security"]);
        var kim = (await SignInAsync(node, Identity("kim", "kim@example.com", "legal-team"))).User!;
        await using (var db = _database.CreateContext())
        {
            await db.Notifications.ExecuteDeleteAsync();
        }

        await SignInAsync(node, Identity("kim", "kim.k@example.com", "secops", "seccomms-viewers") with { Name = "Kim Kowalski" });

        await using var after = _database.CreateContext();
        var stored = await after.Users.Include(u => u.Teams).SingleAsync(u => u.Id == kim.Id);
        Assert.Equal(["security"], stored.Teams.Select(t => t.Team));
        Assert.Equal(UserRole.Viewer, stored.Role);
        Assert.Equal(("kim.k@example.com", "Kim Kowalski"), (stored.Email, stored.Name));
        var changes = await after.AuditEvents.Where(e => e.Entity == $"user:{kim.Id}" && e.Actor == "single-sign-on").OrderBy(e => e.Seq).ToListAsync();
        Assert.Equal(["user.created", "user.linked-to-provider", "user.details-changed", "user.teams-changed", "user.role-changed"],
            changes.Select(e => e.Action));
        Assert.Contains("\"added\":[\"security\"]", changes.Single(e => e.Action == "user.teams-changed").Data, StringComparison.Ordinal);
        Assert.Contains("\"removed\":[\"legal\"]", changes.Single(e => e.Action == "user.teams-changed").Data, StringComparison.Ordinal);
        var told = await after.Notifications.SingleAsync();
        Assert.Equal("sam@example.com", told.Recipient);
        Assert.Contains("Added to: security.", told.Body, StringComparison.Ordinal);
        Assert.Contains("single sign-on provider", told.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_every_mapped_group_locks_a_person_out()
    {
        await using var node = Node(createPeople: true);
        var kim = (await SignInAsync(node, Identity("kim", "kim@example.com", "secops"))).User!;

        var refused = await SignInAsync(node, Identity("kim", "kim@example.com", "everyone"));

        Assert.Equal(ProviderSignInRefusal.NoMappedGroup, refused.Refusal);
        await using var db = _database.CreateContext();
        Assert.Equal(["security"], await db.TeamMemberships.Where(t => t.UserId == kim.Id).Select(t => t.Team).ToListAsync());
    }

    [Fact]
    public async Task The_teams_and_role_of_a_person_the_provider_manages_cannot_be_changed_by_an_administrator()
    {
        await using var node = Node(createPeople: true);
        var admin = await AddAsync(node, "root@example.com", ["security", "legal"], UserRole.Admin);
        var kim = (await SignInAsync(node, Identity("kim", "kim@example.com", "secops"))).User!;
        await using var scope = node.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<People>();

        var teams = await Assert.ThrowsAsync<ConflictException>(() => people.ChangeAsync(admin, kim.Id, new PersonChange(["security", "legal"], null), CancellationToken.None));
        var role = await Assert.ThrowsAsync<ConflictException>(() => people.ChangeAsync(admin, kim.Id, new PersonChange(null, UserRole.Admin), CancellationToken.None));
        var reset = await Assert.ThrowsAsync<ConflictException>(() => people.ResetPasswordAsync(admin, kim.Id, CancellationToken.None));
        var details = await people.GetAsync(admin, kim.Id, CancellationToken.None);

        Assert.Contains("come from the single sign-on provider", teams.Message, StringComparison.Ordinal);
        Assert.Contains("come from the single sign-on provider", role.Message, StringComparison.Ordinal);
        Assert.Contains("signs in through the single sign-on provider", reset.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PersonAction.Change, details.Allowed);
        Assert.Contains(details.Refused, r => r.Action == PersonAction.Change);
        Assert.True(details.Person.ManagedByProvider);
        Assert.Equal(["security"], details.Person.Teams);
        Assert.Equal(UserRole.Member, details.Person.Role);
    }

    [Fact]
    public async Task A_person_the_provider_manages_has_no_password_sign_in()
    {
        await using var node = Node();
        await AddAsync(node, "ada@example.com", [], password: "correct horse battery staple");
        await using (var scope = node.CreateAsyncScope())
        {
            var before = await scope.ServiceProvider.GetRequiredService<PasswordSignIn>()
                .SignInAsync(new SignInAttempt("ada@example.com", "correct horse battery staple", null, null), CancellationToken.None);
            Assert.NotNull(before);
        }

        await SignInAsync(node, Identity("ada", "ada@example.com", "secops"));

        await using var after = node.CreateAsyncScope();
        Assert.Null(await after.ServiceProvider.GetRequiredService<PasswordSignIn>()
            .SignInAsync(new SignInAttempt("ada@example.com", "correct horse battery staple", null, null), CancellationToken.None));
    }

    [Fact]
    public async Task With_local_passwords_off_no_password_sign_in_link_or_invitation_is_made()
    {
        await using var node = Node(extra: new() { ["SingleSignOn:LocalPasswords"] = "false" });
        var admin = await AddAsync(node, "root@example.com", ["security"], UserRole.Admin, "correct horse battery staple");
        await using var scope = node.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<People>();

        var signIn = await Assert.ThrowsAsync<ForbiddenException>(() => scope.ServiceProvider.GetRequiredService<PasswordSignIn>()
            .SignInAsync(new SignInAttempt("root@example.com", "correct horse battery staple", null, null), CancellationToken.None));
        var invite = await Assert.ThrowsAsync<ConflictException>(() => people.AddAsync(admin, new NewPerson("a@example.com", "A", [], null, true), CancellationToken.None));
        var added = await people.AddAsync(admin, new NewPerson("b@example.com", "B", [], null, null), CancellationToken.None);
        var reset = await Assert.ThrowsAsync<ConflictException>(() => people.ResetPasswordAsync(admin, added.Details.Person.Id, CancellationToken.None));

        Assert.Contains("turned off", signIn.Message, StringComparison.Ordinal);
        Assert.Contains("turned off", invite.Message, StringComparison.Ordinal);
        Assert.Contains("turned off", reset.Message, StringComparison.Ordinal);
        Assert.Null(added.Link);
        await using var db = _database.CreateContext();
        Assert.False(await db.PasswordLinks.AnyAsync());
        Assert.False(await db.Users.AnyAsync(u => u.Email == "a@example.com"));
    }

    [Fact]
    public async Task The_provider_logout_ends_the_sessions_of_the_person_it_names_by_subject_or_by_session()
    {
        await using var node = Node(createPeople: true);
        var kim = (await SignInAsync(node, Identity("kim", "kim@example.com", "secops") with { SessionId = "sid-1" })).User!;
        var lou = (await SignInAsync(node, Identity("lou", "lou@example.com", "secops") with { SessionId = "sid-2" })).User!;
        var stamps = await StampsAsync();

        await using (var scope = node.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<ProviderSignIn>();
            Assert.Equal(1, await signIn.EndSessionsAsync(Issuer, "kim", null, CancellationToken.None));
            Assert.Equal(0, await signIn.EndSessionsAsync("https://elsewhere.example.com", "lou", "sid-2", CancellationToken.None));
        }
        var afterKim = await StampsAsync();
        await using (var scope = node.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ProviderSignIn>().EndSessionsAsync(Issuer, null, "sid-2", CancellationToken.None));
        }
        var afterLou = await StampsAsync();

        Assert.NotEqual(stamps[kim.Id], afterKim[kim.Id]);
        Assert.Equal(stamps[lou.Id], afterKim[lou.Id]);
        Assert.NotEqual(afterKim[lou.Id], afterLou[lou.Id]);
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "user.sessions-ended"));
    }

    private async Task<Dictionary<Guid, string>> StampsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Users.ToDictionaryAsync(u => u.Id, u => u.SecurityStamp);
    }

    private static ProviderIdentity Identity(string subject, string email, params string[] groups) =>
        new(Issuer, subject, email, EmailVerified: true, Name: subject, groups, SessionId: null);

    private static async Task<ProviderSignInResult> SignInAsync(ServiceProvider node, ProviderIdentity identity)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProviderSignIn>().SignInAsync(identity, CancellationToken.None);
    }

    private static async Task<Actor> AddAsync(ServiceProvider node, string email, string[] teams, UserRole role = UserRole.Member, string? password = null)
    {
        await using var scope = node.CreateAsyncScope();
        return Actor.From(await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(new NewUser(email, email.Split('@')[0], teams, role, password), new TeamGrantor.InstallationOperator("test", "The test setup"), CancellationToken.None));
    }

    private ServiceProvider Node(bool createPeople = false, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Options.Provider,
            ["Database:ConnectionString"] = _database.Options.ConnectionString,
            ["SecComms:BaseUrl"] = "http://localhost",
            ["Mail:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "seccomms-mail-" + Guid.NewGuid().ToString("N")),
            ["SingleSignOn:Authority"] = Issuer,
            ["SingleSignOn:ClientId"] = "seccomms",
            ["SingleSignOn:ClientSecret"] = "secret",
            ["SingleSignOn:DisplayName"] = "Example ID",
            ["SingleSignOn:CreatePeople"] = createPeople ? "true" : "false",
            ["SingleSignOn:Groups:0:Group"] = "secops",
            ["SingleSignOn:Groups:0:Teams:0"] = "security",
            ["SingleSignOn:Groups:1:Group"] = "legal-team",
            ["SingleSignOn:Groups:1:Teams:0"] = "legal",
            ["SingleSignOn:Groups:2:Group"] = "seccomms-admins",
            ["SingleSignOn:Groups:2:Role"] = "admin",
            ["SingleSignOn:Groups:3:Group"] = "seccomms-viewers",
            ["SingleSignOn:Groups:3:Role"] = "viewer",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSecCommsCore(configuration).AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)))
            .BuildServiceProvider(validateScopes: true);
    }
}
