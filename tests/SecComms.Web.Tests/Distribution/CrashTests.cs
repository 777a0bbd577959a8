using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Advisories;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Distribution;

/// <summary>
/// The web host killed with SIGKILL in the middle of a dispatch, again and again, and started again each time: every
/// recipient still gets the message, and the only repeats are the messages in flight at each kill.
/// </summary>
public sealed class CrashTests
{
    private const int Recipients = 2000;
    private const int Kills = 3;

    /// <summary>A short lease, so a restarted host takes the rows the killed one held; small batches, so few are in flight.</summary>
    private static readonly DistributionOptions Sending = new()
    {
        Concurrency = 4,
        ClaimBatch = 50,
        OutcomeBatch = 20,
        ClaimLease = TimeSpan.FromSeconds(2),
        PollInterval = TimeSpan.FromMilliseconds(200),
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_dispatch_killed_three_times_reaches_every_recipient_with_at_most_the_in_flight_messages_repeated(string provider)
    {
        await using var relay = await TestSmtpServer.StartAsync();
        // 4 connections at 10 ms a message: about 400 messages a second, so each kill lands with most still to send.
        relay.Delay = TimeSpan.FromMilliseconds(10);
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var host = await WebHostProcess.StartAsync(database.Options, new Dictionary<string, string?>
        {
            ["Mail:Mode"] = "smtp",
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = relay.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Security"] = "none",
            ["Distribution:Concurrency"] = Sending.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["Distribution:ClaimBatch"] = Sending.ClaimBatch.ToString(CultureInfo.InvariantCulture),
            ["Distribution:OutcomeBatch"] = Sending.OutcomeBatch.ToString(CultureInfo.InvariantCulture),
            ["Distribution:ClaimLease"] = Sending.ClaimLease.ToString(),
            ["Distribution:PollInterval"] = Sending.PollInterval.ToString(),
        });
        var (author, approver) = await PeopleAsync(database, host);
        var dispatch = await PublishToEveryoneAsync(author, approver);

        var kills = new List<string>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            var before = relay.Received.Count;
            await WaitUntilAsync(() => relay.Received.Count > before, TimeSpan.FromMinutes(1), $"the host sent nothing after start {kill}:\n{host.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 800)));
            await host.KillAsync();
            var reached = Reached(relay, dispatch).Count;
            kills.Add($"kill {kill} after {reached} recipients");
            Assert.True(reached < Recipients, $"Kill {kill} came after the dispatch had reached everyone ({string.Join(", ", kills)}).");
            await host.RestartAsync();
        }
        var done = await WaitForCompletionAsync(author.Client, dispatch, host);

        var received = Reached(relay, dispatch);
        var duplicates = received.Values.Sum() - received.Count;
        var context = $"{string.Join(", ", kills)}; {duplicates} duplicates";
        Assert.True(received.Count == Recipients, $"{Recipients - received.Count} recipients got nothing ({context}).");
        Assert.True(duplicates <= Kills * Sending.InFlightBound, $"More than {Kills} × {Sending.InFlightBound} messages were sent twice ({context}).");
        var counts = done.GetProperty("counts");
        Assert.Equal(Recipients, counts.GetProperty("sent").GetInt32());
        Assert.Equal(0, counts.GetProperty("failed").GetInt32());
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());
    }

    private static async Task<(TestUser Author, TestUser Approver)> PeopleAsync(TestDatabase database, WebHostProcess host)
    {
        await using var services = database.CreateServices();
        async Task<TestUser> AddAsync(string email, UserRole role)
        {
            await using var scope = services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserDirectory>()
                .AddAsync(new NewUser(email, email.Split('@')[0], ["security"], role, null), new TeamGrantor.InstallationOperator("test-setup", "The test setup"), CancellationToken.None);
            var token = await scope.ServiceProvider.GetRequiredService<AccessTokens>().IssueAsync(Actor.From(user), "test", null, null, CancellationToken.None);
            return new TestUser(user.Id, email, token.Secret!, host.ClientWithToken(token.Secret!));
        }
        return (await AddAsync("alice@example.com", UserRole.Admin), await AddAsync("sam@example.com", UserRole.Member));
    }

    /// <summary>Imports the recipients, 20 to an organization, and publishes a security release to all of them; returns the dispatch's id.</summary>
    private static async Task<string> PublishToEveryoneAsync(TestUser author, TestUser approver)
    {
        var csv = new StringBuilder("email,name,organization,subscribed\n");
        for (var i = 1; i <= Recipients; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"contact{i}@customer{i / 20}.example.com,Contact {i},Customer {i / 20},yes\n");
        }
        var imported = await (await author.Client.PostAsync("/api/v1/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).JsonAsync();
        Assert.Equal(Recipients, imported.GetProperty("created").GetInt32());
        await (await author.Client.PostJsonAsync("/api/v1/audiences", new { key = "everyone", name = "Everyone" })).JsonAsync(HttpStatusCode.Created);
        var id = await PublicSiteApi.ApprovedAsync(author, approver, "Upgrade to 18.4.2", "customer-security-notice");
        await (await author.Client.PutAsJsonAsync($"/api/v1/communications/{id}/audience", new { segment = "everyone" })).JsonAsync();
        // The audience is part of what an approval covers: choosing it returns the post to its approver.
        var addressed = await (await approver.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, id, "approve", addressed.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.PublishAsync(author.Client, id)).JsonAsync();
        var dispatches = await (await author.Client.GetAsync($"/api/v1/communications/{id}/dispatches")).JsonAsync();
        var dispatch = Assert.Single(dispatches.EnumerateArray());
        Assert.Equal(Recipients, dispatch.GetProperty("recipients").GetInt32());
        return dispatch.GetProperty("id").GetString() ?? "";
    }

    /// <summary>How many times each recipient got the dispatch's message, told by its Message-ID.</summary>
    private static Dictionary<string, int> Reached(TestSmtpServer relay, string dispatch)
    {
        var prefix = Guid.Parse(dispatch).ToString("N") + ".";
        return relay.Received.Where(m => m.Message.MessageId?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .SelectMany(m => m.To).GroupBy(to => to).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<JsonElement> WaitForCompletionAsync(HttpClient client, string dispatch, WebHostProcess host)
    {
        JsonElement view = default;
        await WaitUntilAsync(async () =>
        {
            view = await (await client.GetAsync($"/api/v1/dispatches/{dispatch}")).JsonAsync();
            return view.GetProperty("completedAt").ValueKind != JsonValueKind.Null;
        }, TimeSpan.FromMinutes(3), $"the dispatch did not complete:\n{host.Output}");
        return view;
    }

    private static Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, string failure) => WaitUntilAsync(() => Task.FromResult(done()), timeout, failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, string failure)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (!await done())
        {
            Assert.True(DateTimeOffset.UtcNow < until, $"After {timeout}, {failure}");
            await Task.Delay(50);
        }
    }
}
