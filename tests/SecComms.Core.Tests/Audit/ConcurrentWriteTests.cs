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
        Actor alice;
        await using (var setup = services.CreateAsyncScope())
        {
            alice = Actor.From(await setup.ServiceProvider.GetRequiredService<UserDirectory>()
                .AddAsync(new NewUser("alice@example.com", "Alice", ["security"], UserRole.Member, null), new TeamGrantor.InstallationOperator("test", "The test setup"), CancellationToken.None));
        }

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
}
