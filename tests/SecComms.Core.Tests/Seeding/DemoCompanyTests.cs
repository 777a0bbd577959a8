using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Advisories;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Seeding;
using SecComms.Testing;

namespace SecComms.Core.Tests.Seeding;

public sealed class DemoCompanyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_demo_company_has_every_team_category_and_state_and_its_people_sign_in_with_the_passwords_printed(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = database.CreateServices();
        var policy = services.GetRequiredService<PolicyStore>().Current;

        IReadOnlyList<SeededPerson> people;
        await using (var scope = services.CreateAsyncScope())
        {
            people = await scope.ServiceProvider.GetRequiredService<DemoCompany>().SeedAsync(CancellationToken.None);
        }

        await using var read = services.CreateAsyncScope();
        var db = read.ServiceProvider.GetRequiredService<SecCommsDb>();
        Assert.Equal(policy.Teams.Keys.Order(), people.SelectMany(p => p.Actor.Teams).Distinct().Order());
        Assert.Contains(people, p => p.Actor.Role == UserRole.Admin);
        Assert.Contains(people, p => p.Actor.Role == UserRole.Viewer);
        var hasher = read.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        foreach (var person in people)
        {
            var user = await db.Users.SingleAsync(u => u.Id == person.Actor.UserId);
            Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, person.Password));
        }
        var communications = await db.Communications.AsNoTracking().ToListAsync();
        Assert.Equal(policy.Categories.Keys.Order(), communications.Select(c => c.Category).Distinct().Order());
        Assert.Equal(Enum.GetValues<CommunicationStatus>(), communications.Select(c => c.Status).Distinct().Order());
        var releases = await db.SecurityReleases.AsNoTracking().ToListAsync();
        releases = [.. releases.OrderBy(r => r.Number)];
        Assert.Equal([ReleaseKind.Planned, ReleaseKind.Planned, ReleaseKind.Critical], releases.Select(r => r.Kind));
        Assert.Equal([ReleaseStatus.Published, ReleaseStatus.Preparing, ReleaseStatus.Preparing], releases.Select(r => r.Status));
        Assert.Equal(3, await db.Vulnerabilities.CountAsync(v => v.ReleaseId == releases[1].Id));
        var shipped = communications.Where(c => c.ReleaseId == releases[0].Id).ToList();
        Assert.Equal([ReleasePart.BlogPost, ReleasePart.CustomerEmail, ReleasePart.Advisory, ReleasePart.Advisory], shipped.Select(c => c.ReleasePart!.Value).Order());
        Assert.All(shipped, c => Assert.Equal(CommunicationStatus.Published, c.Status));
        Assert.All(communications.Where(c => c.ReleaseId is not null && c.ReleaseId != releases[0].Id), c => Assert.Equal(CommunicationStatus.InReview, c.Status));
        await AssertPublicAdvisoriesAsync(read.ServiceProvider.GetRequiredService<PublicEntries>(), shipped.Single(c => c.ReleasePart == ReleasePart.BlogPost));
        Assert.Contains(await db.Incidents.AsNoTracking().ToListAsync(), i => i.Severity == IncidentSeverity.S1);
        var exception = await db.PolicyExceptions.AsNoTracking().SingleAsync();
        Assert.Equal(ExceptionStatus.Approved, exception.Status);
        Assert.True(exception.ExpiresAt < DateTimeOffset.UtcNow.AddDays(4));
        Assert.True(await db.Contacts.CountAsync() >= 10);
        Assert.True((await read.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken: CancellationToken.None)).Valid);
    }

    /// <summary>The release post is on the public site and links its advisories, each with its severity.</summary>
    private static async Task AssertPublicAdvisoriesAsync(PublicEntries entries, Communication post)
    {
        var advisories = (await entries.GetAsync(post.Reference, CancellationToken.None)).Facts.Advisories;
        var severities = new List<string>();
        foreach (var link in advisories)
        {
            var advisory = await entries.GetAsync(link.Reference, CancellationToken.None);
            Assert.True(advisory.Facts.IsAdvisory);
            Assert.Equal(post.Reference, advisory.Facts.ReleasePost?.Reference);
            severities.Add(advisory.Facts.Severity!.Level);
        }
        Assert.Equal(["High", "Medium"], severities.Order());
    }

    [Fact]
    public async Task The_demo_refuses_a_database_that_holds_anything_and_adds_nothing_to_it()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseOptions.Sqlite);
        await using var services = database.CreateServices();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserDirectory>().AddAsync(new NewUser("ops@example.com", "Ops", [], UserRole.Admin, null),
                new TeamGrantor.InstallationOperator("test", "The test setup"), CancellationToken.None);
        }

        await using var demo = services.CreateAsyncScope();
        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            demo.ServiceProvider.GetRequiredService<DemoCompany>().SeedAsync(CancellationToken.None));

        Assert.Contains("already holds data", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await demo.ServiceProvider.GetRequiredService<SecCommsDb>().Users.CountAsync());
    }
}
