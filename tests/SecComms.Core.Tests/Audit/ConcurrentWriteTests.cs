using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Core.Tests.Audit;

public sealed class ConcurrentWriteTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Simultaneous_changes_keep_one_unbroken_chain_and_distinct_numbers(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = database.CreateServices();
        var alice = await AliceAsync(services);

        var references = await Task.WhenAll(Enumerable.Range(1, 24).Select(async i =>
        {
            await using var scope = services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<CommunicationService>()
                .CreateAsync(alice, new NewCommunication("security-release", $"Release {i}", null, null, null), CancellationToken.None);
            return created.Reference;
        }));

        Assert.Equal(24, references.Distinct().Count());
        await using var verifyScope = services.CreateAsyncScope();
        var verification = await verifyScope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verification.Valid, verification.Problem);
        Assert.Equal(1 + 24, verification.EventCount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sixteen_writers_creating_and_editing_at_once_leave_every_revision_in_one_verifiable_chain(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = database.CreateServices();
        var alice = await AliceAsync(services);
        Guid shared;
        await using (var setup = services.CreateAsyncScope())
        {
            shared = (await setup.ServiceProvider.GetRequiredService<CommunicationService>()
                .CreateAsync(alice, new NewCommunication("security-release", "Shared", null, null, null), CancellationToken.None)).Id;
        }

        var revisions = await Task.WhenAll(Enumerable.Range(1, 16).Select(async i =>
        {
            await using var scope = services.CreateAsyncScope();
            var communications = scope.ServiceProvider.GetRequiredService<CommunicationService>();
            var created = await communications.CreateAsync(alice, new NewCommunication("security-release", $"Release {i}", null, null, null), CancellationToken.None);
            var own = await communications.ReviseAsync(alice, created.Id, 1, new ContentInput(null, $"Body {i}", null, null, null), "Clearer", CancellationToken.None);
            await communications.ReviseAsync(alice, shared, null, new ContentInput(null, $"Shared body {i}", null, null, null), null, CancellationToken.None);
            return own.Revision.Number;
        }));

        Assert.All(revisions, number => Assert.Equal(2, number));
        await using var db = database.CreateContext();
        Assert.Equal(Enumerable.Range(1, 17), (await db.Revisions.Where(r => r.CommunicationId == shared).Select(r => r.Number).ToListAsync()).Order());
        Assert.Equal(17, (await db.Communications.SingleAsync(c => c.Id == shared)).CurrentRevision);
        await using var verifyScope = services.CreateAsyncScope();
        var verification = await verifyScope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verification.Valid, verification.Problem);
        Assert.Equal(1 + 1 + 16 * 3, verification.EventCount);
    }

    private static async Task<Actor> AliceAsync(IServiceProvider services)
    {
        await using var setup = services.CreateAsyncScope();
        return Actor.From(await setup.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(new NewUser("alice@example.com", "Alice", ["security"], UserRole.Member, null), new TeamGrantor.InstallationOperator("test", "The test setup"), CancellationToken.None));
    }
}
