using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Seeding;
using SecComms.Testing;

namespace SecComms.Core.Tests.Seeding;

public sealed class SeederBatchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_commits_whole_on_the_audit_chain_and_a_refused_step_rolls_back_only_its_batch(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = database.CreateServices();
        var seed = services.GetRequiredService<Seeder>();
        var author = (await seed.PersonAsync("sam@example.com", "Sam", [Actor.SecurityTeam], UserRole.Member, CancellationToken.None)).Actor;
        var committed = new List<int>();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => seed.BatchAsync(5, 2, (scope, i) =>
            scope.GetRequiredService<CommunicationService>().CreateAsync(author,
                new NewCommunication(i == 3 ? "no-such-category" : "bug-bounty-update", $"Bounty news {i}", null, null, null), CancellationToken.None),
            committed.Add, CancellationToken.None));

        Assert.Contains("no-such-category", refused.Message);
        Assert.Equal([2], committed);
        await using var read = services.CreateAsyncScope();
        var db = read.ServiceProvider.GetRequiredService<SecCommsDb>();
        Assert.Equal(["Bounty news 0", "Bounty news 1"], await db.Communications.OrderBy(c => c.Number).Select(c => c.Title).ToListAsync());
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "communication.created"));
        var verification = await read.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verification.Valid, verification.Problem);
    }
}
