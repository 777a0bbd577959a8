using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecComms.Core.Audit;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Core.Tests.Exceptions;

/// <summary>Two web nodes on one database run the sweep at the same moment; each expiry and reminder still happens once.</summary>
public sealed class SweepConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sweeps_on_two_nodes_at_once_expire_and_remind_each_exception_once(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var first = Node(database, time);
        await using var second = Node(database, time);
        var lee = await AddUserAsync(first, "lee@example.com", "legal");
        var sam = await AddUserAsync(first, "sam@example.com", "security");
        var requests = new (int Days, string Rule)[] { (10, "Short"), (30, "Long"), (30, "Also long") };
        foreach (var (days, rule) in requests)
        {
            await using var scope = first.CreateAsyncScope();
            var register = scope.ServiceProvider.GetRequiredService<ExceptionRegister>();
            var entry = await register.RequestAsync(lee, new ExceptionRequest(rule, null, null, "Why", "Nothing else", "Watching", "low", days), CancellationToken.None);
            await register.ApproveAsync(sam, entry.Id, null, CancellationToken.None);
        }
        time.Advance(TimeSpan.FromDays(16));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = (i % 2 == 0 ? first : second).CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ExceptionSweep>().RunAsync(CancellationToken.None);
        }));

        Assert.All(results, r => Assert.Empty(r.Failures));
        Assert.Equal(["EX-1"], results.SelectMany(r => r.Expired));
        Assert.Equal(["EX-2", "EX-3"], results.SelectMany(r => r.Reminded).Order(StringComparer.Ordinal));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "exception.expired"));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "exception.reminder-sent"));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.Key.StartsWith("exception-expired:")));
        Assert.Equal(4, await db.Notifications.CountAsync(n => n.Key.StartsWith("exception-reminder:")));
        await using var verify = first.CreateAsyncScope();
        var chain = await verify.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(chain.Valid, chain.Problem);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Simultaneous_requests_get_distinct_references(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var node = Node(database, new FakeTimeProvider());
        var lee = await AddUserAsync(node, "lee@example.com", "legal");

        var references = await Task.WhenAll(Enumerable.Range(1, 12).Select(async i =>
        {
            await using var scope = node.CreateAsyncScope();
            var entry = await scope.ServiceProvider.GetRequiredService<ExceptionRegister>()
                .RequestAsync(lee, new ExceptionRequest($"Rule {i}", null, null, "Why", "Nothing else", "Watching", "low", 7), CancellationToken.None);
            return entry.Reference;
        }));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"EX-{i}").Order(StringComparer.Ordinal), references.Order(StringComparer.Ordinal));
    }

    /// <summary>The Core services as one web node has them, on a clock the test controls.</summary>
    private static ServiceProvider Node(TestDatabase database, TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Options.Provider,
            ["Database:ConnectionString"] = database.Options.ConnectionString,
        }).Build();
        return new ServiceCollection().AddSecCommsCore(configuration).AddSingleton(time).BuildServiceProvider(validateScopes: true);
    }

    private static async Task<Actor> AddUserAsync(ServiceProvider node, string email, string team)
    {
        await using var scope = node.CreateAsyncScope();
        return Actor.From(await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(new NewUser(email, email.Split('@')[0], [team], UserRole.Member, null), new TeamGrantor.InstallationOperator("test", "The test setup"), CancellationToken.None));
    }
}
