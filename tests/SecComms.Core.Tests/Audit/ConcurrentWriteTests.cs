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
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var actor = new Actor(alice.Id, alice.Email, "alice", UserRole.Member, new HashSet<string> { "security" });

        var references = await Task.WhenAll(Enumerable.Range(1, 24).Select(async i =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<CommunicationService>();
            var created = await service.CreateAsync(actor, new NewCommunication("security-release", $"Release {i}", null, null, null), CancellationToken.None);
            return created.Reference;
        }));

        Assert.Equal(24, references.Distinct().Count());
        await using var verifyScope = app.Services.CreateAsyncScope();
        var verification = await verifyScope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verification.Valid, verification.Problem);
        Assert.Equal(1 + 2 + 24, verification.EventCount);
    }
}
